package rnn

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// cellsReference is testdata/cells.json, written by gen_reference.py with
// PyTorch in float64: TensorFlow's GRUCell, sequence lengths and
// bidirectional runs, each with a weighted sum of its outputs and final
// states as a cost, and that cost's gradients.
type cellsReference struct {
	Batch, Steps, Inputs, Units int
	Cases                       map[string]cellsCase
}

type cellsCase struct {
	Lengths         []float32
	Params, Inputs  map[string]refTensor
	X               refTensor
	Outputs, States [][]float64
	ROutputs        []refTensor `json:"r_outputs"`
	RStates         []refTensor `json:"r_states"`
	Cost            float64
	Grads           map[string][]float64
}

// TestCellsMatchPyTorch builds each case of cells.json with gornn's cells
// and runs, sets the same weights and compares outputs, final states, the
// cost and its gradients.
func TestCellsMatchPyTorch(t *testing.T) {
	raw, err := os.ReadFile("testdata/cells.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref cellsReference
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatalf("testdata/cells.json: %v", err)
	}
	// Each case: how to build it, and the variable each parameter is.
	type built struct {
		outputs []*Node
		states  []*Node
	}
	lstmNodes := func(s State) []*Node { st := s.(LSTMState); return []*Node{st.C, st.H} }
	cases := []struct {
		name  string
		build func(g *Graph, xs []*Node, c cellsCase, in map[string]*Node) built
		vars  map[string]string
	}{
		{"gru_lengths", func(g *Graph, xs []*Node, c cellsCase, in map[string]*Node) built {
			out, st := StaticRNN(GRUCell(ref.Units), xs, SequenceLength(g.Const(TensorFrom(c.Lengths, len(c.Lengths)))),
				InitialState(in["h0"]))
			return built{out, []*Node{st.(*Node)}}
		}, map[string]string{
			"gates_kernel": "gru_cell/gates/kernel", "gates_bias": "gru_cell/gates/bias",
			"candidate_kernel": "gru_cell/candidate/kernel", "candidate_bias": "gru_cell/candidate/bias",
		}},
		{"gru", func(g *Graph, xs []*Node, c cellsCase, in map[string]*Node) built {
			out, st := StaticRNN(GRUCell(ref.Units), xs)
			return built{out, []*Node{st.(*Node)}}
		}, map[string]string{
			"gates_kernel": "gru_cell/gates/kernel", "gates_bias": "gru_cell/gates/bias",
			"candidate_kernel": "gru_cell/candidate/kernel", "candidate_bias": "gru_cell/candidate/bias",
		}},
		{"lstm_lengths", func(g *Graph, xs []*Node, c cellsCase, in map[string]*Node) built {
			out, st := StaticRNN(BasicLSTMCell(ref.Units, 1), xs, SequenceLength(g.Const(TensorFrom(c.Lengths, len(c.Lengths)))))
			return built{out, lstmNodes(st)}
		}, map[string]string{"kernel": "basic_lstm_cell/kernel", "bias": "basic_lstm_cell/bias"}},
		{"bidirectional_lstm_lengths", func(g *Graph, xs []*Node, c cellsCase, in map[string]*Node) built {
			out, fw, bw := StaticBidirectionalRNN(BasicLSTMCell(ref.Units, 1), BasicLSTMCell(ref.Units, 1), xs,
				SequenceLength(g.Const(TensorFrom(c.Lengths, len(c.Lengths)))))
			return built{out, append(lstmNodes(fw), lstmNodes(bw)...)}
		}, map[string]string{
			"fw_kernel": "bidirectional_rnn/fw/basic_lstm_cell/kernel", "fw_bias": "bidirectional_rnn/fw/basic_lstm_cell/bias",
			"bw_kernel": "bidirectional_rnn/bw/basic_lstm_cell/kernel", "bw_bias": "bidirectional_rnn/bw/basic_lstm_cell/bias",
		}},
		{"bidirectional_lstm_gru", func(g *Graph, xs []*Node, c cellsCase, in map[string]*Node) built {
			out, fw, bw := StaticBidirectionalRNN(BasicLSTMCell(ref.Units, 1), GRUCell(ref.Units), xs)
			return built{out, append(lstmNodes(fw), bw.(*Node))}
		}, map[string]string{
			"fw_kernel": "bidirectional_rnn/fw/basic_lstm_cell/kernel", "fw_bias": "bidirectional_rnn/fw/basic_lstm_cell/bias",
			"bw_gates_kernel": "bidirectional_rnn/bw/gru_cell/gates/kernel", "bw_gates_bias": "bidirectional_rnn/bw/gru_cell/gates/bias",
			"bw_candidate_kernel": "bidirectional_rnn/bw/gru_cell/candidate/kernel",
			"bw_candidate_bias":   "bidirectional_rnn/bw/gru_cell/candidate/bias",
		}},
	}
	// The steps come as the parts of one Split (the fused LSTM path) or as
	// an unstack of a time-major tensor.
	for _, tc := range cases {
		for _, how := range []string{"split", "unstack"} {
			t.Run(fmt.Sprintf("%s/%s", tc.name, how), func(t *testing.T) {
				c, ok := ref.Cases[tc.name]
				if !ok {
					t.Fatalf("no case %s in cells.json", tc.name)
				}
				g := NewGraph()
				feeds := Feeds{}
				var x *Node
				var xs []*Node
				xt := c.X.tensor()
				if how == "split" {
					x = g.Placeholder(Float32, None, ref.Inputs)
					feeds[x] = xt.Reshape(ref.Steps*ref.Batch, ref.Inputs)
					xs = Split(x, ref.Steps, 0)
				} else {
					x = g.Placeholder(Float32, ref.Steps, None, ref.Inputs)
					feeds[x] = xt
					xs = Unstack(x, ref.Steps, 0)
				}
				in := map[string]*Node{}
				for name, v := range c.Inputs {
					p := g.Placeholder(Float32, v.Shape...)
					in[name] = p
					feeds[p] = v.tensor()
				}
				var b built
				g.VariableScope("ref", func() { b = tc.build(g, xs, c, in) })
				if len(b.outputs) != len(c.Outputs) || len(b.states) != len(c.States) {
					t.Fatalf("%d outputs and %d states, reference %d and %d", len(b.outputs), len(b.states), len(c.Outputs), len(c.States))
				}
				cost := g.Const(Scalar(0))
				for i, o := range b.outputs {
					cost = Add(cost, ReduceSum(Mul(o, g.Const(c.ROutputs[i].tensor()))))
				}
				for i, s := range b.states {
					cost = Add(cost, ReduceSum(Mul(s, g.Const(c.RStates[i].tensor()))))
				}
				names := []string{"x"}
				wrt := []*Node{x}
				for name, suffix := range tc.vars {
					v := g.VariableByName("ref/" + suffix)
					if v == nil {
						t.Fatalf("no variable ref/%s", suffix)
					}
					names = append(names, name)
					wrt = append(wrt, v)
				}
				for name, p := range in {
					names = append(names, name)
					wrt = append(wrt, p)
				}
				fetches := append(append(append([]*Node{cost}, b.outputs...), b.states...), Gradients(cost, wrt)...)
				if err := g.Err(); err != nil {
					t.Fatal(err)
				}
				s := g.NewSession()
				s.MustRun(g.GlobalVariablesInitializer(), nil)
				for name, suffix := range tc.vars {
					if err := s.Assign(g.VariableByName("ref/"+suffix), c.Params[name].tensor()); err != nil {
						t.Fatalf("%s: %v", name, err)
					}
				}
				vals, err := s.RunList(fetches, feeds)
				if err != nil {
					t.Fatal(err)
				}
				closeToReference(t, "cost", vals[0].data, []float64{c.Cost})
				for i := range b.outputs {
					closeToReference(t, fmt.Sprintf("output %d", i), vals[1+i].data, c.Outputs[i])
				}
				for i := range b.states {
					closeToReference(t, fmt.Sprintf("state %d", i), vals[1+len(b.outputs)+i].data, c.States[i])
				}
				base := 1 + len(b.outputs) + len(b.states)
				for i, name := range names {
					closeToReference(t, "d cost/d "+name, vals[base+i].data, c.Grads[name])
				}
			})
		}
	}
}
