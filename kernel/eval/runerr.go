package eval

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"time"
)

// Go's texts for the runtime errors that the interpreter reports in
// reflect's words (see reflectBoundsMessages in yaegi_internals.go).
const (
	goNilDeref    = "runtime error: invalid memory address or nil pointer dereference"
	goIndexRange  = "runtime error: index out of range"
	goSliceBounds = "runtime error: slice bounds out of range"
)

// goPanicText returns what Go prints after "panic: " for a panic of a
// cell with value v that failed at statement at (known is false when
// the statement is not known), and the offset in the statement's text of
// the expression that failed, when it is known (else -1). Index and slice bounds are read again
// from the statement's operands when that has no effect: for statements
// of the cell's own body, whose variables are globals; in functions, the
// values are gone and the text has no numbers.
func (s *Session) goPanicText(v any, at site, known bool) (string, int) {
	msg := fmt.Sprint(v)
	switch reflectBoundsKind(msg) {
	case boundsIndex:
		if known {
			if t, off, ok := s.indexText(at); ok {
				return t, off
			}
		}
		return goIndexRange, -1
	case boundsSlice:
		if known {
			if t, off, ok := s.sliceText(at); ok {
				return t, off
			}
		}
		return goSliceBounds, -1
	}
	return plainPanicText(v), -1
}

// plainPanicText is Go's text for a panic with value v, as far as it can
// be told without the statement that failed: index and bounds errors
// come without their numbers.
func plainPanicText(v any) string {
	msg := fmt.Sprint(unwrapValue(v))
	switch reflectBoundsKind(msg) {
	case boundsIndex:
		return goIndexRange
	case boundsSlice:
		return goSliceBounds
	case boundsNil:
		return goNilDeref
	}
	return stripPanicPosition(msg)
}

// exprOffset is the offset in a statement's text of x, parsed after
// stmtPrefix.
func exprOffset(x ast.Node) int {
	return int(x.Pos()) - 1 - len(stmtPrefix)
}

// indexText finds the index expression of at that is out of range and
// says so as Go does.
func (s *Session) indexText(at site) (string, int, bool) {
	for _, x := range s.operandExprs(at) {
		ix, ok := x.(*ast.IndexExpr)
		if !ok {
			continue
		}
		vs, ok := s.operandValues(at.Stmt, ix.X, ix.Index)
		if !ok {
			continue
		}
		n, ok := lenOf(vs[0], false)
		i, ok2 := intOf(vs[1])
		if !ok || !ok2 {
			continue
		}
		switch {
		case i < 0:
			return fmt.Sprintf("%s [%d]", goIndexRange, i), exprOffset(ix), true
		case i >= int64(n):
			return fmt.Sprintf("%s [%d] with length %d", goIndexRange, i, n), exprOffset(ix), true
		}
	}
	return "", -1, false
}

// sliceText finds the slice expression of at whose bounds are wrong and
// says so as Go does.
func (s *Session) sliceText(at site) (string, int, bool) {
	for _, x := range s.operandExprs(at) {
		se, ok := x.(*ast.SliceExpr)
		if !ok {
			continue
		}
		parts := []ast.Expr{se.X}
		for _, b := range []ast.Expr{se.Low, se.High, se.Max} {
			if b != nil {
				parts = append(parts, b)
			}
		}
		vs, ok := s.operandValues(at.Stmt, parts...)
		if !ok {
			continue
		}
		bound := func(b ast.Expr, def int64) (int64, bool) {
			if b == nil {
				return def, true
			}
			v, rest := vs[1], vs[2:]
			vs = append(vs[:1], rest...)
			return intOf(v)
		}
		length, ok1 := lenOf(vs[0], false)
		capacity, ok2 := lenOf(vs[0], true)
		lo, ok3 := bound(se.Low, 0)
		hi, ok4 := bound(se.High, int64(length))
		mx, ok5 := bound(se.Max, int64(capacity))
		if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
			continue
		}
		if t, bad := sliceBoundsText(reflect.ValueOf(vs[0]).Kind() == reflect.Slice, se.Slice3, se.High != nil, lo, hi, mx, int64(capacity)); bad {
			return t, exprOffset(se), true
		}
	}
	return "", -1, false
}

