package rnn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// randomTensor fills a tensor with values in ±[0.2, 1.2], away from zero
// so that Relu's kink and ArgMax's ties stay out of finite differences.
func randomTensor(rng *rand.Rand, shape ...int) *Tensor {
	t := NewTensor(shape...)
	for i := range t.data {
		v := 0.2 + rng.Float32()
		if rng.IntN(2) == 0 {
			v = -v
		}
		t.data[i] = v
	}
	return t
}

// spread returns distinct values 3 apart in a scrambled order: added to
// inputs within ±1.2 it decides which element of a window is the largest,
// far from ties that would break finite differences.
func spread(shape ...int) *Tensor {
	t := NewTensor(shape...)
	n := len(t.data)
	for i := range t.data {
		t.data[i] = 3 * float32((i*7919)%n)
	}
	return t
}

// gradCase is one op under a gradient check: inputs are placeholders of
// the given shapes, build makes the op's output from them.
type gradCase struct {
	name   string
	shapes [][]int
	build  func(in []*Node) *Node
	// positive makes the inputs positive (for labels).
	positive []bool
}

func gradCases() []gradCase {
	return []gradCase{
		{name: "MatMul", shapes: [][]int{{3, 4}, {4, 5}}, build: func(in []*Node) *Node { return MatMul(in[0], in[1]) }},
		{name: "Add", shapes: [][]int{{3, 4}, {3, 4}}, build: func(in []*Node) *Node { return Add(in[0], in[1]) }},
		{name: "Add bias", shapes: [][]int{{3, 4}, {4}}, build: func(in []*Node) *Node { return Add(in[0], in[1]) }},
		{name: "Add bias first", shapes: [][]int{{4}, {2, 3, 4}}, build: func(in []*Node) *Node { return Add(in[0], in[1]) }},
		{name: "Add scalar", shapes: [][]int{{3, 4}, {}}, build: func(in []*Node) *Node { return Add(in[0], in[1]) }},
		{name: "Sub", shapes: [][]int{{3, 4}, {3, 4}}, build: func(in []*Node) *Node { return Sub(in[0], in[1]) }},
		{name: "Sub bias", shapes: [][]int{{3, 4}, {4}}, build: func(in []*Node) *Node { return Sub(in[0], in[1]) }},
		{name: "Sub bias first", shapes: [][]int{{4}, {3, 4}}, build: func(in []*Node) *Node { return Sub(in[0], in[1]) }},
		{name: "Mul", shapes: [][]int{{3, 4}, {3, 4}}, build: func(in []*Node) *Node { return Mul(in[0], in[1]) }},
		{name: "Mul bias", shapes: [][]int{{3, 4}, {4}}, build: func(in []*Node) *Node { return Mul(in[0], in[1]) }},
		{name: "Mul bias first", shapes: [][]int{{4}, {3, 4}}, build: func(in []*Node) *Node { return Mul(in[0], in[1]) }},
		{name: "Mul self", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return Mul(in[0], in[0]) }},
		{name: "Transpose 102", shapes: [][]int{{2, 3, 4}}, build: func(in []*Node) *Node { return Transpose(in[0], 1, 0, 2) }},
		{name: "Transpose 201", shapes: [][]int{{2, 3, 4}}, build: func(in []*Node) *Node { return Transpose(in[0], 2, 0, 1) }},
		{name: "Transpose default", shapes: [][]int{{3, 5}}, build: func(in []*Node) *Node { return Transpose(in[0]) }},
		{name: "Reshape", shapes: [][]int{{2, 3, 4}}, build: func(in []*Node) *Node { return Tanh(Reshape(in[0], -1, 4)) }},
		{name: "Split axis 0", shapes: [][]int{{6, 2}}, build: func(in []*Node) *Node {
			p := Split(in[0], 3, 0)
			return Sub(p[0], Mul(p[1], p[2]))
		}},
		{name: "Split axis 1", shapes: [][]int{{2, 6}}, build: func(in []*Node) *Node {
			p := Split(in[0], 3, 1)
			return Sub(p[0], Mul(p[1], p[2]))
		}},
		{name: "Concat axis 0", shapes: [][]int{{2, 3}, {1, 3}}, build: func(in []*Node) *Node {
			return Concat([]*Node{in[0], Mul(in[1], in[1]), in[0]}, 0)
		}},
		{name: "Concat axis 1", shapes: [][]int{{2, 3}, {2, 1}}, build: func(in []*Node) *Node {
			return Concat([]*Node{in[1], in[0], Tanh(in[1])}, -1)
		}},
		{name: "Sigmoid", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return Sigmoid(in[0]) }},
		{name: "Tanh", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return Tanh(in[0]) }},
		{name: "Relu", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return Relu(in[0]) }},
		{name: "Softmax", shapes: [][]int{{3, 5}}, build: func(in []*Node) *Node { return Softmax(in[0]) }},
		{name: "SoftmaxCrossEntropyWithLogits", shapes: [][]int{{3, 5}, {3, 5}}, positive: []bool{true, false},
			build: func(in []*Node) *Node { return SoftmaxCrossEntropyWithLogits(in[0], in[1]) }},
		{name: "ReduceMean", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return ReduceMean(Mul(in[0], in[0])) }},
		{name: "ReduceSum", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return ReduceSum(Mul(in[0], in[0])) }},
		{name: "ReduceMeanAxis 0", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return ReduceMeanAxis(in[0], 0) }},
		{name: "ReduceSumAxis 1", shapes: [][]int{{2, 3, 4}}, build: func(in []*Node) *Node { return ReduceSumAxis(in[0], 1) }},
		{name: "Cast", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return Tanh(Cast(in[0], Float32)) }},
		{name: "ArgMax Equal (no gradient)", shapes: [][]int{{3, 4}, {3, 4}}, build: func(in []*Node) *Node {
			return Add(Cast(Equal(ArgMax(in[0], 1), ArgMax(in[1], 1)), Float32), ReduceSumAxis(in[1], 1))
		}},
		{name: "ClipByValue", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return Tanh(ClipByValue(in[0], -0.7, 0.65)) }},
		{name: "ClipByValue of a product", shapes: [][]int{{3, 4}, {3, 4}}, build: func(in []*Node) *Node {
			return ClipByValue(Mul(in[0], in[1]), -0.3, 0.3)
		}},
		{name: "Range and Shape (no gradient)", shapes: [][]int{{2, 3}}, build: func(in []*Node) *Node {
			cols := Unstack(Shape(in[0]), 2, 0)[1]
			return Mul(in[0], Add(Cast(Range(0, cols, 1), Float32), in[0].Graph().Range(0.5, 2, 0.5)))
		}},
		{name: "Log", shapes: [][]int{{3, 4}}, positive: []bool{true}, build: func(in []*Node) *Node { return Log(in[0]) }},
		{name: "Exp", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return Exp(in[0]) }},
		{name: "Neg", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return Neg(in[0]) }},
		{name: "Square", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return Square(in[0]) }},
		{name: "Sqrt", shapes: [][]int{{3, 4}}, positive: []bool{true}, build: func(in []*Node) *Node { return Sqrt(in[0]) }},
		{name: "Abs", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return Abs(in[0]) }},
		{name: "Pow 3", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return Pow(in[0], 3) }},
		{name: "Pow 2.5", shapes: [][]int{{3, 4}}, positive: []bool{true}, build: func(in []*Node) *Node { return Pow(in[0], 2.5) }},
		{name: "Div", shapes: [][]int{{3, 4}, {3, 4}}, build: func(in []*Node) *Node { return Div(in[0], in[1]) }},
		{name: "Div bias", shapes: [][]int{{3, 4}, {4}}, build: func(in []*Node) *Node { return Div(in[0], in[1]) }},
		{name: "Div by scalar first", shapes: [][]int{{}, {3, 4}}, build: func(in []*Node) *Node { return Div(in[0], in[1]) }},
		{name: "Add column", shapes: [][]int{{3, 1}, {3, 4}}, build: func(in []*Node) *Node { return Add(in[0], in[1]) }},
		{name: "Sub both broadcast", shapes: [][]int{{2, 1, 4}, {3, 1}}, build: func(in []*Node) *Node { return Sub(in[0], in[1]) }},
		{name: "Mul column", shapes: [][]int{{3, 4}, {3, 1}}, build: func(in []*Node) *Node { return Mul(in[0], in[1]) }},
		{name: "Div column", shapes: [][]int{{3, 4}, {1, 4}, {3, 1}}, positive: []bool{false, true, true}, build: func(in []*Node) *Node {
			return Div(Mul(in[0], in[1]), Add(Square(in[2]), in[1]))
		}},
		{name: "cross entropy by hand", shapes: [][]int{{3, 5}, {3, 5}}, positive: []bool{true, false}, build: func(in []*Node) *Node {
			return Neg(ReduceSumAxis(Mul(in[0], Log(Softmax(in[1]))), 1))
		}},
		{name: "ReduceMax", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node { return ReduceMax(in[0]) }},
		{name: "ReduceMaxAxis 1", shapes: [][]int{{2, 3, 4}}, build: func(in []*Node) *Node { return ReduceMaxAxis(in[0], 1) }},
		{name: "ReduceMax ties", shapes: [][]int{{3}}, build: func(in []*Node) *Node {
			// The maximum, taken twice, shares its gradient between the copies.
			return ReduceMax(Concat([]*Node{in[0], in[0]}, 0))
		}},
		{name: "Unstack axis 0", shapes: [][]int{{3, 2}}, build: func(in []*Node) *Node {
			p := Unstack(in[0], 3, 0)
			return Sub(p[0], Mul(p[1], p[2]))
		}},
		{name: "Unstack axis 1", shapes: [][]int{{2, 3, 4}}, build: func(in []*Node) *Node {
			p := Unstack(in[0], 3, 1)
			return Add(Mul(p[0], p[2]), p[1])
		}},
		{name: "Unstack last axis", shapes: [][]int{{2, 3}}, build: func(in []*Node) *Node {
			p := Unstack(in[0], 3, -1)
			return Mul(p[0], Tanh(p[2]))
		}},
		{name: "Stack axis 0", shapes: [][]int{{2, 3}, {2, 3}}, build: func(in []*Node) *Node {
			return Stack([]*Node{in[0], Tanh(in[1]), in[0]}, 0)
		}},
		{name: "Stack axis 1", shapes: [][]int{{2, 3}, {2, 3}}, build: func(in []*Node) *Node {
			return Stack([]*Node{in[1], Mul(in[0], in[1])}, 1)
		}},
		{name: "Stack last axis of Unstack", shapes: [][]int{{2, 3, 4}}, build: func(in []*Node) *Node {
			return Stack(Unstack(Square(in[0]), 3, 1), -1)
		}},
		{name: "Gather with repeats", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node {
			ids := Cast(in[0].g.Const(TensorFrom([]float32{2, 0, 2, 1}, 2, 2)), Int32)
			return Gather(in[0], ids)
		}},
		{name: "EmbeddingLookup of a 3-D table", shapes: [][]int{{4, 2, 3}}, build: func(in []*Node) *Node {
			ids := Cast(in[0].g.Const(TensorFrom([]float32{3, 3, 1})), Int64)
			return EmbeddingLookup(Tanh(in[0]), ids)
		}},
		{name: "BiasAdd", shapes: [][]int{{2, 2, 3, 4}, {4}}, build: func(in []*Node) *Node { return BiasAdd(in[0], in[1]) }},
		{name: "Conv2D SAME", shapes: [][]int{{2, 4, 5, 3}, {3, 3, 3, 2}}, build: func(in []*Node) *Node {
			return Conv2D(in[0], in[1], []int{1, 1, 1, 1}, "SAME")
		}},
		{name: "Conv2D SAME stride 2", shapes: [][]int{{2, 5, 6, 2}, {2, 3, 2, 3}}, build: func(in []*Node) *Node {
			return Conv2D(in[0], in[1], []int{1, 2, 2, 1}, "SAME")
		}},
		{name: "Conv2D VALID strides 2,1", shapes: [][]int{{1, 5, 4, 2}, {3, 2, 2, 2}}, build: func(in []*Node) *Node {
			return Conv2D(in[0], in[1], []int{2, 1}, "VALID")
		}},
		{name: "MaxPool SAME", shapes: [][]int{{2, 5, 5, 2}}, build: func(in []*Node) *Node {
			return MaxPool(Add(in[0], in[0].g.Const(spread(2, 5, 5, 2))), []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME")
		}},
		{name: "MaxPool VALID overlapping", shapes: [][]int{{1, 5, 6, 3}}, build: func(in []*Node) *Node {
			return MaxPool(Add(in[0], in[0].g.Const(spread(1, 5, 6, 3))), []int{1, 3, 3, 1}, []int{1, 2, 1, 1}, "VALID")
		}},
		{name: "Dropout keep 1 (masks: TestDropout)", shapes: [][]int{{3, 4}}, build: func(in []*Node) *Node {
			return Dropout(Tanh(in[0]), in[0].g.Const(Scalar(1)))
		}},
		{name: "ClipByGlobalNorm clipping", shapes: [][]int{{3, 4}, {3, 4}}, build: func(in []*Node) *Node {
			c, norm := ClipByGlobalNorm([]*Node{in[0], in[1]}, 1)
			return Add(c[0], Mul(c[1], norm))
		}},
		{name: "ClipByGlobalNorm within the norm", shapes: [][]int{{3, 4}, {2}}, build: func(in []*Node) *Node {
			c, norm := ClipByGlobalNorm([]*Node{in[0], in[1]}, 100)
			return Mul(Add(c[0], ReduceSum(c[1])), norm)
		}},
		{name: "LSTM steps", shapes: [][]int{{2, 3}, {2, 3}, {2, 3}}, build: func(in []*Node) *Node {
			var out []*Node
			var st State
			in[0].g.VariableScope("gradcheck", func() {
				out, st = StaticRNN(BasicLSTMCell(4, 1.0), in)
			})
			return Concat([]*Node{out[1], st.(LSTMState).C, st.(LSTMState).H}, 1)
		}},
		{name: "LSTM over inputs split from one matrix", shapes: [][]int{{6, 3}}, build: func(in []*Node) *Node {
			var out []*Node
			var st State
			in[0].g.VariableScope("gradcheck", func() {
				out, st = StaticRNN(BasicLSTMCell(4, 1.0), Split(in[0], 3, 0))
			})
			return Concat([]*Node{out[0], out[2], st.(LSTMState).C}, 1)
		}},
		{name: "LSTM from a given state", shapes: [][]int{{2, 3}, {2, 4}, {2, 4}}, build: func(in []*Node) *Node {
			var out []*Node
			in[0].g.VariableScope("gradcheck", func() {
				out, _ = StaticRNNWithState(BasicLSTMCell(4, 0.5), in[:1], LSTMState{C: in[1], H: in[2]})
			})
			return out[0]
		}},
	}
}

