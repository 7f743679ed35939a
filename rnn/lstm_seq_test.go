package rnn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// seqModel is an LSTM over the parts of one Split, built either by
// StaticRNN (one sequence op) or by calling the cell step by step (one op
// per step), with a cost over every step's output and the final state so
// that every gradient path is used.
type seqModel struct {
	src, c0, h0 *Node
	outputs     []*Node
	state       LSTMState
	cost        *Node
	grads       []*Node // of src, kernel, bias, then c0 and h0 when given
}

func buildSeqModel(steps, batch, nIn, units int, withState, byStep bool) *seqModel {
	g := NewGraph()
	g.SetRandomSeed(7)
	m := &seqModel{src: g.Placeholder(Float32, steps*batch, nIn)}
	var initial LSTMState
	if withState {
		m.c0 = g.Placeholder(Float32, batch, units)
		m.h0 = g.Placeholder(Float32, batch, units)
		initial = LSTMState{C: m.c0, H: m.h0}
	}
	parts := Split(m.src, steps, 0)
	cell := BasicLSTMCell(units, 1.0)
	if byStep {
		m.outputs = make([]*Node, steps)
		var state State = initial
		for t, x := range parts {
			m.outputs[t], state = cell.Call(x, state)
		}
		m.state = state.(LSTMState)
	} else {
		var state State
		m.outputs, state = StaticRNNWithState(cell, parts, initial)
		m.state = state.(LSTMState)
	}
	// Weight the steps differently so that a mix-up of steps shows.
	var terms []*Node
	for t, h := range m.outputs {
		w := g.Const(Scalar(float32(t + 1)))
		terms = append(terms, Mul(ReduceSum(Mul(h, h)), w))
	}
	terms = append(terms, ReduceSum(Mul(m.state.C, m.state.C)))
	m.cost = terms[0]
	for _, t := range terms[1:] {
		m.cost = Add(m.cost, t)
	}
	kernel, bias := cell.Variables()
	xs := []*Node{m.src, kernel, bias}
	if withState {
		xs = append(xs, m.c0, m.h0)
	}
	m.grads = Gradients(m.cost, xs)
	return m
}

