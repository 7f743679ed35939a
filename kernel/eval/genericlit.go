package eval

import (
	"go/ast"
	"go/token"
	"go/types"
)

// litVar is the variable a rewritten composite literal fills.
const litVar = "__gornnLit"

// genericStructLiterals rewrites the composite literals of generic struct
// types in generic functions into assignments of their fields. The
// interpreter keeps the code of such a literal with the instantiated type
// (Pair[string, int] made by MakePairs' Pair[K, V]{k, val(k)}), and a
// literal of that type written anywhere later runs the first one's
// elements with its own frame: the value comes out empty, or the call
// fails with "call of nil function". Fields assigned one by one are not
// kept:
//
//	Pair[K, V]{k, val(k)}   ->  func() (l Pair[K, V]) { l.Key = k; l.Val = val(k); return }()
//	&Box[T]{V: x}           ->  func() *Box[T] { var l Box[T]; l.V = x; return &l }()
func genericStructLiterals(pieces []*piece, tk typeKnowledge) []edit {
	var edits []edit
	for _, p := range pieces {
		fd, ok := p.decl.(*ast.FuncDecl)
		if !ok || fd.Body == nil || !isGenericFunc(fd) {
			continue
		}
		done := map[*ast.CompositeLit]bool{}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			var lit *ast.CompositeLit
			var at ast.Node
			ptr := false
			switch n := n.(type) {
			case *ast.UnaryExpr:
				if l, ok := n.X.(*ast.CompositeLit); ok && n.Op == token.AND {
					lit, at, ptr = l, n, true
				}
			case *ast.CompositeLit:
				lit, at = n, n
			}
			if lit == nil || done[lit] || len(lit.Elts) == 0 {
				return true
			}
			done[lit] = true
			t, ok := tk.typeOf(p.off(lit.Pos()), p.off(lit.End()))
			if !ok {
				return true
			}
			named, ok := t.(*types.Named)
			if !ok || named.TypeArgs().Len() == 0 {
				return true
			}
			st, ok := named.Underlying().(*types.Struct)
			if !ok {
				return true
			}
			text, ok := tk.typeText(p.off(lit.Pos()), p.off(lit.End()))
			if !ok {
				return true
			}
			es, ok := fieldAssignments(p, lit, st)
			if !ok {
				return true
			}
			head, tail := "func() ("+litVar+" "+text+") { ", "; return }()"
			if ptr {
				// Not new(T): the interpreter's compiler crashes on it
				// for some types (Cache[K, V] of two parameters).
				head, tail = "func() *"+text+" { var "+litVar+" "+text+"; ", "; return &"+litVar+" }()"
			}
			es[0].Off, es[0].Text = p.off(at.Pos()), head+es[0].Text
			edits = append(edits, es...)
			edits = append(edits, edit{Off: p.off(lit.Elts[len(lit.Elts)-1].End()), End: p.off(lit.End()), Text: tail})
			return true
		})
	}
	return edits
}

// fieldAssignments returns, for each element of a struct literal, the
// edit that puts "l.Field = " before its value, from the end of the
// element before it (the first from the literal's start). It fails on
// keys that are not field names.
func fieldAssignments(p *piece, lit *ast.CompositeLit, st *types.Struct) ([]edit, bool) {
	var es []edit
	from := lit.Pos()
	for i, e := range lit.Elts {
		value, name := e, ""
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				return nil, false
			}
			value, name = kv.Value, id.Name
		} else {
			if i >= st.NumFields() {
				return nil, false
			}
			name = st.Field(i).Name()
		}
		sep := "; "
		if i == 0 {
			sep = ""
		}
		es = append(es, edit{Off: p.off(from), End: p.off(value.Pos()), Text: sep + litVar + "." + name + " = "})
		from = e.End()
	}
	return es, true
}

// isGenericFunc reports whether a function declares type parameters or
// is a method of a generic type.
func isGenericFunc(fd *ast.FuncDecl) bool {
	if fd.Type.TypeParams != nil && len(fd.Type.TypeParams.List) > 0 {
		return true
	}
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return false
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}