// TestGradients compares every op's gradients, with respect to its inputs
// and to any variables it made, with central finite differences of
// cost = sum(output · R) for a fixed random R.
//
// Tolerance: |analytic - numeric| <= 5e-3 + 1e-2·|numeric|, with step
// 1e-2 in float32: rounding of the cost is about 1e-4 and the truncation
// error O(step²); a wrong factor or a missing term is far outside.
func TestGradients(t *testing.T) {
	for ci, tc := range append(gradCases(), cellGradCases()...) {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(ci), 7))
			g := NewGraph()
			g.SetRandomSeed(int64(ci))
			var ins []*Node
			feeds := Feeds{}
			for i, s := range tc.shapes {
				p := g.Placeholder(Float32, s...)
				v := randomTensor(rng, s...)
				if i < len(tc.positive) && tc.positive[i] {
					for k := range v.data {
						v.data[k] = float32(math.Abs(float64(v.data[k])))
					}
				}
				ins = append(ins, p)
				feeds[p] = v
			}
			out := tc.build(ins)
			if err := g.Err(); err != nil {
				t.Fatal(err)
			}
			r := g.Const(randomTensor(rng, out.Shape()...))
			cost := ReduceSum(Mul(out, r))
			xs := append(append([]*Node(nil), ins...), g.Variables()...)
			grads := Gradients(cost, xs)
			s := g.NewSession()
			if _, err := s.Run(g.GlobalVariablesInitializer(), nil); err != nil {
				t.Fatal(err)
			}
			// Random variable values, not the initializers' zeros.
			for _, v := range g.Variables() {
				if err := s.Assign(v, randomTensor(rng, v.Shape()...)); err != nil {
					t.Fatal(err)
				}
			}
			analytic, err := s.RunList(grads, feeds)
			if err != nil {
				t.Fatal(err)
			}
			costAt := func() float64 {
				c, err := s.Run(cost, feeds)
				if err != nil {
					t.Fatal(err)
				}
				return c.Value()
			}
			const step = 1e-2
			for xi, x := range xs {
				var vals *Tensor
				if f, ok := feeds[x]; ok {
					vals = f
				} else {
					vals, err = s.Run(x, nil)
					if err != nil {
						t.Fatal(err)
					}
				}
				set := func() {
					if _, ok := feeds[x]; !ok {
						if err := s.Assign(x, vals); err != nil {
							t.Fatal(err)
						}
					}
				}
				for k := range vals.data {
					orig := vals.data[k]
					vals.data[k] = orig + step
					set()
					up := costAt()
					vals.data[k] = orig - step
					set()
					down := costAt()
					vals.data[k] = orig
					set()
					num := (up - down) / (2 * step)
					got := float64(analytic[xi].data[k])
					if math.Abs(got-num) > 5e-3+1e-2*math.Abs(num) {
						t.Errorf("d cost/d %s[%d] = %.6g, finite differences give %.6g", x.Name(), k, got, num)
					}
				}
			}
		})
	}
}

