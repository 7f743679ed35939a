package eval

import (
	"context"
	"errors"
	"go/ast"
	"reflect"
	"sync"

	"github.com/traefik/yaegi/interp"
)

// A cell's top level is the body of a function that ends with the cell,
// so a defer there runs when the cell ends. The interpreter runs its
// statements in a function of its own that it never leaves (it would run
// such a defer again after every later cell), so a cell-level defer is
// rewritten to hand the deferred call to the session, which runs the
// calls in reverse order once the cell's last run is done, or has
// panicked. A deferred call recovers that panic through the helper that
// every recover() of a cell is rewritten to go through: the interpreter's
// own recover finds no panic then, since the cell's evaluation is over.
const (
	deferFn   = rtAlias + ".Defer"
	runDefer  = rtAlias + ".RunDefer"
	recoverFn = "__gornnRecover"
)

// deferSource declares the interpreted side of recover: a recover that
// finds a panic of its own goroutine returns it, as in Go, unwrapped (see
// recovered); otherwise it takes the panic of the cell whose deferred
// calls are running.
const deferSource = `
func ` + recoverFn + `(__gornnR any) any {
	if __gornnR != nil {
		return ` + rtAlias + `.Recovered(__gornnR)
	}
	return ` + rtAlias + `.Recover()
}
`

// deferStack holds the deferred calls of the running cell, and its panic
// while they run.
type deferStack struct {
	mu      sync.Mutex
	calls   []func()
	running bool
	pending any // the cell's panic, until a deferred call recovers it
	panics  bool
}

// push is Defer: the rewritten defer statement hands over its call, with
// the function and arguments already evaluated.
func (d *deferStack) push(f func()) {
	d.mu.Lock()
	d.calls = append(d.calls, f)
	d.mu.Unlock()
}

// reset forgets the calls of an earlier cell (one that was interrupted).
func (d *deferStack) reset() {
	d.mu.Lock()
	d.calls, d.running, d.pending, d.panics = nil, false, nil, false
	d.mu.Unlock()
}

// empty reports whether no call is deferred.
func (d *deferStack) empty() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.calls) == 0
}

// runNext is RunDefer: it calls the last deferred call. A panic of the
// call goes on to the interpreter, which reports it.
func (d *deferStack) runNext() {
	d.mu.Lock()
	n := len(d.calls)
	if n == 0 {
		d.mu.Unlock()
		return
	}
	f := d.calls[n-1]
	d.calls = d.calls[:n-1]
	d.running = true
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		d.running = false
		d.mu.Unlock()
	}()
	f()
}

// recoverPending is Recover: the cell's panic, once, while its deferred
// calls run.
func (d *deferStack) recoverPending() any {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.running || !d.panics {
		return nil
	}
	v := d.pending
	d.pending, d.panics = nil, false
	return recovered(v)
}

// setPanic records the panic the deferred calls may recover.
func (d *deferStack) setPanic(v any) {
	d.mu.Lock()
	d.pending, d.panics = v, true
	d.mu.Unlock()
}

// recovered reports whether the recorded panic was recovered.
func (d *deferStack) recovered() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return !d.panics
}

// runDefers runs the cell's deferred calls, last first, when the cell
// ends: cellErr is how it ended, with panic the value when it panicked.
// It returns how the cell ends after them: nil when a deferred call
// recovered the panic, the panic of a deferred call that panicked (the
// calls after it still run, as in Go), or cellErr.
func (s *Session) runDefers(ctx context.Context, code string, rw rewritten, cellErr *Error, panicked bool, pv any) *Error {
	if s.defers.empty() {
		return cellErr
	}
	if panicked {
		s.defers.setPanic(pv)
	}
	for !s.defers.empty() {
		if ctx.Err() != nil {
			s.defers.reset()
			return &Error{Name: "Interrupted", Message: "the cell was interrupted while its deferred calls ran; the session keeps its state",
				Traceback: []string{"Interrupted: deferred calls of the cell"}}
		}
		s.sniff.take()
		err := s.evalStoppable(ctx, ";\n"+runDefer+"()", interruptGrace)
		if e := s.takeStackOverflow(code); e != nil {
			cellErr, panicked = e, false
			continue
		}
		if err == nil {
			continue
		}
		if p, ok := panicValue(err); ok {
			// A deferred call that panics replaces the cell's panic.
			s.defers.setPanic(p)
			cellErr, panicked = s.convertError(ctx, err, code, rw), true
			continue
		}
		cellErr = s.convertError(ctx, err, code, rw)
	}
	if panicked && s.defers.recovered() {
		return nil
	}
	s.defers.reset()
	return cellErr
}

