package eval

import "go/ast"

// errorType is the compiled interface type error under a name of the
// runtime helpers' package (see caseError).
const errorType = rtAlias + ".Error"

// caseError rewrites `case error` of a type switch to the same
// interface type, declared by a compiled package. The interpreter
// matches a case of an interface type against a value of a compiled
// type only when the case's type is compiled (interp/run.go, func _case:
// the check `typ.cat == valueT && ... elem.Type().Implements(rtyp)`),
// and the predeclared error is not: a recovered errors.New value went
// to the default case, though r.(error) held. The variable of a
// single-type case keeps the type error, since the compiled name is an
// alias of it.
func (rw *rewriter) caseError(p *piece, ts *ast.TypeSwitchStmt) {
	if rw.locals["error"] || (rw.know != nil && rw.know.defined("error")) {
		return
	}
	found := false
	for _, s := range ts.Body.List {
		cc, ok := s.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, x := range cc.List {
			if id, ok := x.(*ast.Ident); ok && id.Name == "error" {
				rw.add(p, id.Pos(), id.End(), errorType)
				found = true
			}
		}
	}
	// Without a variable, the interpreter matches a case by the name of
	// the value's dynamic type alone: an unused one takes the way above.
	if es, ok := ts.Assign.(*ast.ExprStmt); ok && found {
		rw.add(p, es.Pos(), es.Pos(), rw.fresh("Switch")+" := ")
	}
}
