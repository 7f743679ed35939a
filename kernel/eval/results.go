package eval

import (
	"go/ast"
	"strings"
)

// zeroResults makes a function with named results start them at their
// zero values. The interpreter lets a call's results live where the
// caller stores them (interp/run.go, func call: "Init return values"
// sets the callee's result slots to the caller's destinations without
// clearing them), so in
//
//	for _, e := range exprs { n, err := parse(e) }
//
// parse's named result n starts each call with the n of the call
// before, and `n += x` or a recovered panic shows it. The assignment of
// zero values goes first in the body:
//
//	func parse(e string) (n int, err error) { var z1 int; var z2 error; n, err = z1, z2; ...
func (rw *rewriter) zeroResults(p *piece, ft *ast.FuncType, body *ast.BlockStmt) {
	if body == nil || ft.Results == nil {
		return
	}
	var decls strings.Builder
	var names, zeros []string
	for _, f := range ft.Results.List {
		if len(f.Names) == 0 {
			return // unnamed results: nothing can read them before a return sets them
		}
		zero := ""
		for _, n := range f.Names {
			if n.Name == "_" {
				continue
			}
			if zero == "" {
				zero = rw.fresh("Zero")
				decls.WriteString("var " + zero + " " + rw.text(p, f.Type) + "; ")
			}
			names = append(names, n.Name)
			zeros = append(zeros, zero)
		}
	}
	if len(names) == 0 {
		return
	}
	text := decls.String() + strings.Join(names, ", ") + " = " + strings.Join(zeros, ", ") + "; "
	if len(body.List) == 0 {
		rw.addEntry(p, body.Lbrace+1, " "+text)
		return
	}
	rw.addEntry(p, body.List[0].Pos(), text)
}
