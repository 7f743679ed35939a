package rnn_test

import (
	"fmt"

	"github.com/gornn/gornn/rnn"
)

// TensorFlow-Examples' linear regression: placeholders without a shape,
// fed one sample at a time while training and the whole set to evaluate.
func ExamplePlaceholder_anyShape() {
	g := rnn.NewGraph()
	g.SetRandomSeed(1)
	X, Y := g.Placeholder(rnn.Float32), g.Placeholder(rnn.Float32)
	W, b := g.Variable(rnn.RandomNormal()), g.Variable(rnn.RandomNormal())
	pred := rnn.Add(rnn.Mul(X, W), b)
	xs := []float32{1, 2, 3, 4}
	ys := []float32{3, 5, 7, 9} // y = 2x + 1
	cost := rnn.Div(rnn.ReduceSum(rnn.Pow(rnn.Sub(pred, Y), 2)), g.Const(rnn.Scalar(2*4)))
	train := rnn.GradientDescentOptimizer(0.05).Minimize(cost)

	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	for epoch := 0; epoch < 500; epoch++ {
		for i := range xs {
			s.MustRun(train, rnn.Feeds{X: rnn.Scalar(xs[i]), Y: rnn.Scalar(ys[i])})
		}
	}
	c := s.MustRun(cost, rnn.Feeds{X: rnn.TensorFrom(xs), Y: rnn.TensorFrom(ys)})
	fmt.Printf("W=%.1f b=%.1f cost<1e-3: %v\n", s.MustRun(W, nil).Value(), s.MustRun(b, nil).Value(), c.Value() < 1e-3)
	// Output: W=2.0 b=1.0 cost<1e-3: true
}

// A convolution and a max pooling in NHWC, with TensorFlow's "SAME"
// padding: a 2x2 sum filter over a 4x4 image, then the largest of each
// 2x2 block.
func ExampleConv2D() {
	g := rnn.NewGraph()
	img := rnn.NewTensor(1, 4, 4, 1)
	for i := range img.Data() {
		img.Data()[i] = float32(i)
	}
	x := g.Placeholder(rnn.Float32, rnn.None, 4, 4, 1)
	w := g.Const(rnn.TensorFrom([]float32{1, 1, 1, 1}, 2, 2, 1, 1))
	conv := rnn.Conv2D(x, w, []int{1, 1, 1, 1}, "SAME")
	pool := rnn.MaxPool(conv, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "VALID")
	out := g.NewSession().MustRunList([]*rnn.Node{conv, pool}, rnn.Feeds{x: img})
	fmt.Println(out[0].Shape(), out[0].Data())
	fmt.Println(out[1].Shape(), out[1].Data())
	// Output:
	// [1 4 4 1] [10 14 18 10 26 30 34 18 42 46 50 26 25 27 29 15]
	// [1 2 2 1] [30 34 46 50]
}

// Dropout's keep probability is a placeholder: below 1 while training,
// 1 to evaluate.
func ExampleDropout() {
	g := rnn.NewGraph()
	g.SetRandomSeed(7)
	x := g.Placeholder(rnn.Float32, rnn.None, 8)
	keep := g.Placeholder(rnn.Float32)
	d := rnn.Dropout(x, keep)
	ones := rnn.TensorFrom([]float32{1, 1, 1, 1, 1, 1, 1, 1}, 1, 8)
	s := g.NewSession()
	train := s.MustRun(d, rnn.Feeds{x: ones, keep: rnn.Scalar(0.5)})
	eval := s.MustRun(d, rnn.Feeds{x: ones, keep: rnn.Scalar(1)})
	for _, v := range train.Data() {
		if v != 0 && v != 2 {
			fmt.Println("unexpected", v)
		}
	}
	fmt.Println("training values are 0 or 1/keep; evaluation:", eval.Data())
	// Output: training values are 0 or 1/keep; evaluation: [1 1 1 1 1 1 1 1]
}

// TensorFlow-Examples' recurrent programs cut a batch of images into time
// steps with tf.unstack(x, timesteps, 1).
func ExampleUnstack() {
	g := rnn.NewGraph()
	x := g.Placeholder(rnn.Float32, rnn.None, 28, 28)
	steps := rnn.Unstack(x, 28, 1)
	fmt.Println(len(steps), steps[0].Shape())
	back := rnn.Stack(steps, 1)
	fmt.Println(back.Shape())
	// Output:
	// 28 [-1 28]
	// [-1 28 28]
}

// Word ids, fed as Int32, pick rows of an embedding matrix.
func ExampleEmbeddingLookup() {
	g := rnn.NewGraph()
	emb := g.Const(rnn.TensorFrom([]float32{0, 0, 1, 1, 2, 2}, 3, 2))
	ids := g.Placeholder(rnn.Int32, rnn.None)
	v := g.NewSession().MustRun(rnn.EmbeddingLookup(emb, ids), rnn.Feeds{ids: rnn.TensorFrom([]float32{2, 0})})
	fmt.Println(v.Shape(), v.Data())
	// Output: [2 2] [2 2 0 0]
}

