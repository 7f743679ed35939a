package eval

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// rangeOfChans rewrites a range over a slice, array or map of channels
// that takes the values into an index loop that reads them:
//
//	for _, c := range cs { ... }  ->  for __gornnKey1 := range cs { c := cs[__gornnKey1]; ... }
//
// In the interpreter, such a loop's value variable breaks the loop:
// using it panicked (reflect: call of reflect.Value.Len on int Value),
// even for len(c); ranging over the indexes and indexing does not. An
// operand other than a name is evaluated once, in a block around the
// loop (not for a labeled loop, which is left as it is then).
func (rw *rewriter) rangeOfChans(p *piece, r *ast.RangeStmt) {
	a := rw.assertion()
	if a == nil || r.Tok != token.DEFINE || r.Value == nil {
		return
	}
	val, ok := r.Value.(*ast.Ident)
	if !ok || val.Name == "_" {
		return
	}
	t, ok := a.k.typeOf(p.off(r.X.Pos()), p.off(r.X.End()))
	if !ok {
		return
	}
	var elem types.Type
	switch u := t.Underlying().(type) {
	case *types.Slice:
		elem = u.Elem()
	case *types.Array:
		elem = u.Elem()
	case *types.Map:
		elem = u.Elem()
	case *types.Pointer:
		if arr, ok := u.Elem().Underlying().(*types.Array); ok {
			elem = arr.Elem()
		}
	}
	if elem == nil {
		return
	}
	if _, isChan := elem.Underlying().(*types.Chan); !isChan {
		return
	}
	key := rw.fresh("Key")
	if id, ok := r.Key.(*ast.Ident); ok && id.Name != "_" {
		key = id.Name
	}
	x := rw.text(p, r.X)
	if _, isName := r.X.(*ast.Ident); isName {
		rw.add(p, r.Key.Pos(), r.TokPos, key+" ")
	} else {
		// { x' := x; for key := range x' { ... } }, x where it was.
		if rw.labels[r] != nil {
			return
		}
		x = rw.fresh("Range")
		rw.add(p, r.For, r.X.Pos(), "{ "+x+" := ")
		rw.add(p, r.X.End(), r.Body.Lbrace, "; for "+key+" := range "+x+" ")
		rw.add(p, r.Body.Rbrace+1, r.Body.Rbrace+1, " }")
	}
	rw.edits = append(rw.edits, edit{Off: p.off(r.Body.Lbrace + 1), End: p.off(r.Body.Lbrace + 1),
		Text: " " + val.Name + " := " + x + "[" + key + "];", rank: rankEntry})
}

// rangeAssign rewrites a range that assigns to variables declared
// before it into one that defines its own and assigns them first thing
// in the body:
//
//	for i, s = range xs { ... }  ->  for __gornnKey1, __gornnVal2 := range xs { i = __gornnKey1; s = __gornnVal2; ... }
//
// The interpreter's range with = never set the variables: after the
// loop they held what they held before it.
func (rw *rewriter) rangeAssign(p *piece, r *ast.RangeStmt) {
	if r.Tok != token.ASSIGN || r.Key == nil {
		return
	}
	var names, sets []string
	for _, x := range []ast.Expr{r.Key, r.Value} {
		if x == nil {
			continue
		}
		if id, ok := x.(*ast.Ident); ok && id.Name == "_" {
			names = append(names, "_")
			continue
		}
		tmp := rw.fresh("Iter")
		names = append(names, tmp)
		sets = append(sets, rw.text(p, x)+" = "+tmp+";")
	}
	if len(sets) == 0 {
		return
	}
	rw.add(p, r.Key.Pos(), r.TokPos+token.Pos(len(token.ASSIGN.String())), strings.Join(names, ", ")+" :=")
	rw.edits = append(rw.edits, edit{Off: p.off(r.Body.Lbrace + 1), End: p.off(r.Body.Lbrace + 1),
		Text: " " + strings.Join(sets, " "), rank: rankEntry})
}
