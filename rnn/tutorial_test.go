package rnn

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// tutorialModel builds the tutorial's graph on g, as the notebook does.
type tutorialModel struct {
	x, y, pred, cost, optm, accr *Node
	weights, biases              map[string]*Node
	out                          map[string]any
}

func buildTutorial(g *Graph, nsteps, diminput, dimhidden, dimoutput int, opt *Optimizer) *tutorialModel {
	m := &tutorialModel{}
	m.x = g.Placeholder(Float32, None, nsteps, diminput)
	m.y = g.Placeholder(Float32, None, dimoutput)
	weights := map[string]*Node{
		"hidden": g.Variable(RandomNormal(diminput, dimhidden)),
		"out":    g.Variable(RandomNormal(dimhidden, dimoutput)),
	}
	biases := map[string]*Node{
		"hidden": g.Variable(RandomNormal(dimhidden)),
		"out":    g.Variable(RandomNormal(dimoutput)),
	}
	m.weights, m.biases = weights, biases
	X := Transpose(m.x, 1, 0, 2)
	X = Reshape(X, -1, diminput)
	H := Add(MatMul(X, weights["hidden"]), biases["hidden"])
	Hsplit := Split(H, nsteps, 0)
	var outputs []*Node
	var state State
	g.VariableScope("basic", func() {
		cell := BasicLSTMCell(dimhidden, 1.0)
		outputs, state = StaticRNN(cell, Hsplit)
	})
	O := Add(MatMul(outputs[len(outputs)-1], weights["out"]), biases["out"])
	m.out = map[string]any{"X": X, "H": H, "Hsplit": Hsplit, "LSTM_O": outputs, "LSTM_S": state, "O": O}
	m.pred = O
	m.cost = ReduceMean(SoftmaxCrossEntropyWithLogits(m.y, m.pred))
	m.optm = opt.Minimize(m.cost)
	corr := Equal(ArgMax(m.pred, 1), ArgMax(m.y, 1))
	m.accr = ReduceMean(Cast(corr, Float32))
	return m
}

// syntheticBatch makes inputs whose class is readable from the mean of one
// row band, so that a small LSTM can learn it.
func syntheticBatch(rng *rand.Rand, batch, nsteps, diminput, classes int) (*Tensor, *Tensor) {
	x := NewTensor(batch, nsteps, diminput)
	y := NewTensor(batch, classes)
	for b := 0; b < batch; b++ {
		c := rng.IntN(classes)
		y.Set(1, b, c)
		for t := 0; t < nsteps; t++ {
			for i := 0; i < diminput; i++ {
				v := float32(rng.Float64() * 0.1)
				if t%classes == c {
					v += 0.8
				}
				x.Set(v, b, t, i)
			}
		}
	}
	return x, y
}

func TestTutorialGraphTrains(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(1)
	m := buildTutorial(g, 8, 6, 16, 4, AdamOptimizer(0.01))
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	s := g.NewSession()
	if _, err := s.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	tx, ty := syntheticBatch(rng, 64, 8, 6, 4)
	feeds := Feeds{m.x: tx, m.y: ty}
	first, err := s.Run(m.cost, feeds)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 150; i++ {
		bx, by := syntheticBatch(rng, 16, 8, 6, 4)
		if _, err := s.Run(m.optm, Feeds{m.x: bx, m.y: by}); err != nil {
			t.Fatal(err)
		}
	}
	vals, err := s.RunList([]*Node{m.cost, m.accr}, feeds)
	if err != nil {
		t.Fatal(err)
	}
	if vals[0].Value() >= first.Value()/2 {
		t.Errorf("cost went from %v to %v, want it at least halved", first.Value(), vals[0].Value())
	}
	if acc := vals[1].Value(); acc < 0.9 {
		t.Errorf("accuracy %v after training, want >= 0.9", acc)
	}
	k := g.VariableByName("basic/basic_lstm_cell/kernel")
	if k == nil || !sameShape(k.Shape(), []int{16 + 16, 64}) {
		t.Errorf("kernel variable %v, want basic/basic_lstm_cell/kernel of shape [32,64]", k)
	}
}

// VariableScope reuses variables under the same name and makes new ones
// under another, like tf.variable_scope(name, reuse=tf.AUTO_REUSE).
func TestVariableScopeReuse(t *testing.T) {
	g := NewGraph()
	x := g.Placeholder(Float32, None, 3)
	cellIn := func(scope string) (kernel *Node) {
		g.VariableScope(scope, func() {
			cell := BasicLSTMCell(4, 1)
			StaticRNN(cell, []*Node{x, x})
			kernel, _ = cell.Variables()
		})
		return kernel
	}
	a, b, c := cellIn("basic"), cellIn("basic"), cellIn("other")
	if a != b {
		t.Errorf("same scope gave kernels %s and %s, want one variable", a.Name(), b.Name())
	}
	if a == c || c.Name() != "other/basic_lstm_cell/kernel" {
		t.Errorf("another scope gave %s, want a new other/basic_lstm_cell/kernel", c.Name())
	}
	var names []string
	for _, v := range g.Variables() {
		names = append(names, v.Name())
	}
	want := "[basic/basic_lstm_cell/kernel basic/basic_lstm_cell/bias other/basic_lstm_cell/kernel other/basic_lstm_cell/bias]"
	if got := fmt.Sprint(names); got != want {
		t.Errorf("variables %s, want %s", got, want)
	}
	// Nested scopes join their names.
	var inner *Node
	g.VariableScope("outer", func() {
		g.VariableScope("inner", func() { inner = g.GetVariable("w", Zeros(1)) })
	})
	if inner.Name() != "outer/inner/w" {
		t.Errorf("nested scope variable %s, want outer/inner/w", inner.Name())
	}
}

// The initializer covers variables made after it, such as an LSTM's,
// which appear only when StaticRNN first runs the cell.
func TestInitializerCoversLaterVariables(t *testing.T) {
	g := NewGraph()
	init := g.GlobalVariablesInitializer()
	x := g.Placeholder(Float32, None, 2)
	out, _ := StaticRNN(BasicLSTMCell(3, 1), []*Node{x})
	s := g.NewSession()
	s.MustRun(init, nil)
	if _, err := s.Run(out[0], Feeds{x: NewTensor(1, 2)}); err != nil {
		t.Errorf("run after the initializer: %v", err)
	}
}
