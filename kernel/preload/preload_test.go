package preload_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gornn/gornn/display"
	"github.com/gornn/gornn/kernel/eval"
	"github.com/gornn/gornn/kernel/preload"
	"github.com/gornn/gornn/rnn"
)

// published records what the display package hands a session's front end.
type published struct {
	mu      sync.Mutex
	data    []display.Data
	cleared []bool
}

func (p *published) frontend() display.Frontend {
	return display.Frontend{
		Publish:     func(d display.Data) { p.mu.Lock(); p.data = append(p.data, d); p.mu.Unlock() },
		ClearOutput: func(wait bool) { p.mu.Lock(); p.cleared = append(p.cleared, wait); p.mu.Unlock() },
	}
}

func newSession(t *testing.T, fe display.Frontend) *eval.Session {
	t.Helper()
	s, err := eval.New(preload.Options(eval.Options{}, fe))
	if err != nil {
		t.Fatalf("eval.New: %v", err)
	}
	return s
}

// run executes cells in order and returns the last result; earlier cells
// must succeed.
func run(t *testing.T, s *eval.Session, cells ...string) *eval.Result {
	t.Helper()
	var r *eval.Result
	for i, c := range cells {
		r = s.Execute(context.Background(), c)
		if i < len(cells)-1 && r.Err != nil {
			t.Fatalf("cell %q: %v", c, r.Err)
		}
	}
	return r
}

func text(r *eval.Result) string {
	if r.Value == nil {
		return ""
	}
	s, _ := r.Value.Data["text/plain"].(string)
	return s
}

// Rich output published by a cell reaches the session's front end.
func TestDisplayRouting(t *testing.T) {
	var p published
	s := newSession(t, p.frontend())
	r := run(t, s, "import \"github.com/gornn/gornn/display\"",
		"display.HTML(\"<b>hi</b>\")\ndisplay.ClearOutput(true)")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.data) != 1 || p.data[0].Data["text/html"] != "<b>hi</b>" {
		t.Errorf("published %+v, want one HTML bundle", p.data)
	}
	if len(p.cleared) != 1 || !p.cleared[0] {
		t.Errorf("ClearOutput calls %v, want [true]", p.cleared)
	}
}

// Each session's cells publish to that session's front end.
func TestDisplayFollowsTheRunningSession(t *testing.T) {
	var pa, pb published
	a, b := newSession(t, pa.frontend()), newSession(t, pb.frontend())
	for _, s := range []*eval.Session{a, b} {
		run(t, s, "import \"github.com/gornn/gornn/display\"")
	}
	run(t, a, `display.Text("a")`)
	run(t, b, `display.Text("b")`)
	run(t, a, `display.Text("a2")`)
	texts := func(p *published) string {
		p.mu.Lock()
		defer p.mu.Unlock()
		var ts []string
		for _, d := range p.data {
			ts = append(ts, d.Data["text/plain"].(string))
		}
		return strings.Join(ts, ",")
	}
	if got := texts(&pa); got != "a,a2" {
		t.Errorf("session a's front end got %q, want a,a2", got)
	}
	if got := texts(&pb); got != "b" {
		t.Errorf("session b's front end got %q, want b", got)
	}
}

// A type declared by a cell is shown through its String method when the
// display package renders it.
func TestDisplayCellTypeMethods(t *testing.T) {
	var p published
	s := newSession(t, p.frontend())
	r := run(t, s, "import \"github.com/gornn/gornn/display\"",
		"type Badge struct{ label string }\nfunc (b Badge) String() string { return \"<\" + b.label + \">\" }",
		"display.Display(Badge{\"new\"})")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.data) != 1 || p.data[0].Data["text/plain"] != "<new>" {
		t.Errorf("displayed %+v, want the String of the cell type", p.data)
	}
}

// Documentation of the preloaded packages comes from their doc tables.
func TestInspectPreloaded(t *testing.T) {
	s := newSession(t, display.Frontend{})
	run(t, s, "import \"github.com/gornn/gornn/rnn\"")
	doc, ok := s.Inspect("rnn.MatMul(a, b)", 5)
	if !ok || !strings.Contains(doc, "func MatMul(") {
		t.Errorf("Inspect(rnn.MatMul) = %q, %v; want its declaration", doc, ok)
	}
}

// A long graph run by compiled code is handed the cell's context, so
// interrupting the cell stops it too.
func TestInterruptCompiledRNNCall(t *testing.T) {
	s := newSession(t, display.Frontend{})
	run(t, s, "import \"github.com/gornn/gornn/rnn\"",
		"g := rnn.NewGraph()\nw := g.Variable(rnn.Zeros(300, 300))\nn := w\nfor i := 0; i < 2000; i++ {\n\tn = rnn.MatMul(n, w)\n}\nsess := g.NewSession()\nsess.MustRun(g.GlobalVariablesInitializer(), nil)")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	r := s.Execute(ctx, "sess.Run(n, nil)")
	if r.Err == nil || r.Err.Name != "Interrupted" {
		t.Fatalf("Execute = %v, %v; want Interrupted", r.Err, text(r))
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("interrupt took %v", d)
	}
	if r := s.Execute(context.Background(), "w != nil"); r.Err != nil || text(r) != "true" {
		t.Errorf("after interrupt: %v %q", r.Err, text(r))
	}

	// A cell runs graphs under its own context; between cells, under none.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	if r := s.Execute(ctx, "rnn.DefaultContext().Done() != nil"); r.Err != nil || text(r) != "true" {
		t.Errorf("inside a cell: %v %q, want the cell's cancellable context", r.Err, text(r))
	}
	if rnn.DefaultContext().Done() != nil {
		t.Errorf("after the cell, rnn's default context is still the cell's")
	}
}

// A hook of the caller still runs, with the cell's context.
func TestOptionsKeepsTheCallersHook(t *testing.T) {
	var started, ended int
	var sawCtx context.Context
	o := preload.Options(eval.Options{CellHook: func(ctx context.Context) func() {
		started++
		sawCtx = ctx
		return func() { ended++ }
	}}, display.Frontend{})
	s, err := eval.New(o)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if r := s.Execute(ctx, "1 + 1"); r.Err != nil {
		t.Fatal(r.Err)
	}
	if started != 1 || ended != 1 || sawCtx != ctx {
		t.Errorf("hook started %d, ended %d times, context %v; want once each, with the cell's", started, ended, sawCtx)
	}
}

// TestPlaceholderWithoutShapeInCells: a placeholder made in a cell
// without a shape takes a tensor of any shape, as in compiled Go, though
// the interpreter passes an empty slice for the missing arguments.
func TestPlaceholderWithoutShapeInCells(t *testing.T) {
	s := newSession(t, display.Frontend{})
	r := run(t, s,
		"x := rnn.Placeholder(rnn.Float32)\nsess := rnn.NewSession()",
		"v, err := sess.Run(rnn.ReduceSum(x), rnn.Feeds{x: rnn.TensorFrom([]float32{1, 2, 3}, 3)})\nfmt.Sprint(err, v.Value())")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := text(r); got != "<nil> 6" {
		t.Errorf("got %q, want <nil> 6", got)
	}
}
