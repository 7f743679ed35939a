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

// runeDefine gives a variable defined from an untyped rune constant its
// type:
//
//	r := 'a'  ->  r := rune('a')
//
// At a cell's top level the interpreter made r an int ('a' - 32 then
// did not convert to rune), and in a block there it panicked.
func (rw *rewriter) runeDefine(p *piece, as *ast.AssignStmt) {
	if as.Tok != token.DEFINE || len(as.Lhs) != len(as.Rhs) {
		return
	}
	for _, x := range as.Rhs {
		if runeConstant(x) {
			rw.wrap(p, x.Pos(), x.End(), "rune(", ")", 0)
		}
	}
}

// runeVar is runeDefine for var r = 'a', which the interpreter made an
// int at a cell's top level too.
func (rw *rewriter) runeVar(p *piece, vs *ast.ValueSpec) {
	if vs.Type != nil {
		return
	}
	for _, x := range vs.Values {
		if runeConstant(x) {
			rw.wrap(p, x.Pos(), x.End(), "rune(", ")", 0)
		}
	}
}

// runeConstant reports whether x is a constant expression of literals
// with a rune literal among them, whose untyped kind is rune.
func runeConstant(x ast.Expr) bool {
	hasRune := false
	var walk func(x ast.Expr) bool
	walk = func(x ast.Expr) bool {
		switch x := x.(type) {
		case *ast.BasicLit:
			if x.Kind == token.CHAR {
				hasRune = true
			}
			return x.Kind == token.CHAR || x.Kind == token.INT
		case *ast.ParenExpr:
			return walk(x.X)
		case *ast.UnaryExpr:
			return (x.Op == token.SUB || x.Op == token.ADD || x.Op == token.XOR) && walk(x.X)
		case *ast.BinaryExpr:
			switch x.Op {
			case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR, token.AND_NOT:
				return walk(x.X) && walk(x.Y)
			}
		}
		return false
	}
	return walk(x) && hasRune
}
