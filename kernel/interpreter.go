package kernel

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sync"

	"github.com/gornn/gornn/display"
	"github.com/gornn/gornn/kernel/dispatch"
	"github.com/gornn/gornn/kernel/eval"
	"github.com/gornn/gornn/kernel/modules"
)

// interpreter adapts an eval.Session to dispatch.Interpreter. The session
// is created in the background; every method waits until it exists.
// Output of the session (rich displays, captured stdout and stderr, reads
// of stdin) goes to the Output of the latest execute request, so that
// output of goroutines that outlive their cell still reaches a cell.
type interpreter struct {
	ready   chan struct{}
	session *eval.Session
	initErr error
	capture *eval.Capture
	log     *log.Logger

	mu  sync.Mutex
	out dispatch.Output

	streams streamDecoder
}

// newInterpreter returns an adapter whose session does not exist yet;
// start creates it.
func newInterpreter(logger *log.Logger) *interpreter {
	return &interpreter{ready: make(chan struct{}), log: logger}
}

// start creates the session in the background and returns at once.
// preload, if set, adds the packages cells can import and the hooks that
// route their rich output to this adapter.
func (it *interpreter) start(env []string, capture *eval.Capture, preload Preload) {
	it.capture = capture
	go func() {
		defer close(it.ready)
		opts := eval.Options{Input: it.input, Env: env, Page: it.page}
		// Jupyter starts a kernel in its notebook's directory, which
		// keeps the record of the modules its cells import.
		if wd, err := os.Getwd(); err == nil {
			opts.ModulesDir = filepath.Join(wd, modules.RecordDir)
		}
		if preload != nil {
			opts = preload(opts, display.Frontend{Publish: it.display, ClearOutput: it.clearOutput})
		}
		it.session, it.initErr = eval.New(opts)
		if it.initErr != nil {
			it.log.Printf("kernel: starting the interpreter: %v", it.initErr)
		}
	}()
}

// wait blocks until the session exists and reports whether it does.
// Cancelling ctx (an interrupt) stops the wait.
func (it *interpreter) wait(ctx context.Context) *dispatch.Error {
	select {
	case <-it.ready:
	case <-ctx.Done():
		return &dispatch.Error{Name: dispatch.InterruptedName, Value: "interrupted while the interpreter was starting"}
	}
	if it.initErr != nil {
		return &dispatch.Error{Name: "KernelError", Value: fmt.Sprintf("the interpreter failed to start: %v", it.initErr)}
	}
	return nil
}

// page shows documentation (NAME?) in the pager of the front end that
// runs the cell, or as text where the request has no pager.
func (it *interpreter) page(text string) {
	out := it.current()
	if out == nil {
		return
	}
	if p, ok := out.(dispatch.Pager); ok {
		p.Page(text)
		return
	}
	out.Stream("stdout", text+"\n")
}

func (it *interpreter) current() dispatch.Output {
	it.mu.Lock()
	defer it.mu.Unlock()
	return it.out
}

func (it *interpreter) display(d display.Data) {
	if it.capture != nil {
		// Text printed before the display must reach the front end first.
		it.capture.Sync()
	}
	if out := it.current(); out != nil {
		out.Display(toBundle(d))
	}
}

func (it *interpreter) clearOutput(wait bool) {
	if it.capture != nil {
		it.capture.Sync()
	}
	if out := it.current(); out != nil {
		out.ClearOutput(wait)
	}
}

func (it *interpreter) input(prompt string, password bool) (string, error) {
	out := it.current()
	if out == nil {
		return "", eval.ErrNoStdin
	}
	return out.Input(prompt, password)
}

// emit receives what the process writes to its stdout and stderr.
func (it *interpreter) emit(stream string, p []byte) {
	text := it.streams.text(stream, p)
	if out := it.current(); out != nil {
		out.Stream(stream, text)
	}
}

// Execute implements dispatch.Interpreter.
func (it *interpreter) Execute(ctx context.Context, code string, out dispatch.Output) (*dispatch.Bundle, *dispatch.Error) {
	if err := it.wait(ctx); err != nil {
		return nil, err
	}
	it.mu.Lock()
	prev := it.out
	it.out = out
	it.mu.Unlock()
	var res *eval.Result
	if n, ok := out.(dispatch.NumberedOutput); ok {
		// Later tracebacks name the cell as the front end does.
		var opts eval.CellOptions
		if count, counted := n.ExecutionCount(); counted {
			opts.Number = count
		}
		res = it.session.ExecuteCell(ctx, code, opts)
	} else {
		res = it.session.Execute(ctx, code)
	}
	if it.capture != nil {
		// Everything the cell printed is published before its result.
		it.capture.Sync()
	}
	if s, ok := out.(dispatch.SilentOutput); ok && s.Silent() && prev != nil {
		// Output that goroutines of earlier cells print later goes on
		// showing under the last cell that shows output.
		it.mu.Lock()
		it.out = prev
		it.mu.Unlock()
	}
	return toBundlePtr(res.Value), convertError(res.Err)
}

// Evaluate implements dispatch.Interpreter.
func (it *interpreter) Evaluate(ctx context.Context, expr string) (*dispatch.Bundle, *dispatch.Error) {
	if err := it.wait(ctx); err != nil {
		return nil, err
	}
	v, e := it.session.Evaluate(ctx, expr)
	return toBundlePtr(v), convertError(e)
}

// Complete implements dispatch.Interpreter.
func (it *interpreter) Complete(code string, cursor int) ([]string, int, int) {
	if it.wait(context.Background()) != nil {
		return nil, cursor, cursor
	}
	return it.session.Complete(code, cursor)
}

// Inspect implements dispatch.Interpreter.
func (it *interpreter) Inspect(code string, cursor int, detail int) (string, bool) {
	if it.wait(context.Background()) != nil {
		return "", false
	}
	return it.session.Inspect(code, cursor)
}

// IsComplete implements dispatch.Interpreter.
func (it *interpreter) IsComplete(code string) (string, string) {
	if it.wait(context.Background()) != nil {
		return "unknown", ""
	}
	return it.session.IsComplete(code)
}

func convertError(e *eval.Error) *dispatch.Error {
	if e == nil {
		return nil
	}
	tb := e.Traceback
	if len(tb) == 0 {
		tb = []string{e.Name + ": " + e.Message}
	}
	return &dispatch.Error{Name: e.Name, Value: e.Message, Traceback: tb}
}

// toBundle converts a rendered output to the dispatcher's own type.
func toBundle(d display.Data) dispatch.Bundle {
	return dispatch.Bundle{Data: d.Data, Metadata: d.Metadata, ID: d.ID, Update: d.Update}
}

// toBundlePtr converts an optional rendered output.
func toBundlePtr(d *display.Data) *dispatch.Bundle {
	if d == nil {
		return nil
	}
	b := toBundle(*d)
	return &b
}
