package eval

import (
	"go/ast"
	"go/token"
	"reflect"
)

// The interpreter gives a global a new slot each time `x := e` runs again,
// and functions compiled by earlier cells keep reading the old slot: after
// re-running `data := load()`, a function declared earlier would still see
// the old data. When every name on the left is already a global, the
// definition is first tried as the assignment `x = e`, which updates the
// slot those functions read. If the assignment does not compile (the
// value has another type), the cell runs with the definition as written.

// reassignEdits returns, for each cell-level definition that qualifies,
// the edit turning ":=" into "= " (same length, so positions stay).
// Only right-hand sides whose type does not depend on context qualify:
// `x := 2` after `x := 1.5` must give an int, not a float.
func reassignEdits(pieces []*piece, globals map[string]reflect.Value) map[*piece]edit {
	out := map[*piece]edit{}
	for _, p := range pieces {
		as, ok := p.stmt.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		eligible := true
		for _, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok || id.Name == "_" {
				eligible = false
				break
			}
			if _, isGlobal := globals[id.Name]; !isGlobal {
				eligible = false
				break
			}
		}
		for _, r := range as.Rhs {
			if !typedByItself(r) {
				eligible = false
			}
		}
		if eligible {
			off := p.off(as.TokPos)
			out[p] = edit{Off: off, End: off + 2, Text: "= "}
		}
	}
	return out
}

// typedByItself reports whether x has a type of its own, not one an
// untyped constant takes from where it goes.
func typedByItself(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok {
			switch id.Name {
			case "complex", "real", "imag": // constant for constant arguments
				return false
			}
		}
		return true
	case *ast.CompositeLit, *ast.FuncLit, *ast.IndexExpr, *ast.SliceExpr, *ast.TypeAssertExpr:
		return true
	case *ast.UnaryExpr:
		_, lit := x.X.(*ast.CompositeLit)
		return x.Op == token.AND && lit
	case *ast.ParenExpr:
		return typedByItself(x.X)
	}
	return false
}
