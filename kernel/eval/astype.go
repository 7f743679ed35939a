package eval

import (
	"fmt"
	"go/ast"
)

// errors.AsType (Go 1.26) is generic, so no symbol table can hold it.
// Its type argument is always written out (nothing in its arguments
// tells E), so a cell's call is rewritten into a function literal of
// that type around errors.As, which finds the same error:
//
//	errors.AsType[*fs.PathError](err)
//	->  func(e error) (*fs.PathError, bool) { var t *fs.PathError; ok := errors.As(e, &t); return t, ok }(err)
//
// The interpreter cannot run errors.AsType's own generic source: a
// generic function that instantiates itself crashes its compiler.

// asTypeEdits rewrites the calls of errors.AsType, where errors is the
// package, in pieces of the cell src.
func asTypeEdits(src string, pieces []*piece, tk typeKnowledge, imports map[string]string) []edit {
	var out []edit
	inspectPieces(pieces, func(p *piece, n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return true
		}
		ix, ok := call.Fun.(*ast.IndexExpr)
		if !ok {
			return true
		}
		sel, ok := ix.X.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "AsType" {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok || imports[id.Name] != "errors" {
			return true
		}
		if tk != nil {
			if _, isValue := tk.typeOf(p.off(id.Pos()), p.off(id.End())); isValue {
				return true // a variable of the cell named like the package
			}
		}
		t := src[p.off(ix.Index.Pos()):p.off(ix.Index.End())]
		fn := fmt.Sprintf("func(__gornnErr error) (%s, bool) { var __gornnTarget %s; __gornnOK := %s.As(__gornnErr, &__gornnTarget); return __gornnTarget, __gornnOK }",
			t, t, id.Name)
		out = append(out, edit{Off: p.off(call.Fun.Pos()), End: p.off(call.Fun.End()), Text: fn})
		return true
	})
	return out
}