// sliceBoundsText is Go's text for x[lo:hi:max] (max is cap(x) for two
// indices) with capacity c, and whether the bounds are wrong at all.
// Go says "capacity" for slices and "length" for strings and arrays.
func sliceBoundsText(isSlice, three, hasHigh bool, lo, hi, mx, c int64) (string, bool) {
	limit := "length"
	if isSlice {
		limit = "capacity"
	}
	switch {
	case three && (mx < 0 || mx > c):
		return fmt.Sprintf("%s [::%d] with %s %d", goSliceBounds, mx, limit, c), true
	case three && (hi < 0 || hi > mx):
		return fmt.Sprintf("%s [:%d:%d]", goSliceBounds, hi, mx), true
	case three && (lo < 0 || lo > hi):
		return fmt.Sprintf("%s [%d:%d:]", goSliceBounds, lo, hi), true
	case !three && hasHigh && (hi < 0 || hi > c):
		return fmt.Sprintf("%s [:%d] with %s %d", goSliceBounds, hi, limit, c), true
	case !three && (lo < 0 || lo > hi):
		return fmt.Sprintf("%s [%d:%d]", goSliceBounds, lo, hi), true
	}
	return "", false
}

// operandExprs returns the index and slice expressions of a statement of
// the cell's body, in source order, whose operands can be evaluated
// again without effect.
func (s *Session) operandExprs(at site) []ast.Expr {
	if !at.TopLevel {
		return nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", stmtPrefix+at.Stmt+"\n}", parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	local := declaredIn(f)
	var out []ast.Expr
	ast.Inspect(f.Decls[0].(*ast.FuncDecl).Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // runs later, if at all
		case *ast.IndexExpr:
			if pure(n.X, local) && pure(n.Index, local) {
				out = append(out, n)
			}
		case *ast.SliceExpr:
			if pure(n.X, local) && pure(n.Low, local) && pure(n.High, local) && pure(n.Max, local) {
				out = append(out, n)
			}
		}
		return true
	})
	return out
}

// operandValues evaluates expressions of stmt again, at cell level, and
// returns their values.
func (s *Session) operandValues(stmt string, xs ...ast.Expr) ([]any, bool) {
	texts := make([]string, len(xs))
	for i, x := range xs {
		// The statement was parsed after a 19-byte prefix.
		start, end := exprOffset(x), int(x.End())-1-len(stmtPrefix)
		if start < 0 || end > len(stmt) {
			return nil, false
		}
		texts[i] = stmt[start:end]
	}
	s.coll.reset()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := s.in.EvalWithContext(ctx, resultFn+"("+strings.Join(texts, ", ")+")"); err != nil {
		s.sniff.take()
		return nil, false
	}
	vs, got := s.coll.take()
	s.coll.reset()
	return vs, got && len(vs) == len(xs)
}

// declaredIn returns the names a statement declares, whose values are
// gone once it failed.
func declaredIn(n ast.Node) map[string]bool {
	names := map[string]bool{}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						names[id.Name] = true
					}
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok {
					names[id.Name] = true
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				names[id.Name] = true
			}
		case *ast.Field:
			for _, id := range n.Names {
				names[id.Name] = true
			}
		}
		return true
	})
	return names
}

// pure reports whether evaluating x again has no effect: names (not
// declared by the statement), literals, fields, arithmetic, indexing,
// len, cap and conversions to integer types. A nil x is pure.
func pure(x ast.Expr, local map[string]bool) bool {
	switch x := x.(type) {
	case nil:
		return true
	case *ast.Ident:
		return x.Name != "_" && !local[x.Name]
	case *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return pure(x.X, local)
	case *ast.SelectorExpr:
		return pure(x.X, local)
	case *ast.StarExpr:
		return pure(x.X, local)
	case *ast.UnaryExpr:
		return x.Op != token.ARROW && pure(x.X, local)
	case *ast.BinaryExpr:
		return pure(x.X, local) && pure(x.Y, local)
	case *ast.IndexExpr:
		return pure(x.X, local) && pure(x.Index, local)
	case *ast.CallExpr:
		id, ok := x.Fun.(*ast.Ident)
		if !ok || len(x.Args) != 1 || (id.Name != "len" && id.Name != "cap" && !isIntType(id)) {
			return false
		}
		return pure(x.Args[0], local)
	}
	return false
}

// lenOf returns the length (or capacity) of a string, slice, array or
// pointer to array; the capacity of a string or array is its length.
func lenOf(v any, capacity bool) (int, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && rv.Type().Elem().Kind() == reflect.Array {
		if rv.IsNil() {
			return 0, false
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Slice:
		if capacity {
			return rv.Cap(), true
		}
		return rv.Len(), true
	case reflect.String, reflect.Array:
		return rv.Len(), true
	}
	return 0, false
}

// intOf returns an integer value as an int64.
func intOf(v any) (int64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return int64(rv.Uint()), true
	}
	return 0, false
}
