package rnn_test

import (
	"math/rand/v2"
	"testing"

	"github.com/gornn/gornn/rnn"
)

// peepholeLSTM is a cell written outside the package, with the exported
// ops only, as a notebook would write it: an LSTM whose gates also see the
// cell state (Gers and Schmidhuber's peephole connections). Its state is
// an rnn.LSTMState, so that sequence lengths apply to it.
type peepholeLSTM struct {
	units               int
	wx, wh, b           *rnn.Node
	peepI, peepF, peepO *rnn.Node
}

func (p *peepholeLSTM) Call(x *rnn.Node, state rnn.State) (*rnn.Node, rnn.State) {
	g := x.Graph()
	u := p.units
	if p.wx == nil {
		p.wx = g.GetVariable("peephole/wx", rnn.GlorotUniform(x.Shape()[1], 4*u))
		p.wh = g.GetVariable("peephole/wh", rnn.GlorotUniform(u, 4*u))
		p.b = g.GetVariable("peephole/b", rnn.Zeros(4*u))
		p.peepI = g.GetVariable("peephole/peep_i", rnn.GlorotUniform(u))
		p.peepF = g.GetVariable("peephole/peep_f", rnn.GlorotUniform(u))
		p.peepO = g.GetVariable("peephole/peep_o", rnn.GlorotUniform(u))
	}
	gates := rnn.Add(rnn.MatMul(x, p.wx), p.b)
	var c, h *rnn.Node
	if st, ok := state.(rnn.LSTMState); ok {
		c, h = st.C, st.H
	}
	if h != nil {
		gates = rnn.Add(gates, rnn.MatMul(h, p.wh))
	}
	parts := rnn.Split(gates, 4, 1)
	i, j, f, o := parts[0], parts[1], parts[2], parts[3]
	if c != nil {
		i = rnn.Add(i, rnn.Mul(c, p.peepI))
		f = rnn.Add(f, rnn.Mul(c, p.peepF))
	}
	newC := rnn.Mul(rnn.Sigmoid(i), rnn.Tanh(j))
	if c != nil {
		newC = rnn.Add(newC, rnn.Mul(c, rnn.Sigmoid(f)))
	}
	o = rnn.Add(o, rnn.Mul(newC, p.peepO))
	newH := rnn.Mul(rnn.Tanh(newC), rnn.Sigmoid(o))
	return newH, rnn.LSTMState{C: newC, H: newH}
}

// TestUserCellTrains trains a cell type defined outside the package
// through StaticRNN (with sequence lengths) and MultiRNNCell on a task an
// RNN must remember for: the class of an example is the sign of its first
// step's input, and every later step is noise.
func TestUserCellTrains(t *testing.T) {
	const batch, steps, nIn, units = 32, 6, 2, 8
	g := rnn.NewGraph()
	g.SetRandomSeed(1)
	x := g.Placeholder(rnn.Float32, rnn.None, steps, nIn)
	y := g.Placeholder(rnn.Float32, rnn.None, 2)
	length := g.Placeholder(rnn.Float32, rnn.None)
	var outputs []*rnn.Node
	var state rnn.State
	cell := rnn.MultiRNNCell([]rnn.RNNCell{&peepholeLSTM{units: units}, rnn.GRUCell(units)})
	g.VariableScope("user", func() {
		xs := rnn.Split(rnn.Reshape(rnn.Transpose(x, 1, 0, 2), -1, nIn), steps, 0)
		outputs, state = rnn.StaticRNN(cell, xs, rnn.SequenceLength(length))
	})
	final := state.(rnn.MultiState)[1].(*rnn.Node)
	w := g.Variable(rnn.GlorotUniform(units, 2))
	logits := rnn.MatMul(final, w)
	cost := rnn.ReduceMean(rnn.SoftmaxCrossEntropyWithLogits(y, logits))
	train := rnn.AdamOptimizer(0.02).Minimize(cost)
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	if len(outputs) != steps {
		t.Fatalf("%d outputs, want %d", len(outputs), steps)
	}
	if v := g.VariableByName("user/multi_rnn_cell/cell_0/peephole/peep_f"); v == nil {
		t.Fatal("the user cell's variables are not in its layer's scope")
	}
	rng := rand.New(rand.NewPCG(1, 1))
	batchOf := func() rnn.Feeds {
		xv := rnn.NewTensor(batch, steps, nIn)
		yv := rnn.NewTensor(batch, 2)
		lv := rnn.NewTensor(batch)
		for b := range batch {
			class := rng.IntN(2)
			yv.Set(1, b, class)
			lv.Set(float32(2+rng.IntN(steps-1)), b)
			for s := range steps {
				for k := range nIn {
					xv.Set(float32(rng.NormFloat64()*0.5), b, s, k)
				}
			}
			xv.Set(float32(2*class-1), b, 0, 0)
		}
		return rnn.Feeds{x: xv, y: yv, length: lv}
	}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	test := batchOf()
	before := s.MustRun(cost, test).Value()
	for range 150 {
		s.MustRun(train, batchOf())
	}
	after := s.MustRun(cost, test).Value()
	t.Logf("cost %.4f -> %.4f", before, after)
	if !(after < before/4) {
		t.Errorf("cost went from %.4f to %.4f in 150 steps; want it below a quarter", before, after)
	}
}
