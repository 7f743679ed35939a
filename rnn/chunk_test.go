package rnn

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestChunkedRunsMatchOnePass runs fetches of the tutorial's graph over a
// batch in chunks and in one pass: values, shapes and reductions must
// agree, and the plans that can be chunked must be.
func TestChunkedRunsMatchOnePass(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(3)
	const steps, in, hidden, classes, batch = 6, 5, 8, 4, 30
	m := buildTutorial(g, steps, in, hidden, classes, GradientDescentOptimizer(0.1))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	rng := rand.New(rand.NewPCG(3, 3))
	x, y := randomTensor(rng, batch, steps, in), NewTensor(batch, classes)
	for r := range batch {
		y.Set(1, r, rng.IntN(classes))
	}
	feeds := Feeds{m.x: x, m.y: y}
	outs := m.out["LSTM_O"].([]*Node)
	// The same cell called step by step, on the tutorial's time-major inputs.
	var byStep []*Node
	var st State
	g.VariableScope("basic", func() {
		cell := BasicLSTMCell(hidden, 1.0)
		for _, x := range m.out["Hsplit"].([]*Node) {
			var h *Node
			h, st = cell.Call(x, st)
			byStep = append(byStep, h)
		}
	})
	byStep = append(byStep, st.(LSTMState).C)
	state := m.out["LSTM_S"].(LSTMState)
	tests := []struct {
		name    string
		fetches []*Node
		chunked bool
	}{
		{"accuracy", []*Node{m.accr}, true},
		{"cost", []*Node{m.cost}, true},
		{"sums and a mean over time-major values", []*Node{ReduceSum(m.pred), ReduceMean(m.out["H"].(*Node))}, true},
		{"predictions", []*Node{ArgMax(m.pred, 1)}, true},
		{"logits and state", []*Node{m.pred, state.C, state.H}, true},
		{"every step", outs, true},
		{"time-major inputs", []*Node{m.out["X"].(*Node), m.out["H"].(*Node)}, true},
		{"softmax", []*Node{Softmax(m.pred)}, true},
		{"split steps", []*Node{m.out["Hsplit"].([]*Node)[0], m.out["Hsplit"].([]*Node)[steps-1]}, true},
		{"split classes", Split(m.pred, 2, 1), true},
		{"flattened", []*Node{Reshape(m.pred, -1)}, true},
		{"cells step by step", byStep, true},
		{"a weight beside", []*Node{m.accr, m.weights["out"]}, true},
		// A mean over the batch axis alone mixes examples in a way the
		// chunks do not assemble; a reduction feeding another op too; a
		// reshape that spreads examples over a known dimension could not
		// take a chunk of any size; an initializer must run once.
		{"mean over the batch axis", []*Node{ReduceMeanAxis(m.pred, 0)}, false},
		{"reduction used further", []*Node{Mul(m.cost, m.cost)}, false},
		{"reshape across examples", []*Node{Reshape(m.pred, 2, -1)}, false},
		{"with the initializer", []*Node{m.accr, g.GlobalVariablesInitializer()}, false},
	}
	saved := evalChunkRows
	defer func() { evalChunkRows = saved }()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evalChunkRows = 1 << 30
			want, err := s.RunList(tc.fetches, feeds)
			if err != nil {
				t.Fatal(err)
			}
			evalChunkRows = 7 // chunks of 7, 7, 7, 7 and 2 examples
			got, err := s.RunList(tc.fetches, feeds)
			if err != nil {
				t.Fatal(err)
			}
			if p := s.planFor(tc.fetches); (p.chunks != nil) != tc.chunked {
				t.Fatalf("plan chunked = %v, want %v", p.chunks != nil, tc.chunked)
			}
			for i := range want {
				if want[i] == nil || got[i] == nil {
					if want[i] != got[i] {
						t.Fatalf("fetch %d: %v in chunks, %v in one pass", i, got[i], want[i])
					}
					continue // an op without a value
				}
				if fmt.Sprint(got[i].Shape()) != fmt.Sprint(want[i].Shape()) {
					t.Fatalf("fetch %d: shape %v in chunks, %v in one pass", i, got[i].Shape(), want[i].Shape())
				}
				if k, ok := closeEnough(got[i].Data(), want[i].Data(), 1e-6); !ok {
					t.Fatalf("fetch %d, element %d: %v in chunks, %v in one pass", i, k, got[i].Data()[k], want[i].Data()[k])
				}
			}
		})
	}
}

