package rnn

import (
	"fmt"
	"reflect"
)

// State is a recurrent cell's state between time steps, like the nested
// state of TensorFlow's RNNCell: a *Node (GRUCell), an LSTMState
// (BasicLSTMCell), a MultiState (MultiRNNCell), or any value a cell of
// one's own chooses. A nil State is the cell's zero state.
//
// It is an alias of any, so that a cell written in an interpreted
// notebook cell can return a state of its own type.
type State = any

// RNNCell is a recurrent cell, like tf.nn.rnn_cell.RNNCell: Call runs one
// time step on x [batch, inputs] from state (nil for the zero state) and
// returns the step's output [batch, units] and the new state. Cells make
// their variables on their first call, in the current variable scope, and
// reuse them on later calls, so that every step shares one set of
// weights.
//
// The interface has only exported methods, so that a type defined in a
// notebook cell (interpreted by yaegi) can implement it and run through
// StaticRNN, StaticBidirectionalRNN and DynamicRNN.
type RNNCell interface {
	Call(x *Node, state State) (*Node, State)
}

// MultiState is the state of a MultiRNNCell: one state per layer, first
// layer first, like TensorFlow's tuple of states.
type MultiState []State

// RNNOption is an optional argument of StaticRNN, StaticBidirectionalRNN
// and DynamicRNN: SequenceLength, InitialState, BackwardInitialState.
type RNNOption func(*rnnOptions)

type rnnOptions struct {
	length            *Node
	initial, initialB State
}

// SequenceLength gives each example's number of valid steps, a vector
// [batch] of whole numbers (any DType), like static_rnn's sequence_length:
// outputs at or past an example's length are zero, and the final state is
// the state after the example's last valid step (the initial state for a
// length of 0). Lengths beyond the number of steps count as all of them.
func SequenceLength(l *Node) RNNOption {
	return func(o *rnnOptions) { o.length = l }
}

// InitialState starts the recurrence from s instead of the zero state,
// like static_rnn's initial_state (in a bidirectional run, the forward
// cell's: initial_state_fw).
func InitialState(s State) RNNOption {
	return func(o *rnnOptions) { o.initial = s }
}

// BackwardInitialState is the backward cell's initial state in
// StaticBidirectionalRNN, like initial_state_bw.
func BackwardInitialState(s State) RNNOption {
	return func(o *rnnOptions) { o.initialB = s }
}

// collectOptions applies opts in order; a nil option is skipped.
func collectOptions(opts []RNNOption) rnnOptions {
	var o rnnOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o
}

// StaticRNN runs cell over the time steps in xs (each [batch, features]),
// like tf.contrib.rnn.static_rnn, and returns every step's output and the
// final state. Options: SequenceLength and InitialState.
//
// A BasicLSTMCell or GRUCell whose inputs are views of one matrix — the
// parts of one Split along the first axis (as in the tutorial), the steps
// of one Unstack along the time axis (as DynamicRNN does), or the outputs
// of the layer below — runs the whole sequence as one op (see lstmSeqOp
// and gruSeqOp), and so does each layer of a MultiRNNCell of such cells,
// dropout wrappers included; outputs and states are still one node per
// step, with the values of the steps built one by one.
func StaticRNN(cell RNNCell, xs []*Node, opts ...RNNOption) ([]*Node, State) {
	o := collectOptions(opts)
	outputs, states, err := staticSteps(cell, xs, o.initial)
	if err != nil {
		return errorSequence(xs, "StaticRNN", err)
	}
	final := states[len(states)-1]
	if o.length != nil {
		if outputs, final, err = maskSequence(o.length, outputs, states, o.initial); err != nil {
			return errorSequence(append([]*Node{o.length}, xs...), "StaticRNN", err)
		}
	}
	return outputs, final
}

// StaticRNNWithState is StaticRNN from a given initial state:
// StaticRNN(cell, xs, InitialState(initial)).
func StaticRNNWithState(cell RNNCell, xs []*Node, initial State) ([]*Node, State) {
	return StaticRNN(cell, xs, InitialState(initial))
}

// errorSequence returns one error node standing for the outputs and the
// state of a run that cannot be built.
func errorSequence(in []*Node, op string, err error) ([]*Node, State) {
	g, _ := operands(op, in...)
	n := failed(g, op, err, in...)
	outputs := make([]*Node, max(1, len(in)))
	for i := range outputs {
		outputs[i] = n
	}
	return outputs, n
}

// staticSteps runs cell over xs from initial and returns the output and
// the state after every step.
func staticSteps(cell RNNCell, xs []*Node, initial State) ([]*Node, []State, error) {
	if isNilCell(cell) {
		return nil, nil, fmt.Errorf("nil cell")
	}
	if len(xs) == 0 {
		return nil, nil, fmt.Errorf("no time steps in inputs")
	}
	for i, x := range xs {
		if x == nil {
			return nil, nil, fmt.Errorf("input %d is nil", i)
		}
	}
	if outputs, states, ok := fusedSteps(cell, xs, initial); ok {
		return outputs, states, nil
	}
	outputs := make([]*Node, len(xs))
	states := make([]State, len(xs))
	state := initial
	for t, x := range xs {
		outputs[t], state = cell.Call(x, state)
		if outputs[t] == nil {
			return nil, nil, fmt.Errorf("the cell's Call returned a nil output at step %d", t)
		}
		states[t] = state
	}
	return outputs, states, nil
}

// isNilCell reports whether cell is nil or a nil pointer.
func isNilCell(cell RNNCell) bool {
	if cell == nil {
		return true
	}
	v := reflect.ValueOf(cell)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// fusedSteps runs the steps of the cells that have a whole-sequence op
// over inputs that allow one; false when it does not apply.
func fusedSteps(cell RNNCell, xs []*Node, initial State) ([]*Node, []State, bool) {
	switch c := cell.(type) {
	case *LSTMCell:
		init, ok := lstmStateOf(initial)
		if !ok {
			return nil, nil, false
		}
		src, ok := sequenceSource(xs)
		if !ok {
			return nil, nil, false
		}
		return c.sequence(src, len(xs), init)
	case *GRU:
		var h0 *Node
		if initial != nil {
			var ok bool
			if h0, ok = initial.(*Node); !ok {
				return nil, nil, false
			}
		}
		src, ok := sequenceSource(xs)
		if !ok {
			return nil, nil, false
		}
		return c.sequence(src, len(xs), h0)
	case *MultiCell:
		return c.layerwise(xs, initial)
	case *DropoutCell:
		return c.sequence(xs, initial)
	}
	return nil, nil, false
}

// lstmStateOf reads an LSTM's state from s: nil is the zero state.
func lstmStateOf(s State) (LSTMState, bool) {
	switch v := s.(type) {
	case nil:
		return LSTMState{}, true
	case LSTMState:
		return v, true
	case *LSTMState:
		if v == nil {
			return LSTMState{}, true
		}
		return *v, true
	}
	return LSTMState{}, false
}
