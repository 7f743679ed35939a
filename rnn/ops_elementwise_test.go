package rnn

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestElementwiseValues(t *testing.T) {
	x := TensorFrom([]float32{1, 4, 9, -2}, 2, 2)
	cases := []struct {
		name  string
		build func(x *Node) *Node
		want  []float32
	}{
		{"Log", func(x *Node) *Node { return Log(Abs(x)) }, []float32{0, float32(math.Log(4)), float32(math.Log(9)), float32(math.Log(2))}},
		{"Exp", func(x *Node) *Node { return Exp(Neg(Abs(x))) }, []float32{float32(math.Exp(-1)), float32(math.Exp(-4)), float32(math.Exp(-9)), float32(math.Exp(-2))}},
		{"Neg", Neg, []float32{-1, -4, -9, 2}},
		{"Square", Square, []float32{1, 16, 81, 4}},
		{"Sqrt", func(x *Node) *Node { return Sqrt(Abs(x)) }, []float32{1, 2, 3, float32(math.Sqrt(2))}},
		{"Abs", Abs, []float32{1, 4, 9, 2}},
		{"Pow", func(x *Node) *Node { return Pow(x, 3) }, []float32{1, 64, 729, -8}},
		{"Div", func(x *Node) *Node { return Div(x, x) }, []float32{1, 1, 1, 1}},
		{"Div scalar", func(x *Node) *Node { return Div(x, x.Graph().Const(Scalar(2))) }, []float32{0.5, 2, 4.5, -1}},
		{"scalar Div", func(x *Node) *Node { return Div(x.Graph().Const(Scalar(36)), x) }, []float32{36, 9, 4, -18}},
		{"Sub column", func(x *Node) *Node { return Sub(x, x.Graph().Const(TensorFrom([]float32{1, 10}, 2, 1))) }, []float32{0, 3, -1, -12}},
		{"Mul row and column", func(x *Node) *Node {
			return Mul(x.Graph().Const(TensorFrom([]float32{1, 2}, 1, 2)), x.Graph().Const(TensorFrom([]float32{3, 5}, 2, 1)))
		}, []float32{3, 6, 5, 10}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGraph()
			p := g.Placeholder(Float32, 2, 2)
			out := tc.build(p)
			if err := out.Err(); err != nil {
				t.Fatal(err)
			}
			got, err := g.NewSession().Run(out, Feeds{p: x})
			if err != nil {
				t.Fatal(err)
			}
			if !sameShape(got.Shape(), []int{2, 2}) {
				t.Fatalf("shape %v, want [2 2]", got.Shape())
			}
			for i, w := range tc.want {
				if d := math.Abs(float64(got.data[i] - w)); d > 1e-5*max(1, math.Abs(float64(w))) {
					t.Errorf("value %d = %g, want %g", i, got.data[i], w)
				}
			}
		})
	}
}

func TestBroadcastShapes(t *testing.T) {
	cases := []struct {
		a, b, want []int
		bad        bool
	}{
		{a: []int{None, 10}, b: []int{10}, want: []int{None, 10}},
		{a: []int{None, 1}, b: []int{None, 10}, want: []int{None, 10}},
		{a: []int{}, b: []int{3, 4}, want: []int{3, 4}},
		{a: []int{2, 1, 4}, b: []int{3, 1}, want: []int{2, 3, 4}},
		{a: []int{None}, b: []int{5}, want: []int{5}},
		{a: []int{None, 10}, b: []int{128}, bad: true},
		{a: []int{3, 4}, b: []int{2, 4}, bad: true},
	}
	for _, tc := range cases {
		got, err := broadcastShape(tc.a, tc.b)
		if tc.bad {
			if err == nil {
				t.Errorf("broadcastShape(%v, %v) = %v, want an error", tc.a, tc.b, got)
			}
			continue
		}
		if err != nil || !sameShape(got, tc.want) {
			t.Errorf("broadcastShape(%v, %v) = %v, %v; want %v", tc.a, tc.b, got, err, tc.want)
		}
	}
}

