package eval

import (
	"context"
	"testing"
	"time"

	"github.com/gornn/gornn/rnn"
)

// A long graph run by compiled code is handed the cell's context, so
// interrupting the cell stops it too.
func TestInterruptCompiledRNNCall(t *testing.T) {
	s := newSession(t, Options{})
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
