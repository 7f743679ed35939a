package eval

import (
	"fmt"
	"go/ast"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/traefik/yaegi/interp"
)

// A value of a cell's type held in a compiled interface type (error,
// fmt.Stringer) is, in the interpreter, a wrapper struct whose methods
// call the cell's methods, and whose first field, IValue, should hold
// the value itself. For a struct it does not: the interpreter takes a
// struct without methods in reflect for a wrapper of its own and keeps
// the struct's last field instead (interp/value.go, getConcreteValue).
// So err.(HTTPError), errors.As(err, &httpErr) and a type switch's case
// HTTPError all failed for a value that Error() described rightly.
//
// The wrapper's methods still reach the right receiver. Every Error()
// string and String() string method a cell declares therefore starts
// with a check: while an assertion of its goroutine asks (selfOf), it
// hands its receiver over instead of running, with the name of its
// receiver's type. The assertions the session rewrites (assertrewrite.go)
// ask that way before they fall back on the interpreter's own.
const (
	capturingFn = rtAlias + ".Capturing"
	captureFn   = rtAlias + ".Capture"
	selfOfFn    = rtAlias + ".SelfOf"
)

// selfCapture is the handover between selfOf and the methods' checks,
// one slot per goroutine that asks, so that the methods other
// goroutines run meanwhile run as usual.
type selfCapture struct {
	asking atomic.Int32 // goroutines in selfOf; the checks' fast way out
	mu     sync.Mutex
	slots  map[int64]*capturedSelf
}

// capturedSelf is what one call of selfOf received.
type capturedSelf struct {
	name  string // the receiver's type as the cell writes it: T or *T
	value any
	got   bool
}

// capturing reports whether the calling goroutine's selfOf waits for a
// receiver: the check a cell's Error and String methods start with.
func (c *selfCapture) capturing() bool {
	if c.asking.Load() == 0 {
		return false
	}
	id := goroutineID()
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.slots[id]
	return s != nil && !s.got
}

// capture takes the receiver of the method that capturing let through.
func (c *selfCapture) capture(name string, v any) {
	id := goroutineID()
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.slots[id]; s != nil && !s.got {
		s.name, s.value, s.got = name, v, true
	}
}

// selfOf returns the value of a cell's type that x, an interface value
// the interpreter wrapped, holds, and the name of its type; ok is false
// when x is no such wrapper or its method does not hand a receiver over
// (a compiled method, or one promoted from an embedded field).
func (c *selfCapture) selfOf(x any) (name string, v any, ok bool) {
	if x == nil {
		return "", nil, false
	}
	if np, isNil := x.(*nilPointer); isNil {
		return np.name, np.value(), true
	}
	w := reflect.ValueOf(x)
	if !isInterpWrapper(w.Type()) {
		return "", nil, false
	}
	id := goroutineID()
	slot := &capturedSelf{}
	c.mu.Lock()
	if c.slots == nil {
		c.slots = map[int64]*capturedSelf{}
	}
	outer := c.slots[id] // a method that asserts, run by an outer selfOf
	c.slots[id] = slot
	c.mu.Unlock()
	c.asking.Add(1)
	defer func() {
		c.asking.Add(-1)
		c.mu.Lock()
		if outer != nil {
			c.slots[id] = outer
		} else {
			delete(c.slots, id)
		}
		c.mu.Unlock()
	}()
	callDescribing(x)
	if !slot.got {
		return "", nil, false
	}
	name, v = slot.name, slot.value
	if held := w.Field(0); held.Kind() == reflect.Interface && v != nil {
		// A method with a value receiver also runs for a pointer: the
		// wrapper holds the pointer then (a pointer has no fields the
		// interpreter could take for the value).
		if p := held.Elem(); p.Kind() == reflect.Pointer && !p.IsNil() && p.Type().Elem() == reflect.TypeOf(v) &&
			name != "" && name[0] != '*' && reflect.DeepEqual(p.Elem().Interface(), v) {
			name, v = "*"+name, p.Interface()
		}
	}
	return name, v, true
}

// callDescribing calls x's Error or String method, whose check hands
// its receiver over; a panic of a method without the check is dropped,
// as the assertion's answer is then the interpreter's own.
func callDescribing(x any) {
	defer func() { _ = recover() }()
	switch d := x.(type) {
	case error:
		_ = d.Error()
	case fmt.Stringer:
		_ = d.String()
	}
}

