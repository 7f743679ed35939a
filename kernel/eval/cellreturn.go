package eval

import (
	"go/ast"
	"reflect"

	"github.com/traefik/yaegi/interp"
)

// A cell's top level is a function body, so a return there ends the
// cell: its deferred calls run and what it defined before stays. The
// interpreter runs a cell's statements in a function it never returns
// from, and crashes compiling a return there (a CFG post-order panic);
// the statements also run in several evaluations when declarations
// come between them. So a return of the cell's own body is rewritten to
// a call that panics with cellReturn, which the session takes for the
// end of the cell: no later statement runs, and the cell has no value.
const returnFn = rtAlias + ".Return"

// cellReturn is the value the rewritten return panics with.
type cellReturn struct{}

// returnExports returns the compiled side of a cell's return.
func returnExports() interp.Exports {
	return interp.Exports{rtPath + "/rt": {
		"Return": reflect.ValueOf(func() { panic(cellReturn{}) }),
	}}
}

// cellReturns rewrites the return statements of a statement piece that
// belong to the cell's own body: those outside function literals.
func (rw *rewriter) cellReturns(p *piece) {
	if p.stmt == nil {
		return
	}
	ast.Inspect(p.stmt, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.RangeStmt:
			// A return in the body of a range-over-func loop is the
			// loop rewrite's, which ends the cell's body with a plain
			// return: left alone, as before.
			return !rw.funcLoops[n]
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				rw.add(p, n.Pos(), n.End(), returnFn+"()")
			}
		}
		return true
	})
}

// returned reports whether err is the panic of a cell's return.
func returned(err error) bool {
	v, ok := panicValue(err)
	if !ok {
		return false
	}
	_, ok = v.(cellReturn)
	return ok
}