func (m *seqModel) run(t *testing.T, s *Session, feeds Feeds, fetches []*Node) []*Tensor {
	t.Helper()
	out, err := s.RunList(fetches, feeds)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func closeEnough(a, b []float32, tol float64) (int, bool) {
	scale := 0.0
	for _, v := range b {
		scale = math.Max(scale, math.Abs(float64(v)))
	}
	for i := range a {
		if math.Abs(float64(a[i]-b[i])) > tol*(1+scale) {
			return i, false
		}
	}
	return 0, len(a) == len(b)
}

// TestSequenceMatchesSteps checks the sequence op against the same cell
// run step by step: every step's output, the final state and every
// gradient, for batches that make one piece or several (with a last piece
// shorter than the others), with and without an initial state.
func TestSequenceMatchesSteps(t *testing.T) {
	tests := []struct {
		steps, batch, nIn, units int
		withState                bool
	}{
		{1, 1, 3, 4, false},
		{5, 1, 3, 4, true},
		{6, 5, 7, 8, false},
		{6, 5, 7, 8, true},
		{4, 16, 9, 12, false},
		{3, 70, 5, 6, true},
		{3, 301, 4, 5, false},
	}
	for _, tc := range tests {
		name := fmt.Sprintf("steps%d_batch%d_state%v", tc.steps, tc.batch, tc.withState)
		t.Run(name, func(t *testing.T) {
			feedsFor := func(m *seqModel) Feeds {
				r := rand.New(rand.NewPCG(uint64(tc.batch), 10))
				f := Feeds{m.src: randomTensor(r, tc.steps*tc.batch, tc.nIn)}
				if tc.withState {
					f[m.c0] = randomTensor(r, tc.batch, tc.units)
					f[m.h0] = randomTensor(r, tc.batch, tc.units)
				}
				return f
			}
			var results [2][]*Tensor
			for i, byStep := range []bool{true, false} {
				m := buildSeqModel(tc.steps, tc.batch, tc.nIn, tc.units, tc.withState, byStep)
				s := m.src.Graph().NewSession()
				s.MustRun(m.src.Graph().GlobalVariablesInitializer(), nil)
				fetches := append(append([]*Node{m.state.C, m.state.H}, m.outputs...), m.grads...)
				results[i] = m.run(t, s, feedsFor(m), fetches)
				if !byStep {
					if _, ok := m.outputs[0].inputs[0].op.(lstmSeqOp); !ok {
						t.Fatalf("StaticRNN built %s, want one sequence op", m.outputs[0].inputs[0].opType)
					}
				}
			}
			for k := range results[0] {
				if i, ok := closeEnough(results[1][k].Data(), results[0][k].Data(), 1e-5); !ok {
					t.Fatalf("fetch %d, element %d: sequence %v, steps %v", k, i, results[1][k].Data()[i], results[0][k].Data()[i])
				}
			}
		})
	}
}

// TestSequenceEvaluationPaths checks the ways a run without a backward
// pass may compute a sequence: gates of all steps at once or piece by
// piece, keeping every step or only the last, against a training run's
// values.
func TestSequenceEvaluationPaths(t *testing.T) {
	const steps, batch, nIn, units = 5, 37, 6, 8
	m := buildSeqModel(steps, batch, nIn, units, false, false)
	g := m.src.Graph()
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	rng := rand.New(rand.NewPCG(2, 2))
	feeds := Feeds{m.src: randomTensor(rng, steps*batch, nIn)}
	// A run with gradients keeps all steps: the reference.
	want := m.run(t, s, feeds, append([]*Node{m.grads[0], m.state.H}, m.outputs...))[1:]
	saved := projectMaxForward
	defer func() { projectMaxForward = saved }()
	for _, limit := range []int{saved, 0} {
		projectMaxForward = limit
		// Only the last step: the value keeps one step.
		last := m.run(t, s, feeds, []*Node{m.state.H})[0]
		if i, ok := closeEnough(last.Data(), want[0].Data(), 1e-6); !ok {
			t.Fatalf("limit %d, last step only: element %d differs", limit, i)
		}
		if v := s.state(m.outputs[0].inputs[0]).val.shape; v[1] != 1 {
			t.Errorf("limit %d: a run fetching the last step kept %d steps", limit, v[1])
		}
		// Every step.
		all := m.run(t, s, feeds, m.outputs)
		for k := range all {
			if i, ok := closeEnough(all[k].Data(), want[1+k].Data(), 1e-6); !ok {
				t.Fatalf("limit %d, step %d: element %d differs", limit, k, i)
			}
		}
	}
}

// TestCellRowsVectorMatchesGo checks the AVX2 rows of an LSTM step,
// forward and backward, against the Go rows, with and without a previous
// state, including gates far in the tails of σ and tanh.
func TestCellRowsVectorMatchesGo(t *testing.T) {
	if !vectorMath {
		t.Skip("no AVX2 on this machine: the Go rows are the only ones")
	}
	const u = 24
	rng := rand.New(rand.NewPCG(11, 12))
	vec := func(n int, scale float32) []float32 {
		v := make([]float32, n)
		for i := range v {
			v[i] = (rng.Float32()*2 - 1) * scale
		}
		return v
	}
	for _, withPrev := range []bool{false, true} {
		for _, scale := range []float32{1, 12} {
			gates := vec(4*u, scale)
			var cp []float32
			if withPrev {
				cp = vec(u, 2)
			}
			bias := vec(4*u, 1)
			goActs := append([]float32(nil), gates...)
			goC, goH, goT := make([]float32, u), make([]float32, u), make([]float32, u)
			lstmCellRow(goActs, bias, cp, goC, goH, goT, u, 1)
			c, h, tc := make([]float32, u), make([]float32, u), make([]float32, u)
			lstmCell8AVX2(&gates[0], &bias[0], firstOrNil(cp), &c[0], &h[0], &tc[0], u, 1)
			for name, pair := range map[string][2][]float32{"acts": {gates, goActs}, "c": {c, goC}, "h": {h, goH}, "tanh(c)": {tc, goT}} {
				for i := range pair[0] {
					if pair[0][i] != pair[1][i] {
						t.Fatalf("prev=%v scale=%g: %s[%d] = %v in AVX2, %v in Go", withPrev, scale, name, i, pair[0][i], pair[1][i])
					}
				}
			}
			dC, dH, dcN, dhN := vec(u, 1), vec(u, 1), vec(u, 1), vec(u, 1)
			goDcN := append([]float32(nil), dcN...)
			goDg, dg := make([]float32, 4*u), make([]float32, 4*u)
			lstmCellGradRow(goActs, goT, cp, dC, dH, goDcN, dhN, goDg, u)
			lstmCellGrad8AVX2(&gates[0], &tc[0], firstOrNil(cp), &dC[0], &dH[0], &dcN[0], &dhN[0], &dg[0], u)
			for name, pair := range map[string][2][]float32{"dgates": {dg, goDg}, "dc": {dcN, goDcN}} {
				for i := range pair[0] {
					if pair[0][i] != pair[1][i] {
						t.Fatalf("prev=%v scale=%g: %s[%d] = %v in AVX2, %v in Go", withPrev, scale, name, i, pair[0][i], pair[1][i])
					}
				}
			}
		}
	}
}