// TestChunkedRunStopsOnCancel checks that a cancelled chunked run fails
// and leaves the session usable.
func TestChunkedRunStopsOnCancel(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(3)
	m := buildTutorial(g, 4, 3, 4, 2, GradientDescentOptimizer(0.1))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	saved := evalChunkRows
	defer func() { evalChunkRows = saved }()
	evalChunkRows = 5
	rng := rand.New(rand.NewPCG(4, 4))
	feeds := Feeds{m.x: randomTensor(rng, 23, 4, 3), m.y: randomTensor(rng, 23, 2)}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.RunContext(ctx, m.accr, feeds); err == nil {
		t.Fatal("a cancelled chunked run succeeded")
	}
	// The session still works.
	if _, err := s.Run(m.accr, feeds); err != nil {
		t.Fatal(err)
	}
}

// TestChunkedRunsRandomSizes repeats the comparison of chunked and
// one-pass runs over random model sizes, batch sizes and chunk sizes
// (chunks of one example, a last chunk of one, a single step...), with
// fetches of every kind: reduced, per example, time-major; half of the
// chunked runs compute the LSTM's gates piece by piece, as for big chunks.
func TestChunkedRunsRandomSizes(t *testing.T) {
	saved, savedProject := evalChunkRows, projectMaxForward
	defer func() { evalChunkRows, projectMaxForward = saved, savedProject }()
	rng := rand.New(rand.NewPCG(21, 22))
	for trial := range 40 {
		steps, in, hidden, classes := 1+rng.IntN(5), 1+rng.IntN(6), 1+rng.IntN(9), 2+rng.IntN(4)
		batch := 2 + rng.IntN(40)
		chunk := 1 + rng.IntN(batch-1)
		name := fmt.Sprintf("trial %d: steps %d, in %d, hidden %d, classes %d, batch %d, chunk %d",
			trial, steps, in, hidden, classes, batch, chunk)
		g := NewGraph()
		g.SetRandomSeed(int64(trial))
		m := buildTutorial(g, steps, in, hidden, classes, GradientDescentOptimizer(0.1))
		s := g.NewSession()
		s.MustRun(g.GlobalVariablesInitializer(), nil)
		y := NewTensor(batch, classes)
		for r := range batch {
			y.Set(1, r, rng.IntN(classes))
		}
		feeds := Feeds{m.x: randomTensor(rng, batch, steps, in), m.y: y}
		outs := m.out["LSTM_O"].([]*Node)
		fetches := []*Node{m.accr, m.cost, m.pred, ArgMax(m.pred, 1), outs[0], m.out["H"].(*Node),
			ReduceSum(m.out["X"].(*Node)), m.out["Hsplit"].([]*Node)[steps-1]}
		evalChunkRows, projectMaxForward = 1<<30, savedProject
		want, err := s.RunList(fetches, feeds)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		evalChunkRows = chunk
		projectMaxForward = savedProject
		if trial%2 == 1 {
			projectMaxForward = 0
		}
		got, err := s.RunList(fetches, feeds)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if s.planFor(fetches).chunks == nil {
			t.Fatalf("%s: the plan was not chunked", name)
		}
		for i := range want {
			if fmt.Sprint(got[i].Shape()) != fmt.Sprint(want[i].Shape()) {
				t.Fatalf("%s: fetch %d has shape %v in chunks, %v in one pass", name, i, got[i].Shape(), want[i].Shape())
			}
			if k, ok := closeEnough(got[i].Data(), want[i].Data(), 1e-5); !ok {
				t.Fatalf("%s: fetch %d, element %d: %v in chunks, %v in one pass", name, i, k, got[i].Data()[k], want[i].Data()[k])
			}
		}
	}
}
