package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// The interpreter reports an index or slice bounds error in reflect's
// words, without the index or the length. At a cell's top level the
// session reads them again from the statement's operands, which are
// globals (runerr.go); in a function they are gone once the panic has
// left the frame. So a statement of a function (declared or literal)
// that indexes or slices a slice, array or string checks the bounds
// itself first, in interpreted code, and fails as Go does, with the
// numbers:
//
//	s += xs[i]  ->  if i < 0 || i >= len(xs) { __gornn.IndexOut(int64(i), len(xs)) }; s += xs[i]
//
// Only operands that can be evaluated twice without effect are checked
// (see pure), and none that a call of the same statement could change
// before Go reads them: with such a call, only the function's own
// variables. Operands under && or || are left alone, since Go may not
// evaluate them at all.
const (
	indexOutFn = rtAlias + ".IndexOut"
	sliceOutFn = rtAlias + ".SliceOut"
)

// boundsGuards is false only in benchmarks that measure what the guards
// cost.
var boundsGuards = true

// boundsError is the panic of a failed guard: a runtime error, as Go's.
type boundsError struct{ msg string }

func (e boundsError) Error() string { return e.msg }

// RuntimeError marks the error as one of the runtime's, as runtime.Error
// does.
func (e boundsError) RuntimeError() {}

// boundsExports returns the compiled side of the guards.
func boundsExports() interp.Exports {
	return interp.Exports{rtPath + "/rt": {
		"IndexOut": reflect.ValueOf(func(i int64, n int) {
			if i < 0 {
				panic(boundsError{fmt.Sprintf("%s [%d]", goIndexRange, i)})
			}
			panic(boundsError{fmt.Sprintf("%s [%d] with length %d", goIndexRange, i, n)})
		}),
		"SliceOut": reflect.ValueOf(func(isSlice, three, hasHigh bool, lo, hi, mx, c int) {
			if t, bad := sliceBoundsText(isSlice, three, hasHigh, int64(lo), int64(hi), int64(mx), int64(c)); bad {
				panic(boundsError{t})
			}
		}),
	}}
}

// boundsChecks adds the guards to the statements of the functions of a
// piece.
func (rw *rewriter) boundsChecks(p *piece, root ast.Node) {
	tk, ok := rw.know.(typeKnowledge)
	if !ok || root == nil || !boundsGuards {
		return
	}
	safe := inRangeIndexes(root)
	var inFunc func(n ast.Node, body *ast.BlockStmt, ftype *ast.FuncType)
	visit := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				inFunc(n.Body, n.Body, n.Type)
			}
			return false
		case *ast.FuncLit:
			inFunc(n.Body, n.Body, n.Type)
			return false
		}
		return true
	}
	// The guards call len and cap: where a function (a function literal
	// inside it included), or the cell or session, declares those names,
	// its statements are left alone.
	shadows := func(names map[string]bool) bool { return names["len"] || names["cap"] }
	if rw.locals["len"] || rw.locals["cap"] || rw.know != nil && (rw.know.defined("len") || rw.know.defined("cap")) {
		return
	}
	// guardBlocks guards the statements of the blocks and clauses in n,
	// whose variables own names, and those of its function literals.
	guardBlocks := func(n ast.Node, own map[string]bool) {
		ast.Inspect(n, func(x ast.Node) bool {
			var list []ast.Stmt
			switch x := x.(type) {
			case *ast.FuncLit:
				inFunc(x.Body, x.Body, x.Type)
				return false
			case *ast.BlockStmt:
				list = x.List
			case *ast.CaseClause:
				list = x.Body
			case *ast.CommClause:
				list = x.Body
			}
			for _, s := range list {
				rw.guardStmt(p, s, tk, own, safe)
			}
			return true
		})
	}
	inFunc = func(n ast.Node, body *ast.BlockStmt, ftype *ast.FuncType) {
		own := declaredIn(body)
		for name := range declaredIn(ftype) {
			own[name] = true
		}
		if shadows(own) {
			return // its function literals are reached only from here
		}
		guardBlocks(n, own)
	}
	if p.stmt != nil && root == ast.Node(p.stmt) {
		// The statements nested in the cell's own loops and blocks: their
		// variables are gone after a panic too. The cell's top-level
		// statements are read again after it (runerr.go), which also
		// finds the failing expression's column.
		own := declaredIn(p.stmt)
		if shadows(own) {
			return
		}
		guardBlocks(p.stmt, own)
		return
	}
	ast.Inspect(root, visit)
}

