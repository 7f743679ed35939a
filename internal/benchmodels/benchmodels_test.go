package benchmodels

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gornn/gornn/rnn"
)

// setup builds model name in a graph of its own, initializes it and
// returns a training step on one random batch of the model's size.
func setup(t testing.TB, name string) (step func() error, m *Model) {
	t.Helper()
	g := rnn.NewGraph()
	g.SetRandomSeed(1)
	m, err := Build(g, name)
	if err != nil {
		t.Fatal(err)
	}
	s := g.NewSession()
	t.Cleanup(func() { s.Close() })
	if _, err := s.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	images, labels := rnn.NewTensor(m.Batch, Steps*Inputs), rnn.NewTensor(m.Batch, Classes)
	for i := range images.Data() {
		images.Data()[i] = rng.Float32()
	}
	for r := range m.Batch {
		labels.Set(1, r, rng.IntN(Classes))
	}
	feeds := m.Feeds(images, labels)
	return func() error { _, err := s.Run(m.Optm, feeds); return err }, m
}

// raceBuild is set when the tests run under the race detector.
var raceBuild bool

// TestStepAllocations checks that a training step of every model, Adam's
// update and the convolutional network's dropout included, allocates
// nothing once the first steps have sized the session's buffers.
func TestStepAllocations(t *testing.T) {
	for _, name := range Names {
		t.Run(name, func(t *testing.T) {
			if raceBuild && name == "conv" {
				// Under the detector one convolutional step takes about
				// 20 s; the pass without it checks this model.
				t.Skip("the convolutional model's allocations are checked in the pass without the race detector")
			}
			step, _ := setup(t, name)
			run := func() {
				if err := step(); err != nil {
					t.Fatal(err)
				}
			}
			run()
			run()
			// Ten runs, because the runtime itself may allocate a
			// channel waiter once after a garbage collection; an
			// allocation of the step would show at every run.
			if n := testing.AllocsPerRun(10, run); n > 0 {
				t.Errorf("%v allocations per training step, want none", n)
			}
		})
	}
}

// TestBuild checks the models' placeholders and that a name Build does not
// know is an error that lists the ones it does.
func TestBuild(t *testing.T) {
	want := map[string][]int{"gru": {-1, 28, 28}, "lstm2": {-1, 28, 28}, "bilstm": {-1, 28, 28}, "conv": {-1, 784}}
	for _, name := range Names {
		m, err := Build(rnn.NewGraph(), name)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.X.Shape(); len(got) != len(want[name]) || got[len(got)-1] != want[name][len(got)-1] {
			t.Errorf("%s: X has shape %v, want %v", name, got, want[name])
		}
		if (m.Keep != nil) != (name == "conv") {
			t.Errorf("%s: Keep is %v", name, m.Keep)
		}
	}
	if _, err := Build(rnn.NewGraph(), "lstm3"); err == nil || !strings.Contains(err.Error(), "gru") {
		t.Errorf("Build(lstm3): error %v, want one listing the models", err)
	}
}

// BenchmarkStep times a training step of each model at its batch size.
func BenchmarkStep(b *testing.B) {
	for _, name := range Names {
		b.Run(name, func(b *testing.B) {
			step, _ := setup(b, name)
			for range 2 {
				if err := step(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := step(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
		})
	}
}
