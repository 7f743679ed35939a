package eval

import (
	"go/ast"
	"go/token"
	"go/types"
)

// shiftType gives the constant operand of a shift the type the
// expression has in Go (a constant shift keeps its value):
//
//	f & (1 << i)  ->  f & (Flags(1) << i)    (f of type Flags)
//
// Go takes the type of an untyped constant shifted by a variable from
// the context; the interpreter makes it an int, and the & of a Flags
// and an int panicked (reflect: call of reflect.Value.Uint on int
// Value).
func (rw *rewriter) shiftType(p *piece, b *ast.BinaryExpr) {
	if b.Op != token.SHL && b.Op != token.SHR {
		return
	}
	a := rw.assertion()
	if a == nil {
		return
	}
	lit, ok := ast.Unparen(b.X).(*ast.BasicLit)
	if !ok || lit.Kind != token.INT {
		return
	}
	t, ok := a.k.typeOf(p.off(b.Pos()), p.off(b.End()))
	if !ok || types.Identical(t, types.Typ[types.Int]) {
		return
	}
	if basic, ok := t.Underlying().(*types.Basic); !ok || basic.Info()&types.IsInteger == 0 {
		return
	}
	text, ok := a.k.writeType(t)
	if !ok {
		return
	}
	rw.wrap(p, b.X.Pos(), b.X.End(), text+"(", ")", 0)
}