// guardStmt puts the guards of statement s before it.
func (rw *rewriter) guardStmt(p *piece, s ast.Stmt, tk typeKnowledge, own map[string]bool, safe map[*ast.IndexExpr]bool) {
	var parts []ast.Node // what s evaluates before it runs anything else
	switch s := s.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.IncDecStmt, *ast.ReturnStmt, *ast.SendStmt, *ast.DeclStmt:
		parts = []ast.Node{s}
	case *ast.IfStmt:
		if s.Init != nil {
			return // the condition sees what the init statement defines
		}
		parts = []ast.Node{s.Cond}
	case *ast.SwitchStmt:
		if s.Init != nil || s.Tag == nil {
			return
		}
		parts = []ast.Node{s.Tag}
	case *ast.RangeStmt:
		parts = []ast.Node{s.X}
	default:
		return
	}
	calls := false
	for _, n := range parts {
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if !pure(x, nil) {
					calls = true
				}
			}
			return true
		})
	}
	var guards []string
	for _, n := range parts {
		for _, x := range boundsExprs(n) {
			if ix, ok := x.(*ast.IndexExpr); ok && safe[ix] {
				continue
			}
			if g := rw.guardFor(p, x, tk, calls, own); g != "" {
				guards = append(guards, g)
			}
		}
	}
	if len(guards) > 0 {
		rw.add(p, s.Pos(), s.Pos(), strings.Join(guards, "; ")+"; ")
	}
}

// boundsExprs returns the index and slice expressions n always
// evaluates, inner ones first.
func boundsExprs(n ast.Node) []ast.Expr {
	var out []ast.Expr
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BinaryExpr:
				if x.Op == token.LAND || x.Op == token.LOR {
					walk(x.X) // Y may not run
					return false
				}
			case *ast.IndexExpr, *ast.SliceExpr:
				for _, c := range childExprs(x) {
					walk(c)
				}
				out = append(out, x.(ast.Expr))
				return false
			}
			return true
		})
	}
	walk(n)
	return out
}

func childExprs(x ast.Node) []ast.Node {
	switch x := x.(type) {
	case *ast.IndexExpr:
		return []ast.Node{x.X, x.Index}
	case *ast.SliceExpr:
		var out []ast.Node
		for _, e := range []ast.Expr{x.X, x.Low, x.High, x.Max} {
			if e != nil {
				out = append(out, e)
			}
		}
		return out
	}
	return nil
}

// guardFor returns the guard of one index or slice expression, or "".
func (rw *rewriter) guardFor(p *piece, x ast.Expr, tk typeKnowledge, calls bool, own map[string]bool) string {
	var operand ast.Expr
	var bounds []ast.Expr
	switch x := x.(type) {
	case *ast.IndexExpr:
		operand, bounds = x.X, []ast.Expr{x.Index}
	case *ast.SliceExpr:
		operand = x.X
		for _, b := range []ast.Expr{x.Low, x.High, x.Max} {
			if b != nil {
				bounds = append(bounds, b)
			}
		}
	}
	for _, e := range append([]ast.Expr{operand}, bounds...) {
		if !pure(e, nil) || (calls && !ownOnly(e, own)) {
			return ""
		}
	}
	t, ok := tk.typeOf(p.off(operand.Pos()), p.off(operand.End()))
	if !ok {
		return ""
	}
	kind := ""
	switch u := t.Underlying().(type) {
	case *types.Slice:
		kind = "slice"
	case *types.Array:
		kind = "array"
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			kind = "string"
		}
	case *types.Pointer:
		if _, ok := u.Elem().Underlying().(*types.Array); ok {
			kind = "array"
		}
	}
	if kind == "" {
		return "" // a map, or a type parameter
	}
	for _, b := range bounds {
		if _, ok := tk.typeOf(p.off(b.Pos()), p.off(b.End())); !ok {
			return ""
		}
	}
	xs := rw.text(p, operand)
	n := "len(" + xs + ")"
	if ix, ok := x.(*ast.IndexExpr); ok {
		if isConstantExpr(ix.Index) && kind == "array" {
			return "" // checked by the compiler
		}
		i := rw.text(p, ix.Index)
		if it, ok := tk.typeOf(p.off(ix.Index.Pos()), p.off(ix.Index.End())); !ok || !isPlainInt(it) {
			i = "int(" + i + ")"
		}
		return fmt.Sprintf("if %s < 0 || %s >= %s { %s(int64(%s), %s) }", i, i, n, indexOutFn, rw.text(p, ix.Index), n)
	}
	se := x.(*ast.SliceExpr)
	c := n
	if kind == "slice" {
		c = "cap(" + xs + ")"
	}
	bound := func(b ast.Expr, def string) string {
		if b == nil {
			return def
		}
		return "int(" + rw.text(p, b) + ")"
	}
	lo, hi, mx := bound(se.Low, "0"), bound(se.High, n), bound(se.Max, c)
	limit := c
	if !se.Slice3 {
		mx = c
	}
	cond := fmt.Sprintf("%s < 0 || %s < %s || %s < %s || %s > %s", lo, hi, lo, mx, hi, mx, limit)
	return fmt.Sprintf("if %s { %s(%v, %v, %v, %s, %s, %s, %s) }", cond, sliceOutFn, kind == "slice", se.Slice3, se.High != nil, lo, hi, mx, c)
}