// deferStmt rewrites a defer statement of a cell's top level (also in
// its loops and blocks, not in function literals) so that the function
// and arguments are evaluated at the statement and the call is handed to
// the session:
//
//	defer f(a, b)  ->  func() { f', a', b' := f, a, b; __gornn.Defer(func() { f'(a', b') }) }()
//
// The function literal around it gives each execution its own f', a',
// b': in a loop, variables of the loop's body are one variable for all
// iterations in the interpreter, and only a call makes new ones.
// A builtin (close, delete, panic, print, println) cannot be a value:
// only its arguments are evaluated at the statement.
func (rw *rewriter) deferStmt(p *piece, d *ast.DeferStmt) {
	call := d.Call
	fun := ast.Unparen(call.Fun)
	builtin := ""
	if id, ok := fun.(*ast.Ident); ok && isBuiltinName(id.Name) && !rw.locals[id.Name] && (rw.know == nil || !rw.know.defined(id.Name)) {
		builtin = id.Name
	}
	var names []string
	fn := builtin
	if builtin == "clear" {
		fn = clearFn
	}
	if builtin == "" {
		fn = rw.fresh("DeferFn")
		names = append(names, fn)
	}
	var args []string
	for range call.Args {
		a := rw.fresh("DeferArg")
		args = append(args, a)
		names = append(names, a)
	}
	callText := fn + "(" + joinNames(args)
	if call.Ellipsis.IsValid() {
		callText += "..."
	}
	callText += ")"
	tail := "; " + deferFn + "(func() { " + callText + " }) }()"
	if len(names) == 0 {
		// defer f() of a builtin without arguments: nothing to evaluate.
		rw.add(p, d.Pos(), call.End(), deferFn+"(func() { "+callText+" })")
		return
	}
	head := "func() { " + joinNames(names) + " := "
	if builtin == "" {
		rw.add(p, d.Pos(), call.Fun.Pos(), head)
		if len(call.Args) == 0 {
			rw.add(p, call.Fun.End(), call.End(), tail)
			return
		}
		rw.add(p, call.Fun.End(), call.Args[0].Pos(), ", ")
	} else {
		rw.add(p, d.Pos(), call.Args[0].Pos(), head)
	}
	rw.add(p, call.Args[len(call.Args)-1].End(), call.End(), tail)
}

// recoverCall makes a call of the builtin recover also see the panic of
// the cell whose deferred calls are running.
func (rw *rewriter) recoverCall(p *piece, c *ast.CallExpr) {
	id, ok := ast.Unparen(c.Fun).(*ast.Ident)
	if !ok || id.Name != "recover" || len(c.Args) != 0 || rw.locals[id.Name] || (rw.know != nil && rw.know.defined(id.Name)) {
		return
	}
	rw.wrap(p, c.Pos(), c.End(), recoverFn+"(", ")", 0)
}

// isBuiltinName reports whether name is a builtin function that a defer
// statement may call.
func isBuiltinName(name string) bool {
	switch name {
	case "close", "delete", "panic", "print", "println", "recover", "clear", "copy":
		return true
	}
	return false
}

// cellDefers returns the defer statements of a statement piece that belong
// to the cell's own body: those outside function literals.
func cellDefers(p *piece) []*ast.DeferStmt {
	var ds []*ast.DeferStmt
	if p.stmt == nil {
		return nil
	}
	ast.Inspect(p.stmt, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			ds = append(ds, n)
		}
		return true
	})
	return ds
}

// panicValue returns the value of a panic of the cell's code.
func panicValue(err error) (any, bool) {
	var p interp.Panic
	if !errors.As(err, &p) {
		return nil, false
	}
	// A panic of interpreted code holds the value as the interpreter
	// keeps it.
	if v, ok := p.Value.(reflect.Value); ok {
		if !v.IsValid() || !v.CanInterface() {
			return nil, true
		}
		return v.Interface(), true
	}
	return p.Value, true
}

// deferExports returns the compiled side of cell-level defers, in the
// runtime helpers' package.
func deferExports(d *deferStack) interp.Exports {
	return interp.Exports{rtPath + "/rt": {
		"Defer":    reflect.ValueOf(d.push),
		"RunDefer": reflect.ValueOf(d.runNext),
		"Recover":  reflect.ValueOf(d.recoverPending),
	}}
}
