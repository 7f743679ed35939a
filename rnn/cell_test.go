package rnn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// cellGradCases are the gradient checks of the recurrent cells and runs
// beyond the LSTM: every case builds its cells in its own scope, and the
// gradient check covers the inputs and every variable the cells made.
func cellGradCases() []gradCase {
	scoped := func(in []*Node, build func() *Node) *Node {
		var out *Node
		in[0].g.VariableScope("gradcheck", func() { out = build() })
		return out
	}
	lengths := func(in []*Node, l ...float32) *Node {
		return in[0].g.Const(TensorFrom(l, len(l)))
	}
	lstmState := func(s State) []*Node { st := s.(LSTMState); return []*Node{st.C, st.H} }
	return []gradCase{
		{name: "GRU steps", shapes: [][]int{{2, 3}, {2, 3}, {2, 3}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				out, st := StaticRNN(GRUCell(4), in)
				return Concat([]*Node{out[0], out[1], st.(*Node)}, 1)
			})
		}},
		{name: "GRU from a given state", shapes: [][]int{{2, 3}, {2, 4}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				out, _ := StaticRNN(GRUCell(4), in[:1], InitialState(in[1]))
				return out[0]
			})
		}},
		{name: "MultiRNNCell LSTM over GRU", shapes: [][]int{{2, 3}, {2, 3}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				cell := MultiRNNCell([]RNNCell{GRUCell(3), BasicLSTMCell(2, 1)})
				out, st := StaticRNN(cell, in)
				ms := st.(MultiState)
				return Concat(append([]*Node{out[0], out[1], ms[0].(*Node)}, lstmState(ms[1])...), 1)
			})
		}},
		{name: "MultiRNNCell of LSTMs over split inputs", shapes: [][]int{{6, 3}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				cell := MultiRNNCell([]RNNCell{BasicLSTMCell(4, 1), BasicLSTMCell(3, 1)})
				out, st := StaticRNN(cell, Split(in[0], 3, 0))
				return Concat(append([]*Node{out[0], out[2]}, lstmState(st.(MultiState)[0])...), 1)
			})
		}},
		{name: "LSTM with sequence lengths", shapes: [][]int{{9, 3}, {3, 4}, {3, 4}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				out, st := StaticRNN(BasicLSTMCell(4, 1), Split(in[0], 3, 0),
					SequenceLength(lengths(in, 2, 0, 3)), InitialState(LSTMState{C: in[1], H: in[2]}))
				return Concat(append([]*Node{out[0], out[1], out[2]}, lstmState(st)...), 1)
			})
		}},
		{name: "GRU over split inputs from a given state", shapes: [][]int{{6, 3}, {2, 4}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				out, st := StaticRNN(GRUCell(4), Split(in[0], 3, 0), InitialState(in[1]))
				return Concat([]*Node{out[0], out[1], st.(*Node)}, 1)
			})
		}},
		{name: "GRU over split inputs with sequence lengths", shapes: [][]int{{9, 2}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				out, st := StaticRNN(GRUCell(3), Split(in[0], 3, 0), SequenceLength(lengths(in, 3, 0, 2)))
				return Concat([]*Node{out[0], out[1], out[2], st.(*Node)}, 1)
			})
		}},
		{name: "GRU with sequence lengths", shapes: [][]int{{3, 3}, {3, 3}, {3, 3}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				out, st := StaticRNN(GRUCell(4), in, SequenceLength(lengths(in, 1, 3, 2)))
				return Concat([]*Node{out[1], out[2], st.(*Node)}, 1)
			})
		}},
		{name: "bidirectional LSTM and GRU", shapes: [][]int{{2, 3}, {2, 3}, {2, 3}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				out, fw, bw := StaticBidirectionalRNN(BasicLSTMCell(3, 1), GRUCell(2), in)
				return Concat(append([]*Node{out[0], out[2], bw.(*Node)}, lstmState(fw)...), 1)
			})
		}},
		{name: "bidirectional with sequence lengths", shapes: [][]int{{3, 2}, {3, 2}, {3, 2}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				out, fw, bw := StaticBidirectionalRNN(GRUCell(3), GRUCell(2), in, SequenceLength(lengths(in, 3, 1, 2)))
				return Concat([]*Node{out[0], out[1], out[2], fw.(*Node), bw.(*Node)}, 1)
			})
		}},
		{name: "bidirectional LSTM over split inputs with sequence lengths", shapes: [][]int{{9, 2}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				out, fw, bw := StaticBidirectionalRNN(BasicLSTMCell(3, 1), BasicLSTMCell(2, 1), Split(in[0], 3, 0),
					SequenceLength(lengths(in, 3, 1, 2)))
				return Concat(append(append([]*Node{out[0], out[1], out[2]}, lstmState(fw)...), lstmState(bw)...), 1)
			})
		}},
		{name: "DynamicRNN LSTM with sequence lengths", shapes: [][]int{{2, 3, 2}}, build: func(in []*Node) *Node {
			return scoped(in, func() *Node {
				out, st := DynamicRNN(BasicLSTMCell(3, 1), in[0], SequenceLength(lengths(in, 2, 3)))
				return Concat([]*Node{Reshape(out, 2, -1), st.(LSTMState).C}, 1)
			})
		}},
	}
}

