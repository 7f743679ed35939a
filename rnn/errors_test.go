package rnn

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestBuildErrorsNameOpAndShapes(t *testing.T) {
	cases := []struct {
		name  string
		build func(g *Graph) *Node
		want  []string
	}{
		{"MatMul inner dims", func(g *Graph) *Node {
			return MatMul(g.Placeholder(Float32, None, 28), g.Variable(Zeros(64, 128)))
		}, []string{"MatMul", "[?,28]", "[64,128]"}},
		{"MatMul rank", func(g *Graph) *Node {
			return MatMul(g.Placeholder(Float32, 2, 3, 4), g.Variable(Zeros(4, 2)))
		}, []string{"MatMul", "[2,3,4]", "matrices"}},
		{"Add shapes", func(g *Graph) *Node {
			return Add(g.Placeholder(Float32, None, 10), g.Variable(Zeros(128)))
		}, []string{"Add", "[?,10]", "[128]"}},
		{"Reshape size", func(g *Graph) *Node {
			return Reshape(g.Variable(Zeros(3, 4)), 5, -1)
		}, []string{"Reshape", "[3,4]"}},
		{"Reshape two -1", func(g *Graph) *Node {
			return Reshape(g.Variable(Zeros(3, 4)), -1, -1)
		}, []string{"Reshape", "more than one -1"}},
		{"Split uneven", func(g *Graph) *Node {
			return Split(g.Variable(Zeros(10, 4)), 3, 0)[0]
		}, []string{"Split", "[10,4]", "3"}},
		{"Transpose perm", func(g *Graph) *Node {
			return Transpose(g.Variable(Zeros(3, 4)), 0, 0)
		}, []string{"Transpose", "permutation"}},
		{"Concat dims", func(g *Graph) *Node {
			return Concat([]*Node{g.Variable(Zeros(3, 4)), g.Variable(Zeros(2, 5))}, 1)
		}, []string{"Concat", "[2,5]", "[3,4]"}},
		{"ArgMax axis", func(g *Graph) *Node {
			return ArgMax(g.Variable(Zeros(3, 4)), 2)
		}, []string{"ArgMax", "axis 2"}},
		{"ReduceMean of bool", func(g *Graph) *Node {
			v := g.Variable(Zeros(3))
			return ReduceMean(Equal(v, v))
		}, []string{"ReduceMean", "bool", "Cast"}},
		{"nil input", func(g *Graph) *Node {
			return Tanh(nil)
		}, []string{"Tanh", "nil"}},
		{"mixed graphs", func(g *Graph) *Node {
			return Add(g.Variable(Zeros(3)), NewGraph().Variable(Zeros(3)))
		}, []string{"Add", "another graph"}},
		{"LSTM state shape", func(g *Graph) *Node {
			x := g.Placeholder(Float32, None, 3)
			h, _ := BasicLSTMCell(4, 1).Call(x, LSTMState{C: g.Variable(Zeros(2, 5)), H: g.Variable(Zeros(2, 5))})
			return h
		}, []string{"BasicLSTMCell", "[2,5]"}},
		{"variable reused with another shape", func(g *Graph) *Node {
			g.GetVariable("w", Zeros(2))
			return g.GetVariable("w", Zeros(3))
		}, []string{"Variable", "w", "[2]", "[3]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ResetDefaultGraph()
			g := DefaultGraph()
			n := tc.build(g)
			err := n.Err()
			if err == nil {
				t.Fatalf("no error recorded on %v", n)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			// Sticky: dependants carry the error, Run and Graph.Err return it.
			dep := Tanh(n)
			if !errors.Is(dep.Err(), err) {
				t.Errorf("dependant's error %v, want %v", dep.Err(), err)
			}
			if _, runErr := n.Graph().NewSession().Run(dep, nil); !errors.Is(runErr, err) {
				t.Errorf("Run error %v, want %v", runErr, err)
			}
			if n.Graph().Err() == nil {
				t.Errorf("Graph.Err is nil")
			}
		})
	}
	ResetDefaultGraph()
}

func TestRunErrors(t *testing.T) {
	g := NewGraph()
	x := g.Placeholder(Float32, None, 3)
	w := g.Variable(RandomNormal(3, 2))
	y := MatMul(x, w)
	a := g.Placeholder(Float32, None, 2)
	sum := Add(y, a)
	s := g.NewSession()
	good := NewTensor(4, 3)
	cases := []struct {
		name  string
		run   func() error
		want  []string
		setup bool
	}{
		{"uninitialized variable", func() error { _, err := s.Run(y, Feeds{x: good}); return err },
			[]string{"Variable", "GlobalVariablesInitializer"}, false},
		{"unfed placeholder", func() error { _, err := s.Run(y, nil); return err },
			[]string{"Placeholder", "not fed"}, true},
		{"wrong rank", func() error { _, err := s.Run(y, Feeds{x: NewTensor(3)}); return err },
			[]string{"Placeholder", "[3]", "[?,3]"}, true},
		{"wrong dimension", func() error { _, err := s.Run(y, Feeds{x: NewTensor(4, 5)}); return err },
			[]string{"Placeholder", "[4,5]", "[?,3]"}, true},
		{"batch sizes disagree", func() error {
			_, err := s.Run(sum, Feeds{x: good, a: NewTensor(5, 2)})
			return err
		}, []string{"Add", "[4,2]", "[5,2]"}, true},
		{"feed a non-placeholder", func() error { _, err := s.Run(y, Feeds{x: good, w: NewTensor(3, 2)}); return err },
			[]string{"Variable", "only placeholders"}, true},
		{"nil fetch", func() error { _, err := s.Run(nil, nil); return err }, []string{"nil"}, true},
		{"foreign fetch", func() error { _, err := s.Run(NewGraph().Variable(Zeros(1)), nil); return err },
			[]string{"another graph"}, true},
		{"nil feed", func() error { _, err := s.Run(y, Feeds{x: nil}); return err }, []string{"nil tensor"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup {
				s.MustRun(g.GlobalVariablesInitializer(), nil)
			}
			err := tc.run()
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
	// The session stays usable after errors.
	if _, err := s.Run(sum, Feeds{x: good, a: NewTensor(4, 2)}); err != nil {
		t.Errorf("run after errors: %v", err)
	}
}

func TestMustRunPanicsWithTheError(t *testing.T) {
	g := NewGraph()
	x := g.Placeholder(Float32, 2)
	defer func() {
		r := recover()
		err, ok := r.(error)
		if !ok || !strings.Contains(err.Error(), "not fed") {
			t.Errorf("recovered %v, want the unfed placeholder error", r)
		}
	}()
	g.NewSession().MustRun(Tanh(x), nil)
}

func TestRunStopsWhenCancelled(t *testing.T) {
	g := NewGraph()
	m := buildTutorial(g, 28, 28, 128, 10, GradientDescentOptimizer(0.001))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	const batch = 20000
	feeds := Feeds{m.x: NewTensor(batch, 28, 28), m.y: NewTensor(batch, 10)}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.RunContext(ctx, m.accr, feeds); !errors.Is(err, context.Canceled) {
		t.Fatalf("pre-cancelled run: %v, want context.Canceled", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	SetDefaultContext(ctx)
	defer SetDefaultContext(nil)
	time.AfterFunc(30*time.Millisecond, cancel)
	_, err := s.Run(m.accr, feeds)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v, want context.Canceled", err)
	}
	// Still usable afterwards.
	SetDefaultContext(nil)
	small := Feeds{m.x: NewTensor(2, 28, 28), m.y: NewTensor(2, 10)}
	if _, err := s.Run(m.accr, small); err != nil {
		t.Errorf("run after cancel: %v", err)
	}
}

// TestTrainingRunStopsWhenCancelled cancels a training run (forward and
// backward passes with gradients accumulating on a second goroutine) and
// checks that the session trains normally afterwards.
func TestTrainingRunStopsWhenCancelled(t *testing.T) {
	g := NewGraph()
	m := buildTutorial(g, 28, 28, 128, 10, GradientDescentOptimizer(0.001))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	big := Feeds{m.x: NewTensor(3000, 28, 28), m.y: NewTensor(3000, 10)}
	for _, delay := range []time.Duration{0, 5 * time.Millisecond, 40 * time.Millisecond} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(delay, cancel)
		_, err := s.RunContext(ctx, m.optm, big)
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled after %v: %v, want context.Canceled", delay, err)
		}
		cancel()
	}
	small := Feeds{m.x: NewTensor(4, 28, 28), m.y: NewTensor(4, 10)}
	for i := 0; i < 3; i++ {
		if _, err := s.Run(m.optm, small); err != nil {
			t.Fatalf("training after cancel: %v", err)
		}
	}
	if _, err := s.Run(m.cost, small); err != nil {
		t.Fatalf("cost after cancel: %v", err)
	}
}
