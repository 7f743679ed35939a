package eval

import (
	"go/ast"
	"go/token"
)

// explainCrash replaces the report of a compiler crash of the interpreter
// on a cell that the type checker could not follow, when the cell holds
// a form that the session rewrites only with the checker's types (a range
// over a function, a comma-ok definition at top level): without them the
// form reaches the interpreter, which lacks it. The error then points at
// the form and says so. Other errors are returned as they are.
func (s *Session) explainCrash(e *Error, err error, code string, pieces []*piece) *Error {
	if e == nil || e.Name != "CompileError" || e.Line != 0 || !isPanic(err) || s.cellTypes.types != nil {
		return e
	}
	why := "the type checker could not follow this cell"
	if s.cellTypes.undecided != "" {
		why += " (" + s.cellTypes.undecided + ")"
	}
	for _, p := range pieces {
		if as, ok := p.stmt.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 2 && len(as.Rhs) == 1 {
			switch x := ast.Unparen(as.Rhs[0]).(type) {
			case *ast.IndexExpr, *ast.TypeAssertExpr:
				return limitError(code, p, as, commaOkLimit+why+commaOkAdvice)
			case *ast.UnaryExpr:
				if x.Op == token.ARROW {
					return limitError(code, p, as, commaOkLimit+why+commaOkAdvice)
				}
			}
		}
		var root ast.Node = p.decl
		if p.stmt != nil {
			root = p.stmt
		}
		if root == nil {
			continue
		}
		var found ast.Node
		ast.Inspect(root, func(n ast.Node) bool {
			if r, ok := n.(*ast.RangeStmt); ok && found == nil {
				found = r
			}
			return found == nil
		})
		if found != nil {
			// It may be a range over an integer, which the crash's own
			// message is about: both are said.
			return limitError(code, p, found, e.Message+"; "+rangeLimit+why+rangeAdvice)
		}
	}
	return e
}

const (
	commaOkLimit  = "the interpreter cannot make a comma-ok definition (v, ok := m[k], x.(T), <-ch) at a cell's top level; the session rewrites it with the variables' types, but "
	commaOkAdvice = ": declare the variables first (var v T; var ok bool) and assign them"
	rangeLimit    = "if this loop ranges over a function (an iterator): the interpreter has no range over functions; the session rewrites such a loop with the types of its values, but "
	rangeAdvice   = ": call the iterator with a yield function instead, seq(func(v T) bool { ...; return true })"
)

// limitError is an error at the node at.
func limitError(code string, p *piece, at ast.Node, msg string) *Error {
	line, col := lineCol(code, p.off(at.Pos()))
	return newError("CompileError", msg, code, line, col)
}
