package rnn

import "testing"

// TestTrainingStepAllocations checks that the tutorial's step (optimizer
// run, then cost run) at batch 16 allocates nothing in steady state when
// the cost goes into a reused tensor (node buffers, gradients, scratch and
// parallel work are all reused), and only the returned copy with Run.
func TestTrainingStepAllocations(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(1)
	m := buildTutorial(g, 28, 28, 128, 10, GradientDescentOptimizer(0.001))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	feeds := Feeds{m.x: NewTensor(16, 28, 28), m.y: NewTensor(16, 10)}
	var cost Tensor
	tests := []struct {
		name   string
		fetch  func() error
		budget float64
	}{
		{"RunInto", func() error { return s.RunInto(&cost, m.cost, feeds) }, 0},
		{"Run", func() error { _, err := s.Run(m.cost, feeds); return err }, 2},
	}
	for _, tc := range tests {
		step := func() {
			if _, err := s.Run(m.optm, feeds); err != nil {
				t.Fatal(err)
			}
			if err := tc.fetch(); err != nil {
				t.Fatal(err)
			}
		}
		step()
		step()
		if n := testing.AllocsPerRun(10, step); n > tc.budget {
			t.Errorf("%s: %v allocations per training step, want at most %v", tc.name, n, tc.budget)
		}
	}
}

// TestRunInto checks that RunInto stores what Run returns, reuses the
// destination's storage, leaves it alone for ops without a value, and
// works for chunked runs too.
func TestRunInto(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(2)
	m := buildTutorial(g, 4, 3, 5, 2, GradientDescentOptimizer(0.1))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	feeds := Feeds{m.x: NewTensor(9, 4, 3), m.y: NewTensor(9, 2)}
	for i := range feeds[m.x].data {
		feeds[m.x].data[i] = float32(i%7) / 7
	}
	want := s.MustRun(m.pred, feeds)
	dst := NewTensor(100)
	storage := &dst.data[0]
	if err := s.RunInto(dst, m.pred, feeds); err != nil {
		t.Fatal(err)
	}
	if &dst.data[0] != storage {
		t.Error("RunInto allocated although the destination was large enough")
	}
	if i, ok := closeEnough(dst.Data(), want.Data(), 0); !ok || len(dst.shape) != 2 || dst.shape[0] != 9 {
		t.Fatalf("RunInto gave shape %v, element %d differs from Run", dst.shape, i)
	}
	before := dst.Data()[0]
	if err := s.RunInto(dst, m.optm, feeds); err != nil {
		t.Fatal(err)
	}
	if dst.Data()[0] != before || dst.shape[0] != 9 {
		t.Error("RunInto of a training op changed the destination")
	}
	saved := evalChunkRows
	defer func() { evalChunkRows = saved }()
	evalChunkRows = 4
	want = s.MustRun(m.pred, feeds)
	if err := s.RunInto(dst, m.pred, feeds); err != nil {
		t.Fatal(err)
	}
	if i, ok := closeEnough(dst.Data(), want.Data(), 0); !ok {
		t.Fatalf("chunked RunInto: element %d differs from Run", i)
	}
	if err := s.RunInto(nil, m.pred, feeds); err == nil {
		t.Error("RunInto into nil succeeded")
	}
}

// TestBigBroadcastAllocations checks that a bias added to a batch big
// enough to be shared out over the cores (a convolution's output, say)
// allocates nothing once its buffers are sized.
func TestBigBroadcastAllocations(t *testing.T) {
	g := NewGraph()
	rows := 2 * parallelElementwise / 1024
	// A static batch, so that the run is one pass rather than chunks.
	x := g.Placeholder(Float32, rows, 1024)
	b := g.Placeholder(Float32, 1024)
	sum := Add(x, b)
	s := g.NewSession()
	feeds := Feeds{x: NewTensor(rows, 1024), b: NewTensor(1024)}
	feeds[b].data[3] = 2
	var out Tensor
	run := func() {
		if err := s.RunInto(&out, sum, feeds); err != nil {
			t.Fatal(err)
		}
	}
	run()
	if n := testing.AllocsPerRun(5, run); n > 0 {
		t.Errorf("%v allocations per run, want none", n)
	}
	if out.At(rows-1, 3) != 2 || out.At(rows-1, 4) != 0 {
		t.Errorf("last row: %v, want the bias", out.data[len(out.data)-1024:][:5])
	}
}
