package rnn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// convNet builds TensorFlow-Examples' convolutional network for MNIST:
// two 5x5 convolutions (32 and 64 filters) each followed by 2x2 max
// pooling, a 1024-unit dense layer with dropout, and 10 classes.
func convNet(g *Graph) (x, y, keep, cost, train *Node) {
	x = g.Placeholder(Float32, None, 784)
	y = g.Placeholder(Float32, None, 10)
	keep = g.Placeholder(Float32)
	img := Reshape(x, -1, 28, 28, 1)
	conv := func(in *Node, k, cin, cout int) *Node {
		w := g.Variable(RandomNormal(k, k, cin, cout))
		b := g.Variable(RandomNormal(cout))
		return Relu(BiasAdd(Conv2D(in, w, []int{1, 1, 1, 1}, "SAME"), b))
	}
	pool := func(in *Node) *Node { return MaxPool(in, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME") }
	h := pool(conv(pool(conv(img, 5, 1, 32)), 5, 32, 64))
	fc := Reshape(h, -1, 7*7*64)
	fc = Relu(Add(MatMul(fc, g.Variable(RandomNormal(7*7*64, 1024))), g.Variable(RandomNormal(1024))))
	fc = Dropout(fc, keep)
	logits := Add(MatMul(fc, g.Variable(RandomNormal(1024, 10))), g.Variable(RandomNormal(10)))
	cost = ReduceMean(SoftmaxCrossEntropyWithLogits(y, logits))
	train = AdamOptimizer(0.001).Minimize(cost)
	return x, y, keep, cost, train
}

// BenchmarkConvNetStep is one training step of convNet at batch 128, the
// TensorFlow-Examples program's batch size.
func BenchmarkConvNetStep(b *testing.B) {
	g := NewGraph()
	g.SetRandomSeed(1)
	x, y, keep, _, train := convNet(g)
	rng := rand.New(rand.NewPCG(1, 1))
	xs, ys := NewTensor(128, 784), NewTensor(128, 10)
	for i := range xs.data {
		xs.data[i] = rng.Float32()
	}
	for i := 0; i < 128; i++ {
		ys.data[i*10+i%10] = 1
	}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	feeds := Feeds{x: xs, y: ys, keep: Scalar(0.75)}
	s.MustRun(train, feeds)
	s.MustRun(train, feeds)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Run(train, feeds); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConvNetRunsInChunks checks that an evaluation of convNet over a
// batch larger than a chunk (with the keep probability fed as a scalar to
// a placeholder without a shape) goes in chunks, with the results of one
// pass.
func TestConvNetRunsInChunks(t *testing.T) {
	defer func(n int) { evalChunkRows = n }(evalChunkRows)
	g := NewGraph()
	g.SetRandomSeed(2)
	x, y, keep, cost, _ := convNet(g)
	logits := cost.inputs[0].inputs[1]
	rng := rand.New(rand.NewPCG(2, 2))
	const batch = 21
	xs, ys := NewTensor(batch, 784), NewTensor(batch, 10)
	for i := range xs.data {
		xs.data[i] = rng.Float32()
	}
	for i := 0; i < batch; i++ {
		ys.data[i*10+rng.IntN(10)] = 1
	}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	feeds := Feeds{x: xs, y: ys, keep: Scalar(1)}
	fetches := []*Node{logits, cost}
	evalChunkRows = 1 << 20
	whole := s.MustRunList(fetches, feeds)
	evalChunkRows = 8
	if p := s.planFor(fetches); p.chunks == nil {
		t.Fatal("the evaluation does not run in chunks")
	}
	chunked := s.MustRunList(fetches, feeds)
	for i := range fetches {
		scale := 0.0
		for _, v := range whole[i].data {
			scale = max(scale, math.Abs(float64(v)))
		}
		for k, v := range whole[i].data {
			if d := math.Abs(float64(chunked[i].data[k] - v)); d > 1e-5*scale {
				t.Fatalf("fetch %d value %d: %g in chunks, %g in one pass", i, k, chunked[i].data[k], v)
			}
		}
	}
}
