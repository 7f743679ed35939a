package rnn

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestGRUSequenceMatchesSteps compares the GRU sequence op with the cell
// called step by step, values and gradients, at widths that run the
// vector element-wise paths (multiples of 16 and of 8 only) and batches
// that the op cuts into pieces for both cores, from a given state and
// from the zero state.
func TestGRUSequenceMatchesSteps(t *testing.T) {
	tests := []struct {
		units, batch, steps, nIn int
		withState                bool
	}{
		{units: 32, batch: 16, steps: 4, nIn: 6, withState: true},
		{units: 32, batch: 16, steps: 4, nIn: 6, withState: false},
		{units: 24, batch: 5, steps: 3, nIn: 7, withState: true},
		{units: 128, batch: 16, steps: 5, nIn: 28, withState: true},
		{units: 16, batch: 9, steps: 1, nIn: 3, withState: false},
		// One row in all: the second half of the steps is empty.
		{units: 16, batch: 1, steps: 1, nIn: 3, withState: true},
	}
	for _, tc := range tests {
		name := fmt.Sprintf("units=%d/batch=%d/steps=%d/state=%v", tc.units, tc.batch, tc.steps, tc.withState)
		t.Run(name, func(t *testing.T) {
			g := NewGraph()
			g.SetRandomSeed(5)
			rng := rand.New(rand.NewPCG(uint64(tc.units), uint64(tc.batch)))
			src := g.Placeholder(Float32, None, tc.nIn)
			feeds := Feeds{src: randomTensor(rng, tc.steps*tc.batch, tc.nIn)}
			xs := Split(src, tc.steps, 0)
			wrt := []*Node{src}
			var opts []RNNOption
			var h0 *Node
			if tc.withState {
				h0 = g.Placeholder(Float32, None, tc.units)
				feeds[h0] = randomTensor(rng, tc.batch, tc.units)
				opts = append(opts, InitialState(h0))
				wrt = append(wrt, h0)
			}
			cell := GRUCell(tc.units)
			var seqOut, stepOut []*Node
			g.VariableScope("rnn", func() {
				seqOut, _ = StaticRNN(cell, xs, opts...)
				var initial State
				if h0 != nil {
					initial = h0
				}
				stepOut, _ = stepwise(cell, xs, nil, initial)
			})
			if err := g.Err(); err != nil {
				t.Fatal(err)
			}
			if seqOut[0].opType != "Split" || seqOut[0].inputs[0].opType != "GRUSequence" {
				t.Fatalf("StaticRNN did not build a sequence op (output op %s)", seqOut[0].opType)
			}
			cost := func(outs []*Node) *Node {
				sum := g.Const(Scalar(0))
				for i, o := range outs {
					sum = Add(sum, ReduceSum(Mul(Tanh(o), g.Const(Scalar(float32(i%5+1))))))
				}
				return sum
			}
			cSeq, cStep := cost(seqOut), cost(stepOut)
			vars := g.Variables()
			all := append(append([]*Node(nil), wrt...), vars...)
			fetch := append([]*Node{cSeq}, seqOut...)
			fetch = append(fetch, Gradients(cSeq, all)...)
			ref := append([]*Node{cStep}, stepOut...)
			ref = append(ref, Gradients(cStep, all)...)
			s := g.NewSession()
			s.MustRun(g.GlobalVariablesInitializer(), nil)
			for _, v := range vars {
				scaled := randomTensor(rng, v.Shape()...)
				for i := range scaled.data {
					scaled.data[i] *= 0.5
				}
				if err := s.Assign(v, scaled); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.RunList(fetch, feeds)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.RunList(ref, feeds)
			if err != nil {
				t.Fatal(err)
			}
			for i := range fetch {
				if j, ok := closeEnough(got[i].data, want[i].data, 1e-5); !ok || !sameShape(got[i].shape, want[i].shape) {
					t.Errorf("fetch %d (%s): sequence op %v, step by step %v, first difference at %d: %g vs %g",
						i, ref[i].Name(), got[i].shape, want[i].shape, j, got[i].data[j], want[i].data[j])
				}
			}
		})
	}
}