// stepwise runs cell over xs one Call at a time, with TensorFlow's
// static_rnn semantics of sequence lengths written with basic ops: past
// an example's length the state is copied through and the output is
// zero. It is the reference for StaticRNN's options.
func stepwise(cell RNNCell, xs []*Node, lengths []float32, initial State) ([]*Node, State) {
	g := xs[0].g
	state := initial
	var outputs []*Node
	for t, x := range xs {
		out, next := cell.Call(x, state)
		if lengths != nil {
			m := make([]float32, len(lengths))
			for b, l := range lengths {
				if float32(t) < l {
					m[b] = 1
				}
			}
			// Binary ops broadcast trailing axes: mask rows through
			// transposes.
			keep := g.Const(TensorFrom(m, len(m)))
			drop := g.Const(TensorFrom(func() []float32 {
				d := make([]float32, len(m))
				for i := range m {
					d[i] = 1 - m[i]
				}
				return d
			}(), len(m)))
			rows := func(a, mask *Node) *Node { return Transpose(Mul(Transpose(a), mask)) }
			out = rows(out, keep)
			blend := func(a, b *Node) *Node {
				if b == nil {
					return rows(a, keep)
				}
				return Add(rows(a, keep), rows(b, drop))
			}
			next, _ = mapStates(next, state, func(a, b *Node) (*Node, error) { return blend(a, b), nil })
		}
		outputs = append(outputs, out)
		state = next
	}
	return outputs, state
}

// flatState lists a state's nodes.
func flatState(s State) []*Node {
	var out []*Node
	mapStates(s, nil, func(a, _ *Node) (*Node, error) { out = append(out, a); return a, nil })
	return out
}

