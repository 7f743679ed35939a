package rnn

import "testing"

// TestChunkedRunLeavesPool checks that an evaluation in chunks hands its
// buffers back: the session's pool holds no more after the pass than
// before it, whatever the batch, so that a notebook's accuracy passes do
// not pin memory between them.
func TestChunkedRunLeavesPool(t *testing.T) {
	// The tutorial's sizes: only buffers this big go through the pool.
	g := NewGraph()
	g.SetRandomSeed(3)
	m := buildTutorial(g, 28, 28, 128, 10, GradientDescentOptimizer(0.1))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	train := Feeds{m.x: NewTensor(16, 28, 28), m.y: NewTensor(16, 10)}
	tests := []struct {
		name  string
		batch int
	}{
		{"two chunks", 2 * evalChunkRows},
		{"chunks and a short one", 3*evalChunkRows + 5},
		{"a bigger batch again", 5 * evalChunkRows},
	}
	for _, tc := range tests {
		s.MustRun(m.optm, train)
		s.MustRun(m.cost, train)
		before := s.pool.total
		eval := Feeds{m.x: NewTensor(tc.batch, 28, 28), m.y: NewTensor(tc.batch, 10)}
		if p := s.planFor([]*Node{m.accr}); p.chunks == nil {
			t.Fatal("the accuracy does not run in chunks")
		}
		s.MustRun(m.accr, eval)
		if after := s.pool.total; after > before {
			t.Errorf("%s: the pool holds %d float32s after the pass, %d before", tc.name, after, before)
		}
	}
}
