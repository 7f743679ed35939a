package eval

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/gornn/gornn/kernel/gocheck"
)

// typeKnowledge answers, from the type check of the running cell, what
// the rewrites that need types ask. A session without a verdict on the
// cell (the checker could not follow it) answers nothing, and those
// rewrites are not made.
type typeKnowledge interface {
	// typeText returns the type of the expression or defined name at
	// the cell's bytes [start, end), written as the cell can write it.
	typeText(start, end int) (string, bool)
	// typeOf returns the type itself.
	typeOf(start, end int) (types.Type, bool)
	// generic reports whether the name at [start, end) is a generic
	// function.
	generic(start, end int) bool
}

// cellTypes is what the checker found out about the running cell.
type cellTypes struct {
	types   map[gocheck.Span]types.Type
	generic map[gocheck.Span]bool
	consts  map[gocheck.Span]constant.Value
	// typeExprs are the types the cell's type expressions denote.
	typeExprs map[gocheck.Span]types.Type
	// undecided is why the checker could not judge the cell, if so.
	undecided string
}

func (s *Session) typeOf(start, end int) (types.Type, bool) {
	t, ok := s.cellTypes.types[gocheck.Span{Start: start, End: end}]
	return t, ok && t != nil
}

// typeExprOf returns the type a type expression of the running cell
// at [start, end) denotes.
func (s *Session) typeExprOf(start, end int) (types.Type, bool) {
	t, ok := s.cellTypes.typeExprs[gocheck.Span{Start: start, End: end}]
	return t, ok && t != nil
}

func (s *Session) generic(start, end int) bool {
	return s.cellTypes.generic[gocheck.Span{Start: start, End: end}]
}

func (s *Session) typeText(start, end int) (string, bool) {
	t, ok := s.typeOf(start, end)
	if !ok {
		return "", false
	}
	return s.writeType(t)
}

// writeType writes t as Go source that a cell can use: types of cells
// unqualified, those of packages with the name the session imported them
// under. A type that a cell cannot name (of a package not imported, or
// unexported) gives false.
func (s *Session) writeType(t types.Type) (string, bool) {
	s.mu.Lock()
	names := map[string]string{}
	for name, path := range s.imports {
		if old, ok := names[path]; !ok || name < old {
			names[path] = name
		}
	}
	s.mu.Unlock()
	if n, isNamed := t.(*types.Named); isNamed && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "iter" {
		if _, imported := names["iter"]; !imported {
			// iter.Seq[V] of a cell that does not import iter: its
			// function type, which the values are assignable to.
			t = n.Underlying()
		}
	}
	ok := true
	qual := func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		name, found := names[p.Path()]
		if !found {
			ok = false
		}
		return name
	}
	text := types.TypeString(t, qual)
	if !ok || hasUnexportedForeign(t) || strings.Contains(text, "invalid type") {
		return "", false
	}
	return text, true
}

// hasUnexportedForeign reports whether t mentions a type of a package
// that the package does not export.
func hasUnexportedForeign(t types.Type) bool {
	found := false
	var walk func(t types.Type, depth int)
	walk = func(t types.Type, depth int) {
		if found || depth > 20 {
			return
		}
		switch t := t.(type) {
		case *types.Named:
			if o := t.Obj(); o.Pkg() != nil && o.Pkg().Path() != "main" && !o.Exported() {
				found = true
			}
			for i := 0; i < t.TypeArgs().Len(); i++ {
				walk(t.TypeArgs().At(i), depth+1)
			}
		case *types.Pointer:
			walk(t.Elem(), depth+1)
		case *types.Slice:
			walk(t.Elem(), depth+1)
		case *types.Array:
			walk(t.Elem(), depth+1)
		case *types.Map:
			walk(t.Key(), depth+1)
			walk(t.Elem(), depth+1)
		case *types.Chan:
			walk(t.Elem(), depth+1)
		case *types.Signature:
			for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
				for i := 0; i < tup.Len(); i++ {
					walk(tup.At(i).Type(), depth+1)
				}
			}
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				walk(t.Field(i).Type(), depth+1)
			}
		}
	}
	walk(t, 0)
	return found
}

