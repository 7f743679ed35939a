package rnn

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// DropoutCell is TensorFlow's DropoutWrapper: dropout on the inputs of the
// wrapped cell and on its outputs (not on its state), each element kept
// with its probability and scaled by its inverse, as tf.nn.dropout does.
type DropoutCell struct {
	Cell                  RNNCell
	InputKeep, OutputKeep *Node // scalar keep probabilities; nil: no dropout
}

// DropoutWrapper wraps cell with dropout on its inputs and outputs, like
// tf.contrib.rnn.DropoutWrapper(cell, input_keep_prob, output_keep_prob).
// The keep probabilities are scalar nodes, usually placeholders fed
// rnn.Scalar(0.8) in training and rnn.Scalar(1) in evaluation; nil means
// no dropout on that side. The masks are drawn anew in every run, from the
// graph's seed when it has one.
func DropoutWrapper(cell RNNCell, inputKeep, outputKeep *Node) *DropoutCell {
	return &DropoutCell{Cell: cell, InputKeep: inputKeep, OutputKeep: outputKeep}
}

// Call runs one step of the wrapped cell with dropout on x and on the
// output; the state passes through untouched.
func (d *DropoutCell) Call(x *Node, state State) (*Node, State) {
	if d == nil || isNilCell(d.Cell) {
		g, _ := operands("DropoutWrapper", x)
		n := failedf(g, "DropoutWrapper", []*Node{x}, "nil cell")
		return n, n
	}
	if d.InputKeep != nil {
		x = cellDropout(x, d.InputKeep)
	}
	out, next := d.Cell.Call(x, state)
	if d.OutputKeep != nil && out != nil {
		out = cellDropout(out, d.OutputKeep)
	}
	return out, next
}

// sequence runs the wrapped cell over a whole sequence with one dropout
// op over all the steps' inputs and one over all the outputs when they are
// views of one matrix, so that a wrapped LSTM still runs as one sequence
// op, and so does the layer above it. The masks are drawn for each element
// independently either way.
func (d *DropoutCell) sequence(xs []*Node, initial State) ([]*Node, []State, bool) {
	if isNilCell(d.Cell) {
		return nil, nil, false
	}
	if d.InputKeep != nil {
		src, ok := sequenceSource(xs)
		if !ok {
			return nil, nil, false
		}
		xs = Split(cellDropout(src, d.InputKeep), len(xs), 0)
	}
	outputs, states, err := staticSteps(d.Cell, xs, initial)
	if err != nil {
		return nil, nil, false
	}
	if d.OutputKeep != nil {
		if src, ok := sequenceSource(outputs); ok {
			outputs = Split(cellDropout(src, d.OutputKeep), len(outputs), 0)
		} else {
			for t, o := range outputs {
				outputs[t] = cellDropout(o, d.OutputKeep)
			}
		}
	}
	return outputs, states, true
}

// cellDropout is tf.nn.dropout(x, keep) for the wrapper: each element kept
// with probability keep (a scalar node) and scaled by 1/keep.
func cellDropout(x, keep *Node) *Node {
	const name = "Dropout"
	g, err := operands(name, x, keep)
	if err != nil {
		return failed(g, name, err, x, keep)
	}
	if err := requireFloat(name, x, keep); err != nil {
		return failed(g, name, err, x, keep)
	}
	if shapeKnown(keep.shape) && shapeSize(keep.shape) != 1 {
		return failedf(g, name, []*Node{x, keep}, "keep probability has shape %s, want a scalar", formatShape(keep.shape))
	}
	g.mu.Lock()
	seed, seeded := g.seed, g.seeded
	index := len(g.nodes)
	g.mu.Unlock()
	if !seeded {
		seed = uint64(time.Now().UnixNano()) ^ rand.Uint64()
	}
	src := &lockedRand{r: rand.New(rand.NewPCG(seed, 0xd1b54a32d192ed03^uint64(index)))}
	return newOp(g, name, wrapperDropoutOp{rng: src}, []*Node{x, keep}, x.Shape(), Float32, nil)
}

// lockedRand is a random stream that sessions may share.
type lockedRand struct {
	mu sync.Mutex
	r  *rand.Rand
}

// wrapperDropoutOp keeps its mask (0 or 1/keep per element) in aux 0 for
// backward.
type wrapperDropoutOp struct{ rng *lockedRand }

func (op wrapperDropoutOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	kv := e.value(n.inputs[1])
	if len(kv.data) != 1 {
		return fmt.Errorf("keep probability has shape %s, want a scalar", formatShape(kv.shape))
	}
	keep := kv.data[0]
	if !(keep > 0 && keep <= 1) {
		return fmt.Errorf("keep probability is %g, want it in (0, 1]", keep)
	}
	out := e.output(n, x.shape...)
	mask := e.scratch(n, 0, len(x.data))
	if keep == 1 {
		for i := range mask {
			mask[i] = 1
		}
		copy(out.data, x.data)
		return nil
	}
	scale := 1 / keep
	op.rng.mu.Lock()
	for i := range mask {
		if op.rng.r.Float32() < keep {
			mask[i] = scale
		} else {
			mask[i] = 0
		}
	}
	op.rng.mu.Unlock()
	for i, v := range x.data {
		out.data[i] = v * mask[i]
	}
	return nil
}

func (op wrapperDropoutOp) backward(e *execution, n *Node) error {
	x := n.inputs[0]
	if !e.needsGrad(x) {
		return nil
	}
	g, dx := e.grad(n).data, e.grad(x).data
	mask := e.s.state(n).aux[0][:len(g)]
	for i, v := range g {
		dx[i] += v * mask[i]
	}
	return nil
}
