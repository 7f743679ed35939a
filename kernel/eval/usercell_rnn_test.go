package eval

import (
	"strconv"
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/symbols"
)

// A cell type written in notebook cells implements rnn.RNNCell and trains
// through StaticRNN (with sequence lengths) and MultiRNNCell, under a
// wrapped GRU: the kernel's users can define cells of their own.
func TestInterpretedCellTrains(t *testing.T) {
	s := newSession(t, Options{Packages: symbols.Symbols})
	r := run(t, s,
		`import (
	"math/rand"

	"github.com/gornn/gornn/rnn"
)`,
		`// A peephole LSTM: the gates also see the cell state.
type Peephole struct {
	Units               int
	Wx, Wh, B           *rnn.Node
	PeepI, PeepF, PeepO *rnn.Node
}

func (p *Peephole) Call(x *rnn.Node, state rnn.State) (*rnn.Node, rnn.State) {
	g := x.Graph()
	u := p.Units
	if p.Wx == nil {
		p.Wx = g.GetVariable("peephole/wx", rnn.GlorotUniform(x.Shape()[1], 4*u))
		p.Wh = g.GetVariable("peephole/wh", rnn.GlorotUniform(u, 4*u))
		p.B = g.GetVariable("peephole/b", rnn.Zeros(4*u))
		p.PeepI = g.GetVariable("peephole/peep_i", rnn.GlorotUniform(u))
		p.PeepF = g.GetVariable("peephole/peep_f", rnn.GlorotUniform(u))
		p.PeepO = g.GetVariable("peephole/peep_o", rnn.GlorotUniform(u))
	}
	gates := rnn.Add(rnn.MatMul(x, p.Wx), p.B)
	var c, h *rnn.Node
	if st, ok := state.(rnn.LSTMState); ok {
		c, h = st.C, st.H
	}
	if h != nil {
		gates = rnn.Add(gates, rnn.MatMul(h, p.Wh))
	}
	parts := rnn.Split(gates, 4, 1)
	i, j, f, o := parts[0], parts[1], parts[2], parts[3]
	if c != nil {
		i = rnn.Add(i, rnn.Mul(c, p.PeepI))
		f = rnn.Add(f, rnn.Mul(c, p.PeepF))
	}
	newC := rnn.Mul(rnn.Sigmoid(i), rnn.Tanh(j))
	if c != nil {
		newC = rnn.Add(newC, rnn.Mul(c, rnn.Sigmoid(f)))
	}
	o = rnn.Add(o, rnn.Mul(newC, p.PeepO))
	newH := rnn.Mul(rnn.Tanh(newC), rnn.Sigmoid(o))
	return newH, rnn.LSTMState{C: newC, H: newH}
}`,
		`const batch, steps, nIn, units = 32, 6, 2, 8
g := rnn.NewGraph()
g.SetRandomSeed(1)
x := g.Placeholder(rnn.Float32, rnn.None, steps, nIn)
y := g.Placeholder(rnn.Float32, rnn.None, 2)
length := g.Placeholder(rnn.Float32, rnn.None)
var state rnn.State
keep := g.Placeholder(rnn.Float32)
cell := rnn.MultiRNNCell([]rnn.RNNCell{&Peephole{Units: units}, rnn.DropoutWrapper(rnn.GRUCell(units), nil, keep)})
g.VariableScope("user", func() {
	xs := rnn.Split(rnn.Reshape(rnn.Transpose(x, 1, 0, 2), -1, nIn), steps, 0)
	_, state = rnn.StaticRNN(cell, xs, rnn.SequenceLength(length))
})
final := state.(rnn.MultiState)[1].(*rnn.Node)
logits := rnn.MatMul(final, g.Variable(rnn.GlorotUniform(units, 2)))
cost := rnn.ReduceMean(rnn.SoftmaxCrossEntropyWithLogits(y, logits))
train := rnn.AdamOptimizer(0.02).Minimize(cost)
if err := g.Err(); err != nil {
	panic(err)
}`,
		`rng := rand.New(rand.NewSource(1))
batchOf := func() rnn.Feeds {
	xv := rnn.NewTensor(batch, steps, nIn)
	yv := rnn.NewTensor(batch, 2)
	lv := rnn.NewTensor(batch)
	for b := 0; b < batch; b++ {
		class := rng.Intn(2)
		yv.Set(1, b, class)
		lv.Set(float32(2+rng.Intn(steps-1)), b)
		for s := 0; s < steps; s++ {
			for k := 0; k < nIn; k++ {
				xv.Set(float32(rng.NormFloat64()*0.5), b, s, k)
			}
		}
		xv.Set(float32(2*class-1), b, 0, 0)
	}
	return rnn.Feeds{x: xv, y: yv, length: lv, keep: rnn.Scalar(1)}
}
sess := g.NewSession()
sess.MustRun(g.GlobalVariablesInitializer(), nil)
test := batchOf()
before := sess.MustRun(cost, test).Value()
for i := 0; i < 150; i++ {
	sess.MustRun(train, batchOf())
}
after := sess.MustRun(cost, test).Value()`,
		`before / after`)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	ratio, err := strconv.ParseFloat(text(r), 64)
	if err != nil {
		t.Fatalf("before/after = %q: %v", text(r), err)
	}
	t.Logf("cost fell by a factor of %.1f", ratio)
	if ratio < 4 {
		t.Errorf("the cost fell by a factor of %.2f in 150 steps; want at least 4", ratio)
	}
	if r := s.Execute(t.Context(), `g.VariableByName("user/multi_rnn_cell/cell_0/peephole/peep_f") != nil`); r.Err != nil || text(r) != "true" {
		t.Errorf("the interpreted cell's variables: %v %q", r.Err, text(r))
	}
}

// An interpreted cell may keep a state of its own type: StaticRNN hands it
// back to the cell untouched, and the final state is of that type. Sequence
// lengths need states made of the package's kinds, and say so.
func TestInterpretedCellOwnState(t *testing.T) {
	s := newSession(t, Options{Packages: symbols.Symbols})
	r := run(t, s,
		`import (
	"fmt"

	"github.com/gornn/gornn/rnn"
)`,
		`// Sum adds up its inputs and counts its steps.
type SumState struct {
	H *rnn.Node
	N int
}

type Sum struct{}

func (Sum) Call(x *rnn.Node, state rnn.State) (*rnn.Node, rnn.State) {
	if state == nil {
		return x, SumState{H: x, N: 1}
	}
	st := state.(SumState)
	h := rnn.Add(st.H, x)
	return h, SumState{H: h, N: st.N + 1}
}`,
		`g := rnn.NewGraph()
x := g.Placeholder(rnn.Float32, 2, 1)
outs, st := rnn.StaticRNN(Sum{}, []*rnn.Node{x, x, x})
v := g.NewSession().MustRun(outs[2], rnn.Feeds{x: rnn.TensorFrom([]float32{1, 2}, 2, 1)})`,
		`fmt.Sprint(v.Data(), st.(SumState).N)`)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := text(r); got != `"[3 6] 3"` && got != "[3 6] 3" {
		t.Errorf("outputs and steps %s, want [3 6] 3", got)
	}
	r = run(t, s, `masked, _ := rnn.StaticRNN(Sum{}, []*rnn.Node{x, x}, rnn.SequenceLength(g.Placeholder(rnn.Float32, 2)))`,
		`masked[0].Err().Error()`)
	if r.Err != nil || !strings.Contains(text(r), "cannot be masked") {
		t.Errorf("with sequence lengths: %v %s, want an error about masking the state", r.Err, text(r))
	}
}