// typedDefineEdits returns, for the cell-level definitions that the
// interpreter cannot make, edits that declare the variables with their
// types and assign them:
//
//	v, ok := m[k]  ->  var v int; var ok bool; v, ok = m[k]
//
// Such are the comma-ok forms (a receive, map index or type assertion
// with ok: "nil type"), values that index something ("constant
// definition loop" for os.Args[0]), and results of generic functions
// ("not a generic type" for rev := slices.Clone(words)). A definition of
// as many variables as values assigns each on its own, since the
// interpreter's a, b = 1, f() at top level leaves a zero:
//
//	a, b := 1, Filter(xs, keep)  ->  var a int; var b []int; a = 1; b = Filter(xs, keep)
func typedDefineEdits(src string, pieces []*piece, tk typeKnowledge) map[*piece][]edit {
	out := map[*piece][]edit{}
	if tk == nil {
		return out
	}
	for _, p := range pieces {
		as, ok := p.stmt.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || !needsTypedDefine(p, as, tk) {
			continue
		}
		var decls, lhs []string
		typed := true
		for _, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				typed = false
				break
			}
			lhs = append(lhs, id.Name)
			if id.Name == "_" {
				continue
			}
			text, ok := tk.typeText(p.off(id.Pos()), p.off(id.End()))
			if !ok {
				// Not a new variable of this body (redeclared by :=), or
				// of a type the cell cannot name.
				typed = false
				break
			}
			decl := "var " + id.Name + " " + text
			if t, ok := tk.typeOf(p.off(id.Pos()), p.off(id.End())); ok && nillable(t) {
				// The interpreter's compiler crashes on a var of a
				// pointer to an instance of a generic type
				// (*Cache[string, int]) among a cell's statements,
				// unless it has a value.
				decl += " = nil"
			}
			decls = append(decls, decl+"; ")
		}
		if !typed || len(decls) == 0 {
			continue
		}
		if len(as.Lhs) > 1 && len(as.Lhs) == len(as.Rhs) {
			// a, b = 1, f() at top level leaves a zero in the
			// interpreter: one assignment each, in order.
			es := []edit{{Off: p.off(as.Pos()), End: p.off(as.Rhs[0].Pos()), Text: strings.Join(decls, "") + lhs[0] + " = "}}
			for i := 1; i < len(as.Rhs); i++ {
				es = append(es, edit{Off: p.off(as.Rhs[i-1].End()), End: p.off(as.Rhs[i].Pos()), Text: "; " + lhs[i] + " = "})
			}
			out[p] = es
			continue
		}
		out[p] = []edit{{Off: p.off(as.Pos()), End: p.off(as.TokPos) + len(token.DEFINE.String()),
			Text: strings.Join(decls, "") + strings.Join(lhs, ", ") + " ="}}
	}
	return out
}

// nillable reports whether nil is a value of t.
func nillable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return true
	}
	return false
}

// needsTypedDefine reports whether a cell-level definition is one the
// interpreter cannot make as written.
func needsTypedDefine(p *piece, as *ast.AssignStmt, tk typeKnowledge) bool {
	if len(as.Lhs) == 2 && len(as.Rhs) == 1 {
		switch x := ast.Unparen(as.Rhs[0]).(type) {
		case *ast.IndexExpr, *ast.TypeAssertExpr:
			return true
		case *ast.UnaryExpr:
			if x.Op == token.ARROW {
				return true
			}
		}
	}
	for _, r := range as.Rhs {
		if call, ok := ast.Unparen(r).(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && (id.Name == "min" || id.Name == "max") {
				return false // defineFromMinMax's business
			}
		}
	}
	found := false
	for _, r := range as.Rhs {
		ast.Inspect(r, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.IndexExpr, *ast.IndexListExpr:
				found = true
			case *ast.Ident:
				if tk.generic(p.off(n.Pos()), p.off(n.End())) {
					found = true
				}
			}
			return !found
		})
	}
	return found
}