// isInterpWrapper reports whether t is the type of the interpreter's
// wrappers of interpreted values in compiled interfaces: a struct whose
// first field is IValue (interp/interp.go, type _error, and the wrappers
// of the symbol tables).
func isInterpWrapper(t reflect.Type) bool {
	return t != nil && t.Kind() == reflect.Struct && t.NumField() > 0 && t.Field(0).Name == "IValue"
}

// selfCaptureExports returns the compiled side, one handover per
// session.
func selfCaptureExports() interp.Exports {
	c := &selfCapture{}
	syms := map[string]reflect.Value{
		"Capturing":      reflect.ValueOf(c.capturing),
		"Capture":        reflect.ValueOf(c.capture),
		"SelfOf":         reflect.ValueOf(c.selfOf),
		"AssertionPanic": reflect.ValueOf(assertionPanic),
		"TypeName":       reflect.ValueOf(c.typeName),
	}
	for k, v := range nilPointerExports() {
		syms[k] = v
	}
	return interp.Exports{rtPath + "/rt": syms}
}

// typeName is %T of v, which names the type of a cell for a value the
// interpreter wrapped, as Go does, instead of the wrapper's.
func (c *selfCapture) typeName(v any) string {
	if name, _, ok := c.selfOf(v); ok {
		return qualifiedCellType(name)
	}
	return fmt.Sprintf("%T", v)
}

// qualifiedCellType writes the name of a cell's type (T or *T) as %T
// does.
func qualifiedCellType(name string) string {
	if strings.HasPrefix(name, "*") {
		return "*main." + name[1:]
	}
	return "main." + name
}

// assertionError is the panic of a failed single-valued assertion that
// the session rewrote: a runtime.Error, with Go's text.
type assertionError struct{ msg string }

func (e *assertionError) Error() string { return e.msg }

// RuntimeError marks the error as the runtime's, as Go's own
// *runtime.TypeAssertionError is.
func (e *assertionError) RuntimeError() {}

// assertionPanic panics as a failed x.(T) does in Go: iface is x's
// static type and want T, as %T writes them; have is the name selfOf
// gave x's dynamic type, a type of a cell, and "" when x is nil.
func assertionPanic(iface, have, want string) {
	if have == "" {
		panic(&assertionError{"interface conversion: interface is nil, not " + want})
	}
	panic(&assertionError{"interface conversion: " + iface + " is " + qualifiedCellType(have) + ", not " + want})
}

// describingMethod reports whether fd is a method that fmt or an error
// interface calls to describe a value, Error() string or String()
// string, and returns its receiver's type as the cell writes it.
func describingMethod(fd *ast.FuncDecl) (recvType string, ok bool) {
	if fd.Recv == nil || len(fd.Recv.List) != 1 || fd.Body == nil {
		return "", false
	}
	if fd.Name.Name != "Error" && fd.Name.Name != "String" {
		return "", false
	}
	ft := fd.Type
	if ft.TypeParams != nil || (ft.Params != nil && len(ft.Params.List) > 0) || ft.Results == nil || len(ft.Results.List) != 1 {
		return "", false
	}
	res := ft.Results.List[0]
	if id, isIdent := res.Type.(*ast.Ident); !isIdent || id.Name != "string" || len(res.Names) > 1 {
		return "", false
	}
	t := fd.Recv.List[0].Type
	star := ""
	if s, isStar := t.(*ast.StarExpr); isStar {
		star, t = "*", s.X
	}
	id, isIdent := t.(*ast.Ident) // not T[P]: generic types are not asked
	if !isIdent {
		return "", false
	}
	return star + id.Name, true
}

// selfCheck puts the handover check at the start of the cell's Error and
// String methods, naming an unnamed receiver for it:
//
//	func (e HTTPError) Error() string { ... }  ->  func (e HTTPError) Error() string { if __gornn.Capturing() { __gornn.Capture("HTTPError", e); return "" }; ... }
func (rw *rewriter) selfCheck(p *piece, fd *ast.FuncDecl) {
	recvType, ok := describingMethod(fd)
	if !ok {
		return
	}
	field := fd.Recv.List[0]
	recv := "__gornnRecv"
	switch {
	case len(field.Names) == 0:
		rw.add(p, field.Type.Pos(), field.Type.Pos(), recv+" ")
	case field.Names[0].Name == "_":
		rw.add(p, field.Names[0].Pos(), field.Names[0].End(), recv)
	default:
		recv = field.Names[0].Name
	}
	at := fd.Body.Lbrace + 1
	rw.add(p, at, at, " if "+capturingFn+"() { "+captureFn+"("+strconv.Quote(recvType)+", "+recv+"); return \"\" };")
}