// TestPlaceholderOfAnyShape is TensorFlow-Examples' linear regression: X
// and Y are placeholders without a shape, fed one sample at a time while
// training and the whole set to evaluate the cost.
func TestPlaceholderOfAnyShape(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(1)
	x, y := g.Placeholder(Float32), g.Placeholder(Float32)
	if x.HasRank() || x.Shape() != nil {
		t.Fatalf("placeholder without a shape: HasRank %v, Shape %v", x.HasRank(), x.Shape())
	}
	w, b := g.Variable(RandomNormal()), g.Variable(RandomNormal())
	pred := Add(Mul(x, w), b)
	if pred.HasRank() {
		t.Errorf("%v: rank known from an input of unknown rank", pred)
	}
	xs := []float32{3.3, 4.4, 5.5, 6.71, 6.93, 4.168, 9.779, 6.182, 7.59, 2.167}
	ys := []float32{1.7, 2.76, 2.09, 3.19, 1.694, 1.573, 3.366, 2.596, 2.53, 1.221}
	n := float64(len(xs))
	cost := Div(ReduceSum(Pow(Sub(pred, y), 2)), g.Const(Scalar(float32(2*n))))
	train := GradientDescentOptimizer(0.01).Minimize(cost)
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	all := Feeds{x: TensorFrom(xs), y: TensorFrom(ys)}
	before := s.MustRun(cost, all).Value()
	for epoch := 0; epoch < 50; epoch++ {
		for i := range xs {
			s.MustRun(train, Feeds{x: Scalar(xs[i]), y: Scalar(ys[i])})
		}
	}
	after := s.MustRun(cost, all).Value()
	if !(after < before && after < 0.2) {
		t.Errorf("cost %g before training, %g after: want it below 0.2", before, after)
	}
	// A matrix fed to the same placeholder works too.
	m, err := s.Run(pred, Feeds{x: TensorFrom(xs, 2, 5)})
	if err != nil || !sameShape(m.Shape(), []int{2, 5}) {
		t.Errorf("pred of a [2,5] feed: %v, %v", m, err)
	}
	// Ops that need dimensions say what to do.
	if err := Transpose(x).Err(); err == nil || !strings.Contains(err.Error(), "unknown rank") {
		t.Errorf("Transpose of a placeholder without shape: %v", err)
	}
}

func TestInt32Placeholder(t *testing.T) {
	g := NewGraph()
	ids := g.Placeholder(Int32, None)
	if ids.DType() != Int32 || ids.DType().String() != "int32" {
		t.Fatalf("dtype %v", ids.DType())
	}
	if err := Add(ids, ids).Err(); err == nil || !strings.Contains(err.Error(), "int32") {
		t.Errorf("Add of int32 values: %v, want an error naming int32", err)
	}
	f := Cast(ids, Float32)
	back := Cast(g.Const(TensorFrom([]float32{1.7, -2.5})), Int32)
	out, err := g.NewSession().RunList([]*Node{f, back}, Feeds{ids: TensorFrom([]float32{3, 4})})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].data[1] != 4 || out[1].data[0] != 1 || out[1].data[1] != -2 {
		t.Errorf("casts: %v %v", out[0], out[1])
	}
}

func TestPanicOnBuildError(t *testing.T) {
	defer SetPanicOnBuildError(PanicOnBuildError())
	SetPanicOnBuildError(true)
	g := NewGraph()
	x := g.Placeholder(Float32, None, 28)
	w := g.Variable(Zeros(64, 128))
	var got any
	func() {
		defer func() { got = recover() }()
		MatMul(x, w)
	}()
	err, ok := got.(error)
	var oe *OpError
	if !ok || !errors.As(err, &oe) {
		t.Fatalf("MatMul of [?,28] and [64,128] panicked with %v, want an *OpError", got)
	}
	for _, want := range []string{"MatMul", "[?,28]", "[64,128]"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not mention %s", err, want)
		}
	}
	if !errors.Is(g.Err(), err) {
		t.Errorf("Graph.Err = %v, want the panic's error", g.Err())
	}
	// Good ops still build.
	if n := MatMul(x, g.Variable(Zeros(28, 3))); n.Err() != nil {
		t.Error(n.Err())
	}
}

