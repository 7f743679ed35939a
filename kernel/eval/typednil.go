package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"io"
	"reflect"
	"strconv"
)

// A nil pointer of a cell's type stored in an error is, in Go, an error
// that is not nil: `var err error = (*MyErr)(nil); err != nil` holds. The
// interpreter makes such a conversion a nil error instead (interp/run.go,
// genInterfaceWrapper: a nil pointer becomes the interface's zero). The
// session rewrites the places where a pointer of a cell's error type
// becomes an error (assignments, declarations, returns and conversions)
// to keep a nil one as a compiled stand-in, which is not nil, describes
// itself with the type's Error method, and gives selfOf its type.
//
//	var err error = p  ->  var err error = func(p *MyErr) error { if p == nil { return __gornn.NilPointer("*MyErr", ...) }; return p }(p)
const nilPointerFn = rtAlias + ".NilPointer"

// nilPointer is the stand-in for a nil pointer of a cell's type held in
// an error.
type nilPointer struct {
	name     string        // the pointer type as a cell writes it
	describe func() string // the type's Error method, called on nil
	ptr      any           // a pointer to a nil pointer of the type
}

func newNilPointer(name string, describe func() string, ptr any) error {
	return &nilPointer{name: name, describe: describe, ptr: ptr}
}

// Error calls the type's Error method on the nil pointer, as Go does.
func (p *nilPointer) Error() string { return p.describe() }

// Format prints as fmt prints a nil pointer whose Error method it
// calls: its text, or <nil> when the method panics.
func (p *nilPointer) Format(f fmt.State, verb rune) {
	text := "<nil>"
	func() {
		defer func() { _ = recover() }()
		text = p.describe()
	}()
	if verb == 'q' {
		text = strconv.Quote(text)
	}
	_, _ = io.WriteString(f, text)
}

// value returns the nil pointer itself, of the cell's type.
func (p *nilPointer) value() any { return reflect.ValueOf(p.ptr).Elem().Interface() }

// nilPointerExports returns the compiled side.
func nilPointerExports() map[string]reflect.Value {
	return map[string]reflect.Value{"NilPointer": reflect.ValueOf(newNilPointer)}
}

// nilPointerBox returns the function that stands a pointer of type t in
// for an error, when t is a pointer to a cell's type that is an error.
func nilPointerBox(t types.Type) (string, bool) {
	ptr, ok := t.(*types.Pointer)
	if !ok {
		return "", false
	}
	named, ok := ptr.Elem().(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "main" || named.TypeParams().Len() > 0 || named.TypeArgs().Len() > 0 {
		return "", false
	}
	errType := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	if types.IsInterface(named) || !types.Implements(t, errType) {
		return "", false
	}
	tt := cellText(t)
	return fmt.Sprintf("func(__gornnP %s) error { if __gornnP == nil { return %s(%q, func() string { return __gornnP.Error() }, new(%s)) }; return __gornnP }(",
		tt, nilPointerFn, tt, tt), true
}

// isErrorType reports whether t is the predeclared error.
func isErrorType(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// boxNilPointer wraps x, stored into a place of type to, when x is a
// pointer of a cell's error type and to is error.
func (rw *rewriter) boxNilPointer(p *piece, x ast.Expr, to types.Type) {
	a := rw.assertion()
	if a == nil || !isErrorType(to) {
		return
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return // &T{...} is never nil
		}
	case *ast.Ident:
		if x.Name == "nil" {
			return
		}
	}
	t, ok := a.k.typeOf(p.off(x.Pos()), p.off(x.End()))
	if !ok {
		return
	}
	box, ok := nilPointerBox(t)
	if !ok {
		return
	}
	rw.wrap(p, x.Pos(), x.End(), box, ")", rankInner)
}

// nilPointerStores finds the stores of n that boxNilPointer looks at:
// assignments, declarations with a type, and conversions to error.
func (rw *rewriter) nilPointerStores(p *piece, n ast.Node) {
	a := rw.assertion()
	if a == nil {
		return
	}
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok != token.ASSIGN || len(n.Lhs) != len(n.Rhs) {
			return
		}
		for i, l := range n.Lhs {
			if t, ok := a.k.typeOf(p.off(l.Pos()), p.off(l.End())); ok {
				rw.boxNilPointer(p, n.Rhs[i], t)
			}
		}
	case *ast.ValueSpec:
		if n.Type == nil || len(n.Names) != len(n.Values) {
			return
		}
		if t, ok := a.k.typeExprOf(p.off(n.Type.Pos()), p.off(n.Type.End())); ok {
			for _, v := range n.Values {
				rw.boxNilPointer(p, v, t)
			}
		}
	case *ast.CallExpr:
		if len(n.Args) != 1 {
			return
		}
		if t, ok := a.k.typeExprOf(p.off(n.Fun.Pos()), p.off(n.Fun.End())); ok {
			rw.boxNilPointer(p, n.Args[0], t)
		}
	}
}

// nilPointerReturns boxes the results of a function's return statements
// (those of its own body, not of function literals in it).
func (rw *rewriter) nilPointerReturns(p *piece, ft *ast.FuncType, body *ast.BlockStmt) {
	a := rw.assertion()
	if a == nil || body == nil || ft.Results == nil {
		return
	}
	var results []types.Type
	for _, f := range ft.Results.List {
		t, _ := a.k.typeExprOf(p.off(f.Type.Pos()), p.off(f.Type.End()))
		for range max(1, len(f.Names)) {
			results = append(results, t)
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == len(results) {
				for i, r := range n.Results {
					rw.boxNilPointer(p, r, results[i])
				}
			}
		}
		return true
	})
}

// panicError makes panic's argument an error when it is a value of a
// cell's error type, so that recover gives it back as the interpreter's
// error wrapper: panicked as it is, it came back as a struct without its
// type or methods (see recovered), which printed as its fields and
// matched no case of its type.
//
//	panic(InvariantError{"x"})  ->  panic([]error{InvariantError{"x"}}[0])
func (rw *rewriter) panicError(p *piece, call *ast.CallExpr) {
	id, ok := call.Fun.(*ast.Ident)
	if !ok || id.Name != "panic" || len(call.Args) != 1 || rw.locals["panic"] {
		return
	}
	a := rw.assertion()
	if a == nil {
		return
	}
	arg := call.Args[0]
	t, ok := a.k.typeOf(p.off(arg.Pos()), p.off(arg.End()))
	if !ok || !askedType(t) {
		return
	}
	errType := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	if !types.Implements(t, errType) {
		return
	}
	rw.wrap(p, arg.Pos(), arg.End(), "[]error{", "}[0]", 0)
}
