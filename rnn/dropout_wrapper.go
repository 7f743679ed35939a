package rnn

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
		x = Dropout(x, d.InputKeep)
	}
	out, next := d.Cell.Call(x, state)
	if d.OutputKeep != nil && out != nil {
		out = Dropout(out, d.OutputKeep)
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
		xs = Split(Dropout(src, d.InputKeep), len(xs), 0)
	}
	outputs, states, err := staticSteps(d.Cell, xs, initial)
	if err != nil {
		return nil, nil, false
	}
	if d.OutputKeep != nil {
		if src, ok := sequenceSource(outputs); ok {
			outputs = Split(Dropout(src, d.OutputKeep), len(outputs), 0)
		} else {
			for t, o := range outputs {
				outputs[t] = Dropout(o, d.OutputKeep)
			}
		}
	}
	return outputs, states, true
}
