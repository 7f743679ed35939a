package eval

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// parallelAssigns rewrites an assignment of several values at once to
// variables among which one is of an interface type,
//
//	x, err = 1, errors.New("a")  ->  { var __gornnPar1 int = 1; var __gornnPar2 error = errors.New("a"); x = __gornnPar1; err = __gornnPar2 }
//
// The interpreter copies the values into temporaries of the values' own
// types first, but converts them to the variables' types before that: x
// was left at 0, and x, err = 1, nil or err, n = HE{...}, 1 panicked
// ("reflect: New(nil)", "reflect.Set: value of type interp._error is
// not assignable"). Temporaries of the variables' types, then one
// assignment each, give Go's order: every value first, then the
// variables. Only statements of a block are rewritten (not an if's or
// for's own statement), and only when every variable is a plain name,
// whose place does not depend on the values. When every variable and
// every value is of an interface type, the interpreter gets it right and
// the statement stays as it is.
func (rw *rewriter) parallelAssigns(p *piece, root ast.Node) {
	tk, ok := rw.know.(typeKnowledge)
	if !ok || root == nil {
		return
	}
	if as, ok := p.stmt.(*ast.AssignStmt); ok && as == root {
		rw.parallelAssign(p, tk, as)
	}
	ast.Inspect(root, func(n ast.Node) bool {
		var list []ast.Stmt
		switch n := n.(type) {
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		}
		for _, s := range list {
			if as, ok := s.(*ast.AssignStmt); ok {
				rw.parallelAssign(p, tk, as)
			}
		}
		return true
	})
}

// parallelAssign rewrites one statement, if it needs it.
func (rw *rewriter) parallelAssign(p *piece, tk typeKnowledge, as *ast.AssignStmt) {
	if as.Tok != token.ASSIGN || len(as.Lhs) < 2 || len(as.Lhs) != len(as.Rhs) {
		return
	}
	toIface, allIface := false, true
	var typs []string
	for i, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return
		}
		if rt := rw.typeAt(tk, p, as.Rhs[i]); rt == nil || !types.IsInterface(rt) {
			allIface = false
		}
		if id.Name == "_" {
			typs = append(typs, "")
			continue
		}
		lt := rw.typeAt(tk, p, id)
		if lt == nil {
			return
		}
		if types.IsInterface(lt) {
			toIface = true
		} else {
			allIface = false
		}
		text, ok := tk.typeText(p.off(id.Pos()), p.off(id.End()))
		if !ok {
			return
		}
		typs = append(typs, text)
	}
	if !toIface || allIface {
		return
	}
	temps := make([]string, len(typs))
	var assigns []string
	for i, t := range typs {
		if t == "" {
			continue
		}
		temps[i] = rw.fresh("Par")
		assigns = append(assigns, as.Lhs[i].(*ast.Ident).Name+" = "+temps[i])
	}
	intro := func(i int) string {
		if temps[i] == "" {
			return "_ = "
		}
		return "var " + temps[i] + " " + typs[i] + " = "
	}
	rw.add(p, as.Pos(), as.Rhs[0].Pos(), "{ "+intro(0))
	for i := 1; i < len(as.Rhs); i++ {
		rw.add(p, as.Rhs[i-1].End(), as.Rhs[i].Pos(), "; "+intro(i))
	}
	rw.add(p, as.End(), as.End(), "; "+strings.Join(assigns, "; ")+" }")
}
