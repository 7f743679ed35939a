package rnn

import (
	"math/rand/v2"
	"testing"
)

// cellModels are the recurrent models of TensorFlow-Examples at the
// tutorial's shapes (28 steps of 28 inputs, 128 units, 10 classes), fed
// batch-major images through tf.unstack(x, 28, 1), as those programs do.
var cellModels = []struct {
	name  string
	build func(xs []*Node) *Node // the last step's features
}{
	{"LSTM", func(xs []*Node) *Node {
		out, _ := StaticRNN(BasicLSTMCell(128, 1), xs)
		return out[len(out)-1]
	}},
	{"GRU", func(xs []*Node) *Node {
		out, _ := StaticRNN(GRUCell(128), xs)
		return out[len(out)-1]
	}},
	{"MultiLSTM2", func(xs []*Node) *Node {
		out, _ := StaticRNN(MultiRNNCell([]RNNCell{BasicLSTMCell(128, 1), BasicLSTMCell(128, 1)}), xs)
		return out[len(out)-1]
	}},
	{"BiLSTM", func(xs []*Node) *Node {
		out, _, _ := StaticBidirectionalRNN(BasicLSTMCell(128, 1), BasicLSTMCell(128, 1), xs)
		return out[len(out)-1]
	}},
}

// buildCellModel builds model i with a softmax classifier and gradient
// descent, and feeds a random batch.
func buildCellModel(t testing.TB, i, batch int) (*Session, *Node, *Node, Feeds) {
	t.Helper()
	g := NewGraph()
	g.SetRandomSeed(1)
	x := g.Placeholder(Float32, None, 28, 28)
	y := g.Placeholder(Float32, None, 10)
	var last *Node
	g.VariableScope("model", func() { last = cellModels[i].build(Unstack(x, 28, 1)) })
	w := g.Variable(RandomNormal(last.Shape()[1], 10))
	bias := g.Variable(RandomNormal(10))
	cost := ReduceMean(SoftmaxCrossEntropyWithLogits(y, Add(MatMul(last, w), bias)))
	optm := GradientDescentOptimizer(0.001).Minimize(cost)
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	rng := rand.New(rand.NewPCG(1, 1))
	xv, yv := NewTensor(batch, 28, 28), NewTensor(batch, 10)
	for k := range xv.data {
		xv.data[k] = rng.Float32()
	}
	for r := range batch {
		yv.Set(1, r, rng.IntN(10))
	}
	return s, optm, cost, Feeds{x: xv, y: yv}
}

// BenchmarkCellStep is the tutorial's training step (the optimizer run,
// then the cost again) at batch 16 for each model of cellModels.
func BenchmarkCellStep(b *testing.B) {
	for i, m := range cellModels {
		b.Run(m.name, func(b *testing.B) {
			s, optm, cost, feeds := buildCellModel(b, i, 16)
			var c Tensor
			step := func() {
				if _, err := s.Run(optm, feeds); err != nil {
					b.Fatal(err)
				}
				if err := s.RunInto(&c, cost, feeds); err != nil {
					b.Fatal(err)
				}
			}
			for range 3 {
				step()
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				step()
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
		})
	}
}

// TestCellStepAllocations checks that a training step of every model of
// cellModels allocates nothing in steady state.
func TestCellStepAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("builds four models at full size")
	}
	for i, m := range cellModels {
		t.Run(m.name, func(t *testing.T) {
			s, optm, cost, feeds := buildCellModel(t, i, 16)
			var c Tensor
			step := func() {
				if _, err := s.Run(optm, feeds); err != nil {
					t.Fatal(err)
				}
				if err := s.RunInto(&c, cost, feeds); err != nil {
					t.Fatal(err)
				}
			}
			step()
			step()
			if n := testing.AllocsPerRun(5, step); n > 0 {
				t.Errorf("%v allocations per training step, want none", n)
			}
		})
	}
}

// TestCellModelsChunked runs the forward pass of small versions of the
// cell models over a batch in chunks and in one pass: the values must
// agree, and the GRU and stacked LSTMs must go in chunks.
func TestCellModelsChunked(t *testing.T) {
	const steps, in, batch = 4, 3, 30
	tests := []struct {
		name    string
		build   func(x *Node) *Node
		chunked bool
	}{
		{"GRU", func(x *Node) *Node {
			out, _ := StaticRNN(GRUCell(5), Unstack(x, steps, 1))
			return out[steps-1]
		}, true},
		{"two LSTM layers", func(x *Node) *Node {
			out, _ := StaticRNN(MultiRNNCell([]RNNCell{BasicLSTMCell(6, 1), BasicLSTMCell(5, 1)}), Unstack(x, steps, 1))
			return out[steps-1]
		}, true},
		{"GRU over LSTM, first and last steps", func(x *Node) *Node {
			out, _ := StaticRNN(MultiRNNCell([]RNNCell{BasicLSTMCell(6, 1), GRUCell(5)}), Unstack(x, steps, 1))
			return Add(out[0], out[steps-1])
		}, true},
		{"bidirectional", func(x *Node) *Node {
			out, _, _ := StaticBidirectionalRNN(GRUCell(4), BasicLSTMCell(3, 1), Unstack(x, steps, 1))
			return out[0]
		}, false},
	}
	saved := evalChunkRows
	defer func() { evalChunkRows = saved }()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGraph()
			g.SetRandomSeed(5)
			x := g.Placeholder(Float32, None, steps, in)
			out := tc.build(x)
			if err := g.Err(); err != nil {
				t.Fatal(err)
			}
			s := g.NewSession()
			s.MustRun(g.GlobalVariablesInitializer(), nil)
			feeds := Feeds{x: randomTensor(rand.New(rand.NewPCG(5, 5)), batch, steps, in)}
			evalChunkRows = 1 << 30
			want, err := s.Run(out, feeds)
			if err != nil {
				t.Fatal(err)
			}
			evalChunkRows = 7
			got, err := s.Run(out, feeds)
			if err != nil {
				t.Fatal(err)
			}
			if p := s.planFor([]*Node{out}); (p.chunks != nil) != tc.chunked {
				t.Errorf("plan chunked = %v, want %v", p.chunks != nil, tc.chunked)
			}
			if k, ok := closeEnough(got.Data(), want.Data(), 1e-6); !ok || !sameShape(got.shape, want.shape) {
				t.Fatalf("element %d: %v in chunks, %v in one pass", k, got.Data()[k], want.Data()[k])
			}
		})
	}
}