// Gradients clipped by their global norm before the update, and a
// learning rate that decays with a global step.
func ExampleClipByGlobalNorm() {
	g := rnn.NewGraph()
	w := g.Variable(rnn.TensorInit(rnn.TensorFrom([]float32{3, 4})))
	cost := rnn.Mul(rnn.ReduceSum(rnn.Square(w)), g.Const(rnn.Scalar(0.5))) // gradient: w
	step := g.Variable(rnn.Zeros(), rnn.Trainable(false))
	opt := rnn.GradientDescentOptimizer(0)
	opt.GlobalStep = step
	opt.LearningRateNode = rnn.ExponentialDecay(1, step, 1, 0.5, true) // 1, 0.5, 0.25, ...
	grads, norm := rnn.ClipByGlobalNorm(rnn.Gradients(cost, []*rnn.Node{w}), 1)
	train := opt.ApplyGradients(grads, []*rnn.Node{w})

	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	fmt.Printf("norm %.1f\n", s.MustRun(norm, nil).Value())
	for i := 0; i < 2; i++ {
		s.MustRun(train, nil)
		fmt.Printf("step %.0f: w = %.2f\n", s.MustRun(step, nil).Value(), s.MustRun(w, nil).Data())
	}
	// Output:
	// norm 5.0
	// step 1: w = [2.40 3.20]
	// step 2: w = [2.10 2.80]
}

// A graph-building mistake is reported where it is made, naming the op and
// both shapes.
func ExampleSetPanicOnBuildError() {
	g := rnn.NewGraph()
	x := g.Placeholder(rnn.Float32, rnn.None, 28)
	w := g.Variable(rnn.RandomNormal(64, 128))

	// Go programs: the node carries the error.
	fmt.Println(rnn.MatMul(x, w).Err())

	// Notebooks (the kernel turns this on): the cell stops with it.
	rnn.SetPanicOnBuildError(true)
	defer rnn.SetPanicOnBuildError(false)
	defer func() { fmt.Println("panic:", recover()) }()
	rnn.MatMul(x, w)
	// Output:
	// rnn: MatMul: shapes [?,28] x [64,128]: inner dimensions 28 and 64 differ
	// panic: rnn: MatMul_1 (MatMul): shapes [?,28] x [64,128]: inner dimensions 28 and 64 differ
}

// TensorFlow-Examples' dynamic RNN picks each sequence's last output with
// indices built from the batch size, which only the fed tensor knows:
// tf.range(0, tf.shape(outputs)[0]) * max_len + (seqlen - 1).
func ExampleRange() {
	g := rnn.NewGraph()
	outputs := g.Placeholder(rnn.Float32, rnn.None, 4, 1) // [batch, max_len, 1]
	seqlen := g.Placeholder(rnn.Int32, rnn.None)
	batch := rnn.Unstack(rnn.Shape(outputs), 3, 0)[0] // tf.shape(outputs)[0]
	rows := rnn.Cast(rnn.Range(0, batch, 1), rnn.Float32)
	index := rnn.Cast(rnn.Add(rnn.Mul(rows, g.Const(rnn.Scalar(4))),
		rnn.Sub(rnn.Cast(seqlen, rnn.Float32), g.Const(rnn.Scalar(1)))), rnn.Int32)
	last := rnn.Gather(rnn.Reshape(outputs, -1, 1), index)

	seqs := rnn.TensorFrom([]float32{1, 2, 0, 0, 5, 6, 7, 8, 9, 0, 0, 0}, 3, 4, 1)
	out := g.NewSession().MustRunList([]*rnn.Node{index, last},
		rnn.Feeds{outputs: seqs, seqlen: rnn.TensorFrom([]float32{2, 4, 1}, 3)})
	fmt.Println("index", out[0].Ints(), "last", out[1].Data())
	fmt.Println(g.Range(0, 1, 0.25).DType(), g.Range(3, 0, -1).Shape())
	// Output:
	// index [1 7 8] last [2 8 9]
	// float32 [3]
}

// TensorFlow-Examples' logistic regression clips the softmax away from 0
// before its logarithm.
func ExampleClipByValue() {
	g := rnn.NewGraph()
	p := g.Placeholder(rnn.Float32, rnn.None)
	clipped := rnn.ClipByValue(p, 1e-10, 1)
	out := g.NewSession().MustRun(rnn.Log(clipped), rnn.Feeds{p: rnn.TensorFrom([]float32{0, 0.5, 1}, 3)})
	fmt.Printf("%.4g\n", out.Data())
	// Output: [-23.03 -0.6931 0]
}

// Shape knows the dimensions that are None until the graph runs.
func ExampleShape() {
	g := rnn.NewGraph()
	x := g.Placeholder(rnn.Float32, rnn.None, 28)
	s := rnn.Shape(x)
	fmt.Println(x.Shape(), s.DType(), g.NewSession().MustRun(s, rnn.Feeds{x: rnn.NewTensor(16, 28)}).Ints())
	// Output: [-1 28] int32 [16 28]
}
