package eval

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// methodExpr rewrites a method expression into the function literal it
// stands for:
//
//	(*Point).Scale  ->  func(__gornnR *Point, __gornnA0 int) { __gornnR.Scale(__gornnA0) }
//
// The interpreter's method expressions of cells' types take one
// argument too many when called ("reflect: Call with too many input
// arguments").
func (rw *rewriter) methodExpr(p *piece, sel *ast.SelectorExpr) {
	a := rw.assertion()
	if a == nil {
		return
	}
	recv, ok := a.k.typeExprOf(p.off(sel.X.Pos()), p.off(sel.X.End()))
	if !ok || !mentionsCellType(recv) {
		return
	}
	t, ok := a.k.typeOf(p.off(sel.Pos()), p.off(sel.End()))
	if !ok {
		return
	}
	sig, ok := t.(*types.Signature)
	if !ok || sig.Params().Len() == 0 {
		return
	}
	var params, args, results []string
	for i := 0; i < sig.Params().Len(); i++ {
		pt := sig.Params().At(i).Type()
		if i == sig.Params().Len()-1 && sig.Variadic() {
			pt = pt.(*types.Slice).Elem()
		}
		text, ok := a.k.writeType(pt)
		if !ok {
			return
		}
		name := fmt.Sprintf("__gornnA%d", i)
		if i == 0 {
			name = "__gornnR"
		}
		if i == sig.Params().Len()-1 && sig.Variadic() {
			params = append(params, name+" ..."+text)
			args = append(args, name+"...")
		} else {
			params = append(params, name+" "+text)
			args = append(args, name)
		}
	}
	for i := 0; i < sig.Results().Len(); i++ {
		text, ok := a.k.writeType(sig.Results().At(i).Type())
		if !ok {
			return
		}
		results = append(results, text)
	}
	call := "__gornnR." + sel.Sel.Name + "(" + strings.Join(args[1:], ", ") + ")"
	if len(results) > 0 {
		call = "return " + call
	}
	text := "func(" + strings.Join(params, ", ") + ") (" + strings.Join(results, ", ") + ") { " + call + " }"
	rw.add(p, sel.Pos(), sel.End(), text)
}
