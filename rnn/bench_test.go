package rnn

import (
	"math/rand/v2"
	"testing"
)

// benchModel is the tutorial's exact configuration: 28 steps of 28
// inputs, 128 hidden units, 10 classes, gradient descent at 0.001.
func benchModel(b *testing.B, batch int) (*Session, *tutorialModel, Feeds) {
	b.Helper()
	g := NewGraph()
	g.SetRandomSeed(1)
	m := buildTutorial(g, 28, 28, 128, 10, GradientDescentOptimizer(0.001))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	rng := rand.New(rand.NewPCG(1, 1))
	x, y := NewTensor(batch, 28, 28), NewTensor(batch, 10)
	for i := range x.data {
		x.data[i] = rng.Float32()
	}
	for r := 0; r < batch; r++ {
		y.Set(1, r, rng.IntN(10))
	}
	return s, m, Feeds{m.x: x, m.y: y}
}

// BenchmarkTutorialStep is one step of the tutorial's loop at batch 16: the
// optimizer run, then the cost run again on the same batch, in steady
// state (the first steps size every buffer). The cost goes into a reused
// tensor; fetching it with Run instead adds two small allocations.
func BenchmarkTutorialStep(b *testing.B) {
	s, m, feeds := benchModel(b, 16)
	var cost Tensor
	step := func() {
		if _, err := s.Run(m.optm, feeds); err != nil {
			b.Fatal(err)
		}
		if err := s.RunInto(&cost, m.cost, feeds); err != nil {
			b.Fatal(err)
		}
	}
	for range 3 {
		step()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		step()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
}

// BenchmarkForward is one forward pass (the cost) at batch 16.
func BenchmarkForward(b *testing.B) {
	s, m, feeds := benchModel(b, 16)
	var cost Tensor
	if err := s.RunInto(&cost, m.cost, feeds); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.RunInto(&cost, m.cost, feeds); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "passes/s")
}

// BenchmarkAccuracy is the accuracy op over 10,000 images in one batch,
// the size of the MNIST test set.
func BenchmarkAccuracy(b *testing.B) {
	const batch = 10000
	s, m, feeds := benchModel(b, batch)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Run(m.accr, feeds); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "images/s")
}

// BenchmarkAccuracyLazyFeed is BenchmarkAccuracy with the images fed as a
// LazyTensor over bytes, as package mnist keeps them: each chunk of the
// pass converts its own examples.
func BenchmarkAccuracyLazyFeed(b *testing.B) {
	const batch = 10000
	s, m, feeds := benchModel(b, batch)
	var scale [256]float32
	for i := range scale {
		scale[i] = float32(i) * float32(1.0/255)
	}
	pixels := make([]byte, feeds[m.x].Size())
	for i, v := range feeds[m.x].data {
		pixels[i] = byte(v * 255)
	}
	feeds[m.x] = LazyTensor(func(dst []float32, offset int) {
		for i, p := range pixels[offset : offset+len(dst)] {
			dst[i] = scale[p]
		}
	}, batch, 28, 28)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Run(m.accr, feeds); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "images/s")
}