// unfusedLSTM is the BasicLSTMCell step written with the basic ops.
func unfusedLSTM(x, c, h, kernel, bias *Node, forgetBias float32) (*Node, *Node) {
	gates := Add(MatMul(Concat([]*Node{x, h}, 1), kernel), bias)
	p := Split(gates, 4, 1)
	i, j, f, o := p[0], p[1], p[2], p[3]
	fb := x.g.Const(Scalar(forgetBias))
	c2 := Add(Mul(c, Sigmoid(Add(f, fb))), Mul(Sigmoid(i), Tanh(j)))
	h2 := Mul(Tanh(c2), Sigmoid(o))
	return c2, h2
}

// TestFusedLSTMMatchesUnfused compares values and gradients of the fused
// step with the step built from basic ops, at a small batch and at one
// large enough to run in parallel row blocks.
func TestFusedLSTMMatchesUnfused(t *testing.T) {
	for _, batch := range []int{3, 2*blockRows + 17} {
		for _, fromSplit := range []bool{false, true} {
			name := fmt.Sprint("batch ", batch, " separate inputs")
			if fromSplit {
				// StaticRNN then projects all steps' inputs in one product.
				name = fmt.Sprint("batch ", batch, " inputs split from one matrix")
			}
			t.Run(name, func(t *testing.T) { testFusedLSTM(t, batch, fromSplit) })
		}
	}
}