// TestStaticRNNMatchesStepwise compares StaticRNN, with and without
// sequence lengths and on every input path (separate placeholders, a
// Split, an unstack of a batch-major tensor), with the cell called step
// by step, values and gradients.
func TestStaticRNNMatchesStepwise(t *testing.T) {
	const batch, steps, nIn = 4, 5, 3
	cells := map[string]func() RNNCell{
		"LSTM":       func() RNNCell { return BasicLSTMCell(6, 1) },
		"GRU":        func() RNNCell { return GRUCell(5) },
		"multi LSTM": func() RNNCell { return MultiRNNCell([]RNNCell{BasicLSTMCell(4, 1), BasicLSTMCell(8, 0.5)}) },
		"multi mixed": func() RNNCell {
			return MultiRNNCell([]RNNCell{GRUCell(4), BasicLSTMCell(3, 1)})
		},
	}
	inputs := []string{"placeholders", "split", "unstack"}
	for _, cellName := range []string{"LSTM", "GRU", "multi LSTM", "multi mixed"} {
		for _, how := range inputs {
			for _, withLengths := range []bool{false, true} {
				name := fmt.Sprintf("%s/%s/lengths=%v", cellName, how, withLengths)
				t.Run(name, func(t *testing.T) {
					g := NewGraph()
					g.SetRandomSeed(11)
					rng := rand.New(rand.NewPCG(11, 1))
					feeds := Feeds{}
					var xs, wrt []*Node
					switch how {
					case "placeholders":
						for range steps {
							p := g.Placeholder(Float32, None, nIn)
							feeds[p] = randomTensor(rng, batch, nIn)
							xs = append(xs, p)
						}
						wrt = xs
					case "split":
						p := g.Placeholder(Float32, None, nIn)
						feeds[p] = randomTensor(rng, steps*batch, nIn)
						xs = Split(p, steps, 0)
						wrt = []*Node{p}
					case "unstack":
						p := g.Placeholder(Float32, None, steps, nIn)
						feeds[p] = randomTensor(rng, batch, steps, nIn)
						xs = Unstack(p, steps, 1)
						wrt = []*Node{p}
					}
					var lengths []float32
					var opts []RNNOption
					if withLengths {
						lengths = []float32{5, 0, 2, 3}
						opts = append(opts, SequenceLength(g.Const(TensorFrom(lengths, batch))))
					}
					cell := cells[cellName]()
					var outA, outB []*Node
					var stA, stB State
					g.VariableScope("rnn", func() {
						outA, stA = StaticRNN(cell, xs, opts...)
						// The same cell: the same variables.
						if m, ok := cell.(*MultiCell); ok {
							// Stepwise calls go through MultiCell.Call, which
							// scopes each layer as layerwise does.
							outB, stB = stepwise(m, xs, lengths, nil)
						} else {
							outB, stB = stepwise(cell, xs, lengths, nil)
						}
					})
					if err := g.Err(); err != nil {
						t.Fatal(err)
					}
					if how != "placeholders" && !withLengths && (cellName == "LSTM" || cellName == "GRU") {
						_, lstm := outA[0].op.(lstmSeqPartOp)
						gru := outA[0].opType == "Split" && outA[0].inputs[0].opType == "GRUSequence"
						if !lstm && !gru {
							t.Errorf("the %s over %s inputs did not run as one sequence op (output op %s)", cellName, how, outA[0].opType)
						}
					}
					cost := func(outs []*Node, st State) *Node {
						sum := g.Const(Scalar(0))
						for i, o := range append(outs, flatState(st)...) {
							w := g.Const(Scalar(float32(i%7 + 1)))
							sum = Add(sum, ReduceSum(Mul(Tanh(o), w)))
						}
						return sum
					}
					cA, cB := cost(outA, stA), cost(outB, stB)
					vars := g.Variables()
					all := append(append([]*Node(nil), wrt...), vars...)
					fetch := append([]*Node{cA, cB}, outA...)
					fetch = append(fetch, outB...)
					fetch = append(fetch, flatState(stA)...)
					fetch = append(fetch, flatState(stB)...)
					fetch = append(fetch, Gradients(cA, all)...)
					fetch = append(fetch, Gradients(cB, all)...)
					s := g.NewSession()
					s.MustRun(g.GlobalVariablesInitializer(), nil)
					for _, v := range vars {
						if err := s.Assign(v, randomTensor(rng, v.Shape()...)); err != nil {
							t.Fatal(err)
						}
					}
					vals, err := s.RunList(fetch, feeds)
					if err != nil {
						t.Fatal(err)
					}
					nst := len(flatState(stA))
					pairs := [][2]int{{0, 1}}
					for i := range steps {
						pairs = append(pairs, [2]int{2 + i, 2 + steps + i})
					}
					base := 2 + 2*steps
					for i := range nst {
						pairs = append(pairs, [2]int{base + i, base + nst + i})
					}
					base += 2 * nst
					for i := range all {
						pairs = append(pairs, [2]int{base + i, base + len(all) + i})
					}
					for _, p := range pairs {
						a, b := vals[p[0]], vals[p[1]]
						if i, ok := closeEnough(a.data, b.data, 1e-5); !ok || !sameShape(a.shape, b.shape) {
							t.Errorf("fetch %d (%s): StaticRNN %v, step by step %v (element %d)", p[0], fetch[p[0]].Name(), a.shape, b.shape, i)
						}
					}
					if withLengths {
						// Outputs past each length are zero.
						for step := range steps {
							out := vals[2+step]
							for b, l := range lengths {
								if float32(step) >= l {
									for _, v := range out.data[b*out.shape[1] : (b+1)*out.shape[1]] {
										if v != 0 {
											t.Fatalf("step %d of example %d (length %g) has output %g, want 0", step, b, l, v)
										}
									}
								}
							}
						}
					}
				})
			}
		}
	}
}

