package rnn

import (
	"fmt"
	"math"
)

// sequenceSource returns a matrix [steps·batch, features] whose row
// blocks are the inputs, in order, when the inputs are views of one such
// matrix: the parts of one Split along the first axis (the tutorial), the
// steps of one Unstack along the time axis (TensorFlow-Examples'
// tf.unstack(x, timesteps, 1)), or every step's output of one LSTM
// sequence (the layer below in a MultiRNNCell).
func sequenceSource(inputs []*Node) (*Node, bool) {
	if src, ok := splitSource(inputs); ok {
		return src, true
	}
	if src, ok := unstackSource(inputs); ok {
		return src, true
	}
	return seqOutputsSource(inputs)
}

// unstackSource recognizes the steps of one Unstack of a rank-3 value
// along its time axis: axis 0 of a time-major [steps, batch, features] or
// axis 1 of a batch-major [batch, steps, features] (tf.unstack(x,
// timesteps, 1), as TensorFlow-Examples feed their RNNs), and returns the
// time-major matrix of the steps, a view or one transpose.
func unstackSource(inputs []*Node) (*Node, bool) {
	var x *Node
	axis := -1
	for t, in := range inputs {
		if in == nil {
			return nil, false
		}
		u, ok := in.op.(unstackOp)
		if !ok || u.index != t || u.num != len(inputs) || (u.axis != 0 && u.axis != 1) {
			return nil, false
		}
		if t == 0 {
			x, axis = in.inputs[0], u.axis
		} else if in.inputs[0] != x || u.axis != axis {
			return nil, false
		}
	}
	if x == nil || x.err != nil || len(x.shape) != 3 || x.shape[2] < 0 {
		return nil, false
	}
	tm := x
	if axis == 1 {
		tm = Transpose(x, 1, 0, 2)
	}
	return Reshape(tm, -1, x.shape[2]), true
}

// seqOutputsSource recognizes every step's output of one LSTM sequence, in
// order, and returns them as one [steps·batch, units] view.
func seqOutputsSource(inputs []*Node) (*Node, bool) {
	var seq *Node
	for t, x := range inputs {
		if x == nil {
			return nil, false
		}
		p, ok := x.op.(lstmSeqPartOp)
		if !ok || p.part != 1 || p.step != t || p.steps != len(inputs) {
			return nil, false
		}
		if t == 0 {
			seq = x.inputs[0]
		} else if x.inputs[0] != seq {
			return nil, false
		}
	}
	if seq == nil {
		return nil, false
	}
	steps, batch, u := seq.shape[1], seq.shape[2], seq.shape[3]
	rows := None
	if batch >= 0 {
		rows = steps * batch
	}
	return newOp(seq.g, "LSTMOutputs", lstmSeqOutputsOp{steps: steps}, []*Node{seq}, []int{rows, u}, Float32, nil), true
}

// lstmSeqOutputsOp is the h of every step of a sequence, [steps·batch,
// units], a view of the sequence's value; a run that reads it keeps all
// steps.
type lstmSeqOutputsOp struct{ steps int }

func (lstmSeqOutputsOp) aliasesInput() bool { return true }

func (op lstmSeqOutputsOp) forward(e *execution, n *Node) error {
	v := e.value(n.inputs[0])
	if len(v.shape) != 4 || v.shape[0] != 2 || v.shape[1] != op.steps {
		return fmt.Errorf("sequence value has shape %s, want [2, %d, batch, units]", formatShape(v.shape), op.steps)
	}
	half := len(v.data) / 2
	e.alias(n, v.data[half:], []int{v.shape[1] * v.shape[2], v.shape[3]})
	return nil
}

func (op lstmSeqOutputsOp) backward(e *execution, n *Node) error {
	seq := n.inputs[0]
	if !e.needsGrad(seq) {
		return nil
	}
	d := e.grad(seq).data
	addTo(d[len(d)/2:], e.grad(n).data)
	return nil
}