// ownOnly reports whether every name in x is one of the function's own
// variables, which a call made by the same statement is not expected to
// change, and x reads nothing through a pointer.
func ownOnly(x ast.Expr, own map[string]bool) bool {
	ok := true
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.StarExpr:
			ok = false
		case *ast.SelectorExpr:
			ok = false
		case *ast.CallExpr:
			if _, isIdent := n.Fun.(*ast.Ident); isIdent {
				// len(x), cap(x), int(x): the function's name is no
				// variable.
				for _, a := range n.Args {
					ok = ok && ownOnly(a, own)
				}
				return false
			}
		case *ast.Ident:
			if !own[n.Name] {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// isPlainInt reports whether t is int, or an untyped constant's type,
// which compare with len's int as they are.
func isPlainInt(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && (b.Kind() == types.Int || b.Kind() == types.UntypedInt || b.Kind() == types.UntypedRune)
}

// inRangeIndexes returns the index expressions under root that a loop
// keeps in range, which need no guard, in the loops that do most
// indexing:
//
//	for i := 0; i < len(xs); i++ { ... xs[i] ... }
//	for i := range xs { ... xs[i] ... }
//
// when the body assigns neither i nor xs (nor takes their address). A
// function the body calls may still shorten xs, a global: the
// interpreter then reports the error without the numbers, as before.
func inRangeIndexes(root ast.Node) map[*ast.IndexExpr]bool {
	safe := map[*ast.IndexExpr]bool{}
	ast.Inspect(root, func(n ast.Node) bool {
		var i, xs string
		var body *ast.BlockStmt
		switch l := n.(type) {
		case *ast.ForStmt:
			i, xs = countingLoop(l)
			body = l.Body
		case *ast.RangeStmt:
			key, ok1 := l.Key.(*ast.Ident)
			x, ok2 := l.X.(*ast.Ident)
			if ok1 && ok2 && l.Tok == token.DEFINE {
				i, xs = key.Name, x.Name
			}
			body = l.Body
		}
		if i == "" || i == "_" {
			return true
		}
		if assigned := assignedIn(body); assigned[i] || assigned[xs] {
			return true
		}
		ast.Inspect(body, func(n ast.Node) bool {
			if ix, ok := n.(*ast.IndexExpr); ok {
				x, ok1 := ix.X.(*ast.Ident)
				k, ok2 := ix.Index.(*ast.Ident)
				if ok1 && ok2 && x.Name == xs && k.Name == i {
					safe[ix] = true
				}
			}
			return true
		})
		return true
	})
	return safe
}

// countingLoop returns i and xs of `for i := 0; i < len(xs); i++`.
func countingLoop(l *ast.ForStmt) (string, string) {
	init, ok := l.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return "", ""
	}
	i, ok := init.Lhs[0].(*ast.Ident)
	if lit, isLit := init.Rhs[0].(*ast.BasicLit); !ok || !isLit || lit.Value != "0" {
		return "", ""
	}
	post, ok := l.Post.(*ast.IncDecStmt)
	if !ok || post.Tok != token.INC {
		return "", ""
	}
	if p, ok := post.X.(*ast.Ident); !ok || p.Name != i.Name {
		return "", ""
	}
	cond, ok := l.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.LSS {
		return "", ""
	}
	if c, ok := cond.X.(*ast.Ident); !ok || c.Name != i.Name {
		return "", ""
	}
	call, ok := cond.Y.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return "", ""
	}
	fn, ok1 := call.Fun.(*ast.Ident)
	x, ok2 := call.Args[0].(*ast.Ident)
	if !ok1 || !ok2 || fn.Name != "len" {
		return "", ""
	}
	return i.Name, x.Name
}

// assignedIn returns the names that statements under n assign, define
// anew or take the address of.
func assignedIn(n ast.Node) map[string]bool {
	names := map[string]bool{}
	note := func(x ast.Expr) {
		if id, ok := x.(*ast.Ident); ok {
			names[id.Name] = true
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				note(l)
			}
		case *ast.IncDecStmt:
			note(n.X)
		case *ast.RangeStmt:
			note(n.Key)
			note(n.Value)
		case *ast.ValueSpec:
			for _, id := range n.Names {
				note(id)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				note(n.X)
			}
		}
		return true
	})
	return names
}