// TestSequenceLengthErrors checks that bad lengths fail at Run with a
// message naming the problem, and bad states at graph construction.
func TestSequenceLengthErrors(t *testing.T) {
	tests := []struct {
		name    string
		lengths *Tensor
		want    string
	}{
		{"negative", TensorFrom([]float32{1, -1}, 2), "whole number"},
		{"fractional", TensorFrom([]float32{1, 1.5}, 2), "whole number"},
		{"wrong batch", TensorFrom([]float32{1, 1, 1}, 3), "want [2]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGraph()
			x := g.Placeholder(Float32, None, 3)
			l := g.Placeholder(Float32, None)
			out, _ := StaticRNN(GRUCell(2), []*Node{x, x}, SequenceLength(l))
			if err := g.Err(); err != nil {
				t.Fatal(err)
			}
			s := g.NewSession()
			s.MustRun(g.GlobalVariablesInitializer(), nil)
			_, err := s.Run(out[1], Feeds{x: NewTensor(2, 3), l: tc.lengths})
			if err == nil || !contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	t.Run("state of an unknown type", func(t *testing.T) {
		g := NewGraph()
		x := g.Placeholder(Float32, None, 3)
		out, _ := StaticRNN(opaqueStateCell{}, []*Node{x}, SequenceLength(g.Placeholder(Float32, None)))
		if err := out[0].Err(); err == nil || !contains(err.Error(), "cannot be masked") {
			t.Fatalf("error %v, want one about masking the state", err)
		}
	})
}

// opaqueStateCell has a state of its own type.
type opaqueStateCell struct{}

func (opaqueStateCell) Call(x *Node, _ State) (*Node, State) { return x, struct{ n int }{1} }

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// TestReverseSteps checks the reversal within lengths against
// tf.reverse_sequence's definition.
func TestReverseSteps(t *testing.T) {
	g := NewGraph()
	var xs []*Node
	for step := range 4 {
		xs = append(xs, g.Const(TensorFrom([]float32{float32(step), float32(10 + step), float32(20 + step)}, 3, 1)))
	}
	rev, err := reverseSteps(xs, g.Const(TensorFrom([]float32{4, 2, 0}, 3)))
	if err != nil {
		t.Fatal(err)
	}
	vals, err := g.NewSession().RunList(rev, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	for _, v := range vals {
		got += fmt.Sprint(v.Data())
	}
	// Example 0 reversed whole, example 1 its first two steps, example 2
	// untouched.
	if want := "[3 11 20][2 10 21][1 12 22][0 13 23]"; got != want {
		t.Errorf("reversed steps %s, want %s", got, want)
	}
}

// TestGRUCellVariables checks the names, shapes and initial values of
// the GRU's variables, TensorFlow's.
func TestGRUCellVariables(t *testing.T) {
	g := NewGraph()
	x := g.Placeholder(Float32, None, 3)
	g.VariableScope("enc", func() { StaticRNN(GRUCell(4), []*Node{x}) })
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	want := map[string]string{
		"enc/gru_cell/gates/kernel":     "[7 8]",
		"enc/gru_cell/gates/bias":       "[8]",
		"enc/gru_cell/candidate/kernel": "[7 4]",
		"enc/gru_cell/candidate/bias":   "[4]",
	}
	for name, shape := range want {
		v := g.VariableByName(name)
		if v == nil {
			t.Fatalf("no variable %s", name)
		}
		if got := fmt.Sprint(v.Shape()); got != shape {
			t.Errorf("%s has shape %s, want %s", name, got, shape)
		}
	}
	bias := s.MustRun(g.VariableByName("enc/gru_cell/gates/bias"), nil)
	for _, v := range bias.Data() {
		if v != 1 {
			t.Fatalf("gate bias starts at %v, want ones", bias.Data())
		}
	}
}

// TestBidirectionalConcatenates checks the output layout of a
// bidirectional run: forward units first, then backward.
func TestBidirectionalConcatenates(t *testing.T) {
	g := NewGraph()
	var xs []*Node
	for range 3 {
		xs = append(xs, g.Placeholder(Float32, None, 2))
	}
	out, fw, bw := StaticBidirectionalRNN(BasicLSTMCell(3, 1), GRUCell(5), xs)
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 || fmt.Sprint(out[0].Shape()) != "[-1 8]" {
		t.Fatalf("%d outputs of shape %v, want 3 of [-1 8]", len(out), out[0].Shape())
	}
	if _, ok := fw.(LSTMState); !ok {
		t.Errorf("forward state is %T, want LSTMState", fw)
	}
	if _, ok := bw.(*Node); !ok {
		t.Errorf("backward state is %T, want *Node", bw)
	}
	for _, name := range []string{"bidirectional_rnn/fw/basic_lstm_cell/kernel", "bidirectional_rnn/bw/gru_cell/gates/kernel"} {
		if g.VariableByName(name) == nil {
			t.Errorf("no variable %s", name)
		}
	}
}

// TestDynamicRNNShapes checks DynamicRNN's batch-major output against
// StaticRNN's steps.
func TestDynamicRNNShapes(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(2)
	x := g.Placeholder(Float32, None, 4, 3)
	var out *Node
	var steps []*Node
	g.VariableScope("d", func() {
		out, _ = DynamicRNN(BasicLSTMCell(5, 1), x)
		steps, _ = StaticRNN(BasicLSTMCell(5, 1), Unstack(x, 4, 1))
	})
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(out.Shape()); got != "[-1 4 5]" {
		t.Fatalf("output shape %s, want [-1 4 5]", got)
	}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	rng := rand.New(rand.NewPCG(2, 2))
	feeds := Feeds{x: randomTensor(rng, 2, 4, 3)}
	vals, err := s.RunList(append([]*Node{out}, steps...), feeds)
	if err != nil {
		t.Fatal(err)
	}
	for b := range 2 {
		for step := range 4 {
			for u := range 5 {
				got, want := vals[0].At(b, step, u), vals[1+step].At(b, u)
				if math.Abs(float64(got-want)) > 1e-6 {
					t.Fatalf("output [%d,%d,%d] = %g, step %d gives %g", b, step, u, got, step, want)
				}
			}
		}
	}
}

// TestDropoutWrapper checks the wrapper's dropout: with keep 1 the
// wrapped cell's values, with keep 0.5 each output element either zero
// or twice the unwrapped one, about half of each, and gradients that go
// through the same mask as the values.
func TestDropoutWrapper(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(4)
	const batch, steps, nIn, units = 64, 3, 5, 8
	x := g.Placeholder(Float32, None, nIn)
	keep := g.Placeholder(Float32)
	xs := Split(x, steps, 0)
	var plain, wrapped []*Node
	g.VariableScope("s", func() {
		cell := BasicLSTMCell(units, 1)
		plain, _ = StaticRNN(cell, xs)
		wrapped, _ = StaticRNN(DropoutWrapper(cell, nil, keep), xs)
	})
	dx := Gradients(ReduceSum(wrapped[steps-1]), []*Node{x})[0]
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	rng := rand.New(rand.NewPCG(4, 4))
	in := randomTensor(rng, steps*batch, nIn)
	for _, k := range []float32{1, 0.5} {
		vals, err := s.RunList([]*Node{plain[steps-1], wrapped[steps-1], dx}, Feeds{x: in, keep: Scalar(k)})
		if err != nil {
			t.Fatal(err)
		}
		zeros := 0
		for i, w := range vals[1].data {
			p := vals[0].data[i]
			switch {
			case w == 0 && k < 1:
				zeros++
			case math.Abs(float64(w-p/k)) > 1e-6:
				t.Fatalf("keep %g: element %d is %g, unwrapped %g", k, i, w, p)
			}
		}
		if frac := float64(zeros) / float64(len(vals[1].data)); k < 1 && (frac < 0.4 || frac > 0.6) {
			t.Errorf("keep %g: %.2f of the outputs dropped", k, frac)
		}
	}
	// A unit dropped from the output has no gradient through it.
	y := Dropout(x, keep)
	dy := Gradients(ReduceSum(Mul(y, y)), []*Node{x})[0]
	vals, err := s.RunList([]*Node{y, dy}, Feeds{x: in, keep: Scalar(0.5)})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vals[0].data {
		// d(y²)/dx = 2·y·mask, mask = y/x.
		want := 2 * v * v / in.data[i]
		if math.Abs(float64(vals[1].data[i]-want)) > 1e-4*(1+math.Abs(float64(want))) {
			t.Fatalf("gradient %d is %g, want %g", i, vals[1].data[i], want)
		}
	}
	if _, err := s.Run(y, Feeds{x: in, keep: Scalar(0)}); err == nil || !contains(err.Error(), "(0, 1]") {
		t.Errorf("keep 0: error %v, want one about its range", err)
	}
}

// TestLayersRunAsSequences checks that StaticRNN runs every LSTM layer
// of a MultiRNNCell as one sequence op, dropout wrappers included, over
// split and over unstacked inputs.
func TestLayersRunAsSequences(t *testing.T) {
	for _, how := range []string{"split", "unstack", "dynamic", "bidirectional"} {
		t.Run(how, func(t *testing.T) {
			g := NewGraph()
			keep := g.Placeholder(Float32)
			cell := MultiRNNCell([]RNNCell{
				DropoutWrapper(BasicLSTMCell(8, 1), keep, keep),
				BasicLSTMCell(8, 1),
				DropoutWrapper(BasicLSTMCell(4, 1), nil, keep),
			})
			switch how {
			case "split":
				StaticRNN(cell, Split(g.Placeholder(Float32, None, 3), 5, 0))
			case "unstack":
				StaticRNN(cell, Unstack(g.Placeholder(Float32, None, 5, 3), 5, 1))
			case "dynamic":
				DynamicRNN(cell, g.Placeholder(Float32, None, 5, 3))
			case "bidirectional":
				// Three layers forward, one backward.
				StaticBidirectionalRNN(cell, BasicLSTMCell(3, 1), Split(g.Placeholder(Float32, None, 3), 5, 0),
					SequenceLength(g.Placeholder(Float32, None)))
			}
			if err := g.Err(); err != nil {
				t.Fatal(err)
			}
			seqs, steps, concats := 0, 0, 0
			for _, n := range g.Nodes() {
				switch n.op.(type) {
				case lstmSeqOp:
					seqs++
				case lstmStepOp:
					steps++
				case concatOp:
					concats++
				}
			}
			if how == "dynamic" && concats != 0 {
				t.Errorf("DynamicRNN copies its outputs with %d Concat ops", concats)
			}
			want := 3
			if how == "bidirectional" {
				want = 4
			}
			if seqs != want || steps != 0 {
				t.Errorf("%d sequence ops and %d step ops, want %d and 0", seqs, steps, want)
			}
		})
	}
}

// TestCellBuildErrors checks that mistakes in building recurrent runs are
// errors of the node built, naming the op and the shapes or types, and
// errors of Run too.
func TestCellBuildErrors(t *testing.T) {
	cases := []struct {
		name  string
		build func(g *Graph) *Node
		want  []string
	}{
		{"GRU state width", func(g *Graph) *Node {
			out, _ := StaticRNN(GRUCell(4), []*Node{g.Placeholder(Float32, None, 3)}, InitialState(g.Variable(Zeros(2, 5))))
			return out[0]
		}, []string{"GRUCell", "[2,5]", "4"}},
		{"GRU state type", func(g *Graph) *Node {
			out, _ := StaticRNN(GRUCell(4), []*Node{g.Placeholder(Float32, None, 3)}, InitialState(LSTMState{}))
			return out[0]
		}, []string{"GRUCell", "LSTMState", "*Node"}},
		{"LSTM state type", func(g *Graph) *Node {
			out, _ := StaticRNN(BasicLSTMCell(4, 1), []*Node{g.Placeholder(Float32, None, 3)}, InitialState(g.Variable(Zeros(2, 4))))
			return out[0]
		}, []string{"BasicLSTMCell", "*rnn.Node", "LSTMState"}},
		{"inputs of another width than the cell's kernel", func(g *Graph) *Node {
			cell := GRUCell(4)
			StaticRNN(cell, []*Node{g.Placeholder(Float32, None, 3)})
			out, _ := StaticRNN(cell, []*Node{g.Placeholder(Float32, None, 5)})
			return out[0]
		}, []string{"GRUCell", "5 features", "3"}},
		{"one cell in two layers", func(g *Graph) *Node {
			c := BasicLSTMCell(4, 1)
			out, _ := StaticRNN(MultiRNNCell([]RNNCell{c, c}), []*Node{g.Placeholder(Float32, None, 3)})
			return out[0]
		}, []string{"MultiRNNCell", "cell 1 is cell 0"}},
		{"no cells", func(g *Graph) *Node {
			out, _ := StaticRNN(MultiRNNCell(nil), []*Node{g.Placeholder(Float32, None, 3)})
			return out[0]
		}, []string{"MultiRNNCell", "no cells"}},
		{"multi state layers", func(g *Graph) *Node {
			cell := MultiRNNCell([]RNNCell{GRUCell(2), GRUCell(2)})
			out, _ := StaticRNN(cell, []*Node{g.Placeholder(Float32, None, 3)}, InitialState(MultiState{nil}))
			return out[0]
		}, []string{"MultiRNNCell", "1 layers", "2"}},
		{"nil cell", func(g *Graph) *Node {
			out, _ := StaticRNN(nil, []*Node{g.Placeholder(Float32, None, 3)})
			return out[0]
		}, []string{"StaticRNN", "nil cell"}},
		{"nil LSTM cell", func(g *Graph) *Node {
			var c *LSTMCell
			out, _ := StaticRNN(c, []*Node{g.Placeholder(Float32, None, 3)})
			return out[0]
		}, []string{"StaticRNN", "nil cell"}},
		{"no steps", func(g *Graph) *Node {
			out, _ := StaticRNN(GRUCell(2), nil)
			return out[0]
		}, []string{"StaticRNN", "no time steps"}},
		{"sequence lengths of rank 2", func(g *Graph) *Node {
			out, _ := StaticRNN(GRUCell(2), []*Node{g.Placeholder(Float32, None, 3)}, SequenceLength(g.Placeholder(Float32, None, 1)))
			return out[0]
		}, []string{"StaticRNN", "[?,1]", "[batch]"}},
		{"DynamicRNN of a matrix", func(g *Graph) *Node {
			out, _ := DynamicRNN(GRUCell(2), g.Placeholder(Float32, None, 3))
			return out
		}, []string{"DynamicRNN", "[?,3]", "[batch, steps, features]"}},
		{"bidirectional without steps", func(g *Graph) *Node {
			out, _, _ := StaticBidirectionalRNN(GRUCell(2), GRUCell(2), nil)
			return out[0]
		}, []string{"StaticBidirectionalRNN", "no time steps"}},
		{"dropout keep of a vector", func(g *Graph) *Node {
			out, _ := StaticRNN(DropoutWrapper(GRUCell(2), g.Variable(Zeros(2)), nil), []*Node{g.Placeholder(Float32, None, 3)})
			return out[0]
		}, []string{"Dropout", "[2]", "scalar"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ResetDefaultGraph()
			g := DefaultGraph()
			n := tc.build(g)
			err := n.Err()
			if err == nil {
				t.Fatalf("no error recorded on %v", n)
			}
			for _, w := range tc.want {
				if !contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if _, runErr := g.NewSession().Run(n, nil); runErr == nil {
				t.Errorf("Run of the failed node succeeded")
			}
		})
	}
}
