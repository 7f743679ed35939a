package rnn

import "testing"

// tinyModel is the linear-regression example's graph: scalar W and b,
// pred = X*W + b, cost = sum((pred-Y)^2)/(2n), one gradient-descent
// training op. Its arithmetic is a handful of flops, so a Run of it costs
// what the executor adds around the ops.
type tinyModel struct {
	x, y, w, b, cost, optm *Node
}

func buildTiny(g *Graph, samples int) tinyModel {
	var m tinyModel
	m.x = g.Placeholder(Float32)
	m.y = g.Placeholder(Float32)
	m.w = g.Variable(Constant(0.3))
	m.b = g.Variable(Constant(-0.2))
	pred := Add(Mul(m.x, m.w), m.b)
	m.cost = Div(ReduceSum(Pow(Sub(pred, m.y), 2)), g.Const(Scalar(float32(2*samples))))
	m.optm = GradientDescentOptimizer(0.01).Minimize(m.cost)
	return m
}

// BenchmarkTinyRun is one step of the linear-regression example's inner
// loop: sess.Run(optimizer, Feeds{X: scalar, Y: scalar}) with the feeds
// built per call as the notebook builds them. The goal is under 5 µs.
func BenchmarkTinyRun(b *testing.B) {
	g := NewGraph()
	m := buildTiny(g, 17)
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	xs := []float32{3.3, 4.4, 5.5, 6.71, 6.93, 4.168, 9.779, 6.182}
	ys := []float32{1.7, 2.76, 2.09, 3.19, 1.694, 1.573, 3.366, 2.596}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := i % len(xs)
		i++
		if _, err := s.Run(m.optm, Feeds{m.x: Scalar(xs[k]), m.y: Scalar(ys[k])}); err != nil {
			b.Fatal(err)
		}
	}
}