// TestCrossEntropyByHand trains "MNIST for beginners"' model, softmax
// regression with the cross entropy written out as
// reduce_mean(-reduce_sum(y * log(pred), 1)), on separable points.
func TestCrossEntropyByHand(t *testing.T) {
	g := NewGraph()
	x := g.Placeholder(Float32, None, 2)
	y := g.Placeholder(Float32, None, 3)
	W, b := g.Variable(Zeros(2, 3)), g.Variable(Zeros(3))
	pred := Softmax(Add(MatMul(x, W), b))
	cost := ReduceMean(Neg(ReduceSumAxis(Mul(y, Log(pred)), 1)))
	train := GradientDescentOptimizer(0.5).Minimize(cost)
	accuracy := ReduceMean(Cast(Equal(ArgMax(pred, 1), ArgMax(y, 1)), Float32))
	// Three clusters around (2,0), (-2,0) and (0,2).
	centers := [][2]float32{{2, 0}, {-2, 0}, {0, 2}}
	xs, ys := NewTensor(60, 2), NewTensor(60, 3)
	for i := 0; i < 60; i++ {
		c := i % 3
		xs.Set(centers[c][0]+float32(i%5)*0.1-0.2, i, 0)
		xs.Set(centers[c][1]+float32(i%7)*0.1-0.3, i, 1)
		ys.Set(1, i, c)
	}
	feeds := Feeds{x: xs, y: ys}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	first := s.MustRun(cost, feeds).Value()
	for step := 0; step < 100; step++ {
		s.MustRun(train, feeds)
	}
	last := s.MustRun(cost, feeds).Value()
	if acc := s.MustRun(accuracy, feeds).Value(); acc != 1 || !(last < first/10) {
		t.Errorf("cost %g -> %g, accuracy %g: want a tenth of the cost and every point right", first, last, acc)
	}
}

// TestUnknownRankOperandOfBatchOp runs ops that mix a batch input with a
// placeholder without a shape over a batch larger than a chunk: the
// analysis of chunks must neither crash on the missing shape nor cut the
// batch.
func TestUnknownRankOperandOfBatchOp(t *testing.T) {
	defer func(n int) { evalChunkRows = n }(evalChunkRows)
	evalChunkRows = 2
	g := NewGraph()
	x := g.Placeholder(Float32, None, 3)
	any := g.Placeholder(Float32)
	prod := MatMul(any, Transpose(x))
	sum := Add(x, any)
	xs := TensorFrom([]float32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, 5, 3)
	out, err := g.NewSession().RunList([]*Node{prod, sum}, Feeds{x: xs, any: TensorFrom([]float32{1, 0, 0}, 1, 3)})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(out[0].Shape(), out[0].Data()) != "[1 5] [1 4 7 10 13]" || out[1].At(4, 0) != 14 {
		t.Errorf("MatMul %v, Add %v", out[0], out[1])
	}
}

// TestAxisOpsOnUnknownRank resolves the axes of reductions over a
// placeholder without a shape when it is fed.
func TestAxisOpsOnUnknownRank(t *testing.T) {
	g := NewGraph()
	p := g.Placeholder(Float32)
	sum, mean := ReduceSumAxis(p, -1), ReduceMeanAxis(p, 0)
	mx, am := ReduceMaxAxis(p, 1), ArgMax(p, -1)
	grad := Gradients(ReduceSum(Mul(sum, sum)), []*Node{p})[0]
	for _, n := range []*Node{sum, mean, mx, am} {
		if n.Err() != nil || n.HasRank() {
			t.Fatalf("%v: err %v, HasRank %v", n, n.Err(), n.HasRank())
		}
	}
	s := g.NewSession()
	out, err := s.RunList([]*Node{sum, mean, mx, am, grad}, Feeds{p: TensorFrom([]float32{1, 5, 3, 4, 2, 9}, 2, 3)})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(out[0].Data(), out[1].Data(), out[2].Data(), out[3].Data(), out[4].Data())
	if want := "[9 15] [2.5 3.5 6] [5 9] [1 2] [18 18 18 30 30 30]"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if _, err := s.Run(mx, Feeds{p: TensorFrom([]float32{1, 2})}); err == nil || !strings.Contains(err.Error(), "axis 1") {
		t.Errorf("ReduceMaxAxis(p, 1) fed a vector: %v", err)
	}
}
