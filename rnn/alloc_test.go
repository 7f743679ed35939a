package rnn

import "testing"

// TestTrainingStepAllocations holds the steady-state allocations of the
// tutorial's step (optimizer run, then cost run) at batch 16 to a small
// fixed budget: node buffers, gradients and scratch are all reused, and
// what remains is the copy of the fetched cost and a few small values.
func TestTrainingStepAllocations(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(1)
	m := buildTutorial(g, 28, 28, 128, 10, GradientDescentOptimizer(0.001))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	feeds := Feeds{m.x: NewTensor(16, 28, 28), m.y: NewTensor(16, 10)}
	step := func() {
		if _, err := s.Run(m.optm, feeds); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Run(m.cost, feeds); err != nil {
			t.Fatal(err)
		}
	}
	step()
	const budget = 4
	if n := testing.AllocsPerRun(5, step); n > budget {
		t.Errorf("%v allocations per training step, want at most %d", n, budget)
	}
}