func testFusedLSTM(t *testing.T, batch int, fromSplit bool) {
	const nIn, units, steps = 5, 6, 4
	g := NewGraph()
	g.SetRandomSeed(3)
	rng := rand.New(rand.NewPCG(3, 3))
	var xs, inputs []*Node
	feeds := Feeds{}
	if fromSplit {
		p := g.Placeholder(Float32, None, nIn)
		feeds[p] = randomTensor(rng, steps*batch, nIn)
		xs = Split(p, steps, 0)
		inputs = []*Node{p}
	} else {
		for s := 0; s < steps; s++ {
			p := g.Placeholder(Float32, None, nIn)
			xs = append(xs, p)
			feeds[p] = randomTensor(rng, batch, nIn)
		}
		inputs = xs
	}
	cell := BasicLSTMCell(units, 1.0)
	fusedOut, fusedState := StaticRNN(cell, xs)
	kernel, bias := cell.Variables()
	if _, hoisted := splitSource(xs); hoisted != fromSplit {
		t.Fatalf("splitSource says %v, want %v", hoisted, fromSplit)
	}
	zero := g.Const(NewTensor(batch, units))
	c, h := zero, zero
	var unfusedOut []*Node
	for _, x := range xs {
		c, h = unfusedLSTM(x, c, h, kernel, bias, 1.0)
		unfusedOut = append(unfusedOut, h)
	}
	costOf := func(outs []*Node, final *Node) *Node {
		sum := ReduceSum(final)
		for i, o := range outs {
			w := g.Const(Scalar(float32(i + 1)))
			sum = Add(sum, ReduceSum(Mul(Tanh(o), w)))
		}
		return sum
	}
	fusedCost := costOf(fusedOut, fusedState.(LSTMState).C)
	unfusedCost := costOf(unfusedOut, c)
	wrt := append([]*Node{kernel, bias}, inputs...)
	fetch := append(append([]*Node{fusedCost, unfusedCost, fusedOut[steps-1], unfusedOut[steps-1]},
		Gradients(fusedCost, wrt)...), Gradients(unfusedCost, wrt)...)
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	if err := s.Assign(bias, randomTensor(rng, 4*units)); err != nil {
		t.Fatal(err)
	}
	vals, err := s.RunList(fetch, feeds)
	if err != nil {
		t.Fatal(err)
	}
	n := len(wrt)
	pairs := [][2]int{{0, 1}, {2, 3}}
	for i := 0; i < n; i++ {
		pairs = append(pairs, [2]int{4 + i, 4 + n + i})
	}
	for _, p := range pairs {
		a, b := vals[p[0]], vals[p[1]]
		if !sameShape(a.shape, b.shape) {
			t.Fatalf("fetch %d has shape %v, unfused %v", p[0], a.shape, b.shape)
		}
		for k := range a.data {
			if d := math.Abs(float64(a.data[k] - b.data[k])); d > 1e-5*(1+math.Abs(float64(b.data[k]))) {
				t.Errorf("fetch %d [%d]: fused %g, unfused %g", p[0], k, a.data[k], b.data[k])
				break
			}
		}
	}
}