// maskSequence applies sequence lengths to a run's outputs and states, as
// static_rnn does: outputs at or past an example's length become zero and
// the final state is the state after its last valid step.
func maskSequence(length *Node, outputs []*Node, states []State, initial State) ([]*Node, State, error) {
	if _, err := operands("SequenceLength", append([]*Node{length}, outputs...)...); err != nil {
		return nil, nil, err
	}
	if len(length.shape) != 1 {
		return nil, nil, fmt.Errorf("sequence lengths have shape %s, want [batch]", formatShape(length.shape))
	}
	masked := make([]*Node, len(outputs))
	for t, o := range outputs {
		var err error
		if masked[t], err = selectRows(length, t, o, nil); err != nil {
			return nil, nil, err
		}
	}
	prev := initial
	for t, s := range states {
		next, err := mapStates(s, prev, func(a, b *Node) (*Node, error) { return selectRows(length, t, a, b) })
		if err != nil {
			return nil, nil, err
		}
		prev = next
	}
	return masked, prev, nil
}

// mapStates builds a state of a's structure from f of a's nodes and the
// matching nodes of b (nil where b is nil, the zero state).
func mapStates(a, b State, f func(a, b *Node) (*Node, error)) (State, error) {
	mismatch := func() (State, error) {
		return nil, fmt.Errorf("initial state %T does not match the cell's state %T", b, a)
	}
	switch av := a.(type) {
	case *Node:
		var bn *Node
		if b != nil {
			var ok bool
			if bn, ok = b.(*Node); !ok {
				return mismatch()
			}
		}
		return f(av, bn)
	case LSTMState:
		bs, ok := lstmStateOf(b)
		if !ok {
			return mismatch()
		}
		c, err := f(av.C, bs.C)
		if err != nil {
			return nil, err
		}
		h, err := f(av.H, bs.H)
		return LSTMState{C: c, H: h}, err
	case MultiState:
		bs, ok := b.(MultiState)
		if b != nil && (!ok || len(bs) != len(av)) {
			return mismatch()
		}
		out := make(MultiState, len(av))
		for i, s := range av {
			var bi State
			if bs != nil {
				bi = bs[i]
			}
			var err error
			if out[i], err = mapStates(s, bi, f); err != nil {
				return nil, err
			}
		}
		return out, nil
	case []*Node:
		bs, ok := b.([]*Node)
		if b != nil && (!ok || len(bs) != len(av)) {
			return mismatch()
		}
		out := make([]*Node, len(av))
		for i, s := range av {
			var bi *Node
			if bs != nil {
				bi = bs[i]
			}
			var err error
			if out[i], err = f(s, bi); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("a state of type %T cannot be masked by sequence lengths: "+
		"use a *Node, an LSTMState, a MultiState or a []*Node", a)
}

// selectRows returns, row by row, a's row where step is below the
// example's length and b's row (zero when b is nil) elsewhere.
func selectRows(length *Node, step int, a, b *Node) (*Node, error) {
	in := []*Node{length, a}
	if b != nil {
		in = append(in, b)
	}
	g, err := operands("SequenceMask", in...)
	if err != nil {
		return nil, err
	}
	if err := requireFloat("SequenceMask", in[1:]...); err != nil {
		return nil, err
	}
	if len(a.shape) < 1 || !dimsCompatible(a.shape[0], length.shape[0]) {
		return nil, fmt.Errorf("step %d has shape %s; sequence lengths %s want its first axis to be the batch",
			step, formatShape(a.shape), formatShape(length.shape))
	}
	if b != nil && !compatibleShapes(a.shape, b.shape) {
		return nil, fmt.Errorf("state of shape %s at step %d does not match the initial state's %s",
			formatShape(a.shape), step, formatShape(b.shape))
	}
	return newOp(g, "SequenceMask", selectRowsOp{step: step}, in, a.Shape(), Float32, nil), nil
}

// compatibleShapes reports whether two static shapes can be equal.
func compatibleShapes(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !dimsCompatible(a[i], b[i]) {
			return false
		}
	}
	return true
}

// selectRowsOp picks rows of a where step < length, else of b (or zero).
// Inputs: length [batch], a, then b when given.
type selectRowsOp struct{ step int }

// readLengths reads and checks the sequence lengths of rows examples.
func readLengths(t *Tensor, rows int) ([]float32, error) {
	if len(t.shape) != 1 || t.shape[0] != rows {
		return nil, fmt.Errorf("sequence lengths have shape %s, want [%d] for a batch of %d", formatShape(t.shape), rows, rows)
	}
	for i, v := range t.data {
		if v < 0 || float64(v) != math.Trunc(float64(v)) {
			return nil, fmt.Errorf("sequence length %d is %g, want a whole number ≥ 0", i, v)
		}
	}
	return t.data, nil
}

// geometry reads the lengths and returns them with the number of rows and
// the size of one row.
func (op selectRowsOp) geometry(e *execution, n *Node) (lengths []float32, rows, size int, err error) {
	a := e.value(n.inputs[1])
	if len(a.shape) == 0 {
		return nil, 0, 0, fmt.Errorf("step value is a scalar")
	}
	rows = a.shape[0]
	if len(n.inputs) == 3 {
		if b := e.value(n.inputs[2]); !sameShape(a.shape, b.shape) {
			return nil, 0, 0, fmt.Errorf("step %d has shape %s, the state before it %s", op.step, formatShape(a.shape), formatShape(b.shape))
		}
	}
	lengths, err = readLengths(e.value(n.inputs[0]), rows)
	if err != nil || rows == 0 {
		return lengths, rows, 0, err
	}
	return lengths, rows, len(a.data) / rows, nil
}

func (op selectRowsOp) forward(e *execution, n *Node) error {
	lengths, rows, size, err := op.geometry(e, n)
	if err != nil {
		return err
	}
	a := e.value(n.inputs[1])
	out := e.output(n, a.shape...)
	var b []float32
	if len(n.inputs) == 3 {
		b = e.value(n.inputs[2]).data
	}
	for r := range rows {
		dst := out.data[r*size : (r+1)*size]
		switch {
		case float32(op.step) < lengths[r]:
			copy(dst, a.data[r*size:(r+1)*size])
		case b != nil:
			copy(dst, b[r*size:(r+1)*size])
		default:
			clear(dst)
		}
	}
	return nil
}

func (op selectRowsOp) backward(e *execution, n *Node) error {
	lengths, rows, size, err := op.geometry(e, n)
	if err != nil {
		return err
	}
	g := e.grad(n).data
	var da, db []float32
	if e.needsGrad(n.inputs[1]) {
		da = e.grad(n.inputs[1]).data
	}
	if len(n.inputs) == 3 && e.needsGrad(n.inputs[2]) {
		db = e.grad(n.inputs[2]).data
	}
	for r := range rows {
		lo, hi := r*size, (r+1)*size
		if float32(op.step) < lengths[r] {
			if da != nil {
				addTo(da[lo:hi], g[lo:hi])
			}
		} else if db != nil {
			addTo(db[lo:hi], g[lo:hi])
		}
	}
	return nil
}

// reverseSteps reverses the steps xs of every example within its length,
// like tf.reverse_sequence on a list of steps: with no lengths, the whole
// list; with lengths, step t of an example of length l is its step l-1-t
// for t < l, and steps at or past l stay where they are.
func reverseSteps(xs []*Node, length *Node) ([]*Node, error) {
	out := make([]*Node, len(xs))
	if src, ok := sequenceSource(xs); ok {
		// Reverse the matrix the steps are views of, so that the reversed
		// steps are views of one matrix too and an LSTM over them still
		// runs as one sequence op.
		in := []*Node{src}
		if length != nil {
			in = append(in, length)
		}
		g, err := operands("ReverseSequence", in...)
		if err != nil {
			return nil, err
		}
		rev := newOp(g, "ReverseSequence", reverseRowsOp{steps: len(xs)}, in, src.Shape(), src.dtype, nil)
		return Split(rev, len(xs), 0), nil
	}
	if length == nil {
		for t, x := range xs {
			out[len(xs)-1-t] = x
		}
		return out, nil
	}
	in := append([]*Node{length}, xs...)
	g, err := operands("ReverseSequence", in...)
	if err != nil {
		return nil, err
	}
	for t, x := range xs {
		if !compatibleShapes(x.shape, xs[0].shape) || len(x.shape) < 1 {
			return nil, fmt.Errorf("step %d has shape %s, step 0 %s", t, formatShape(x.shape), formatShape(xs[0].shape))
		}
	}
	for t := range xs {
		out[t] = newOp(g, "ReverseSequence", reverseStepOp{step: t}, in, xs[0].Shape(), xs[0].dtype, nil)
	}
	return out, nil
}

// reverseStepOp is step `step` of a sequence reversed within each
// example's length. Inputs: length [batch], then every step.
type reverseStepOp struct{ step int }

// source returns the step whose row r this step takes.
func (op reverseStepOp) source(l float32, steps int) int {
	n := min(int(l), steps)
	if op.step < n {
		return n - 1 - op.step
	}
	return op.step
}

// geometry reads the lengths and returns them with the number of rows and
// the size of one row, checking that every step has the same shape.
func (op reverseStepOp) geometry(e *execution, n *Node) (lengths []float32, rows, size int, err error) {
	x0 := e.value(n.inputs[1])
	if len(x0.shape) == 0 {
		return nil, 0, 0, fmt.Errorf("steps are scalars")
	}
	for _, x := range n.inputs[2:] {
		if !sameShape(e.value(x).shape, x0.shape) {
			return nil, 0, 0, fmt.Errorf("steps have shapes %s and %s", formatShape(x0.shape), formatShape(e.value(x).shape))
		}
	}
	rows = x0.shape[0]
	lengths, err = readLengths(e.value(n.inputs[0]), rows)
	if err != nil || rows == 0 {
		return lengths, rows, 0, err
	}
	return lengths, rows, len(x0.data) / rows, nil
}

func (op reverseStepOp) forward(e *execution, n *Node) error {
	lengths, rows, size, err := op.geometry(e, n)
	if err != nil {
		return err
	}
	steps := len(n.inputs) - 1
	out := e.output(n, e.value(n.inputs[1]).shape...)
	for r := range rows {
		src := e.value(n.inputs[1+op.source(lengths[r], steps)]).data
		copy(out.data[r*size:(r+1)*size], src[r*size:(r+1)*size])
	}
	return nil
}

func (op reverseStepOp) backward(e *execution, n *Node) error {
	lengths, rows, size, err := op.geometry(e, n)
	if err != nil {
		return err
	}
	steps := len(n.inputs) - 1
	g := e.grad(n).data
	for r := range rows {
		x := n.inputs[1+op.source(lengths[r], steps)]
		if e.needsGrad(x) {
			addTo(e.grad(x).data[r*size:(r+1)*size], g[r*size:(r+1)*size])
		}
	}
	return nil
}

// StaticBidirectionalRNN runs fw over xs and bw over xs reversed, like
// tf.contrib.rnn.static_bidirectional_rnn, and returns every step's
// outputs, forward and backward concatenated along the last axis, and
// the final states of fw and bw. Options: SequenceLength (the backward
// cell then reads each example's valid steps in reverse, as with
// tf.reverse_sequence), InitialState (fw's) and BackwardInitialState.
// Variables are made in the scopes "bidirectional_rnn/fw" and
// "bidirectional_rnn/bw" of the current scope.
func StaticBidirectionalRNN(fw, bw RNNCell, xs []*Node, opts ...RNNOption) ([]*Node, State, State) {
	const name = "StaticBidirectionalRNN"
	fail := func(err error) ([]*Node, State, State) {
		outputs, st := errorSequence(xs, name, err)
		return outputs, st, st
	}
	if len(xs) == 0 {
		return fail(fmt.Errorf("no time steps in inputs"))
	}
	g, err := operands(name, xs...)
	if err != nil {
		return fail(err)
	}
	o := collectOptions(opts)
	var common []RNNOption
	if o.length != nil {
		common = append(common, SequenceLength(o.length))
	}
	var outF, outB []*Node
	var stF, stB State
	g.VariableScope("bidirectional_rnn/fw", func() {
		outF, stF = StaticRNN(fw, xs, append(common, InitialState(o.initial))...)
	})
	rev, err := reverseSteps(xs, o.length)
	if err != nil {
		return fail(err)
	}
	g.VariableScope("bidirectional_rnn/bw", func() {
		outB, stB = StaticRNN(bw, rev, append(common, InitialState(o.initialB))...)
	})
	if outB, err = reverseSteps(outB, o.length); err != nil {
		return fail(err)
	}
	outputs := make([]*Node, len(xs))
	for t := range xs {
		outputs[t] = Concat([]*Node{outF[t], outB[t]}, -1)
	}
	return outputs, stF, stB
}

// DynamicRNN runs cell over x [batch, steps, features] (batch-major, with
// a known number of steps), like tf.nn.dynamic_rnn, and returns the
// outputs [batch, steps, units] and the final state. Options:
// SequenceLength (outputs past an example's length are zero, the final
// state is that of its last valid step) and InitialState. The steps are
// unrolled as in StaticRNN, so a BasicLSTMCell runs as one sequence op.
func DynamicRNN(cell RNNCell, x *Node, opts ...RNNOption) (*Node, State) {
	const name = "DynamicRNN"
	g, err := operands(name, x)
	if err == nil && (len(x.shape) != 3 || x.shape[1] <= 0 || x.shape[2] < 0) {
		err = fmt.Errorf("input has shape %s, want [batch, steps, features] with known steps and features", formatShape(x.shape))
	}
	if err != nil {
		n := failed(g, name, err, x)
		return n, n
	}
	steps := x.shape[1]
	outputs, state := StaticRNN(cell, Unstack(x, steps, 1), opts...)
	if err := outputs[0].err; err != nil {
		return outputs[0], state
	}
	u := outputs[0].shape[len(outputs[0].shape)-1]
	// The steps' outputs are often views of one matrix already (those of
	// a sequence op): then no copy is needed.
	all, ok := sequenceSource(outputs)
	if !ok {
		all = Concat(outputs, 0)
	}
	return Transpose(Reshape(all, steps, -1, u), 1, 0, 2), state
}

// reverseRowsOp reverses the steps of a matrix [steps·batch, features]
// whose row blocks are the steps, within each example's length when the
// lengths are given (tf.reverse_sequence). Inputs: the matrix, then the
// lengths [batch] when given.
type reverseRowsOp struct{ steps int }

// source returns the step whose row b step t takes.
func (op reverseRowsOp) source(lengths []float32, t, b int) int {
	n := op.steps
	if lengths != nil {
		n = min(int(lengths[b]), op.steps)
	}
	if t < n {
		return n - 1 - t
	}
	return t
}

// geometry returns the lengths (nil when not given), the batch and the
// number of features.
func (op reverseRowsOp) geometry(e *execution, n *Node) (lengths []float32, batch, width int, err error) {
	x := e.value(n.inputs[0])
	if len(x.shape) != 2 || x.shape[0]%op.steps != 0 {
		return nil, 0, 0, fmt.Errorf("input has shape %s, want [%d·batch, features]", formatShape(x.shape), op.steps)
	}
	batch, width = x.shape[0]/op.steps, x.shape[1]
	if len(n.inputs) == 2 {
		if lengths, err = readLengths(e.value(n.inputs[1]), batch); err != nil {
			return nil, 0, 0, err
		}
	}
	return lengths, batch, width, nil
}

func (op reverseRowsOp) forward(e *execution, n *Node) error {
	lengths, batch, w, err := op.geometry(e, n)
	if err != nil {
		return err
	}
	x := e.value(n.inputs[0])
	out := e.output(n, x.shape...)
	for t := range op.steps {
		for b := range batch {
			src := (op.source(lengths, t, b)*batch + b) * w
			copy(out.data[(t*batch+b)*w:(t*batch+b+1)*w], x.data[src:src+w])
		}
	}
	return nil
}

func (op reverseRowsOp) backward(e *execution, n *Node) error {
	x := n.inputs[0]
	if !e.needsGrad(x) {
		return nil
	}
	lengths, batch, w, err := op.geometry(e, n)
	if err != nil {
		return err
	}
	g, dx := e.grad(n).data, e.grad(x).data
	for t := range op.steps {
		for b := range batch {
			src := (op.source(lengths, t, b)*batch + b) * w
			addTo(dx[src:src+w], g[(t*batch+b)*w:(t*batch+b+1)*w])
		}
	}
	return nil
}