func ExampleGradients() {
	g := NewGraph()
	x := g.Placeholder(Float32, 2)
	y := ReduceSum(Mul(x, x)) // y = x0² + x1²
	dx := Gradients(y, []*Node{x})[0]
	s := g.NewSession()
	out, err := s.Run(dx, Feeds{x: TensorFrom([]float32{3, -1})})
	fmt.Println(out.Data(), err)
	// Output: [6 -2] <nil>
}

// Two gradient computations in one run do not overwrite each other.
func TestTwoGradientsInOneRun(t *testing.T) {
	g := NewGraph()
	x := g.Placeholder(Float32, 2)
	square := ReduceSum(Mul(x, x))         // gradient 2x
	triple := ReduceSum(Add(x, Add(x, x))) // gradient 3
	d1 := Gradients(square, []*Node{x})[0]
	d2 := Gradients(triple, []*Node{x})[0]
	vals, err := g.NewSession().RunList([]*Node{d1, d2}, Feeds{x: TensorFrom([]float32{1, 5})})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(vals[0].Data(), vals[1].Data()); got != "[2 10] [3 3]" {
		t.Errorf("gradients %s, want [2 10] [3 3]", got)
	}
}

// TestProjectionFallback runs the tutorial model forward with the input
// projection computed and with it skipped (as for an evaluation over a
// huge batch); the results must agree.
func TestProjectionFallback(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(5)
	m := buildTutorial(g, 6, 5, 8, 3, GradientDescentOptimizer(0.1))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	rng := rand.New(rand.NewPCG(5, 5))
	feeds := Feeds{m.x: randomTensor(rng, 7, 6, 5), m.y: randomTensor(rng, 7, 3)}
	pred := func() []float32 {
		v, err := s.Run(m.pred, feeds)
		if err != nil {
			t.Fatal(err)
		}
		return v.Data()
	}
	with := pred()
	saved := projectMaxForward
	projectMaxForward = 0
	without := pred()
	projectMaxForward = saved
	for i := range with {
		if d := math.Abs(float64(with[i] - without[i])); d > 1e-5*(1+math.Abs(float64(with[i]))) {
			t.Fatalf("prediction %d: %g with the projection, %g without", i, with[i], without[i])
		}
	}
	// And training still works after a run without it.
	if _, err := s.Run(m.optm, feeds); err != nil {
		t.Fatal(err)
	}
}
