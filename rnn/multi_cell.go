package rnn

import (
	"fmt"
	"reflect"
)

// MultiCell is TensorFlow's MultiRNNCell: layers of cells, each layer's
// output the next one's input. Its state is a MultiState, one state per
// layer. Layer i makes its variables in the scope
// "multi_rnn_cell/cell_<i>" of the current scope.
type MultiCell struct {
	Cells []RNNCell
}

// MultiRNNCell stacks cells, first layer first, like
// tf.contrib.rnn.MultiRNNCell(cells). The cells must be distinct values:
// each layer has its own variables.
func MultiRNNCell(cells []RNNCell) *MultiCell {
	return &MultiCell{Cells: append([]RNNCell(nil), cells...)}
}

// Call runs one step of every layer on x from state, a MultiState with
// one state per layer (nil for the zero state), and returns the last
// layer's output and the new MultiState.
func (m *MultiCell) Call(x *Node, state State) (*Node, State) {
	const name = "MultiRNNCell"
	fail := func(err error) (*Node, State) {
		g, _ := operands(name, x)
		n := failed(g, name, err, x)
		return n, n
	}
	states, err := m.layerStates(state)
	if err != nil {
		return fail(err)
	}
	if x == nil || x.g == nil {
		return fail(fmt.Errorf("input is nil"))
	}
	next := make(MultiState, len(m.Cells))
	for i, c := range m.Cells {
		x.g.VariableScope(fmt.Sprintf("multi_rnn_cell/cell_%d", i), func() {
			x, next[i] = c.Call(x, states[i])
		})
		if x == nil {
			return fail(fmt.Errorf("layer %d returned a nil output", i))
		}
	}
	return x, next
}

// layerStates checks m and splits state into one state per layer.
func (m *MultiCell) layerStates(state State) (MultiState, error) {
	if m == nil || len(m.Cells) == 0 {
		return nil, fmt.Errorf("no cells")
	}
	for i, c := range m.Cells {
		if isNilCell(c) {
			return nil, fmt.Errorf("cell %d is nil", i)
		}
		for j, d := range m.Cells[:i] {
			if samePointer(c, d) {
				return nil, fmt.Errorf("cell %d is cell %d again: each layer needs a cell of its own", i, j)
			}
		}
	}
	switch s := state.(type) {
	case nil:
		return make(MultiState, len(m.Cells)), nil
	case MultiState:
		if len(s) != len(m.Cells) {
			return nil, fmt.Errorf("state has %d layers, the cell %d", len(s), len(m.Cells))
		}
		return s, nil
	case []State:
		return m.layerStates(MultiState(s))
	}
	return nil, fmt.Errorf("state is a %T, want a MultiState", state)
}

// samePointer reports whether a and b are the same pointer (cells of
// other kinds may not be comparable, and are taken to be distinct).
func samePointer(a, b RNNCell) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	return va.Kind() == reflect.Pointer && vb.Kind() == reflect.Pointer && va.Type() == vb.Type() && va.Pointer() == vb.Pointer()
}

// layerwise runs a whole sequence one layer at a time, which gives the
// values of running it one step at a time through all layers, and lets
// each layer run as one sequence op when it can.
func (m *MultiCell) layerwise(xs []*Node, initial State) ([]*Node, []State, bool) {
	states, err := m.layerStates(initial)
	if err != nil || xs[0].g == nil {
		return nil, nil, false
	}
	perStep := make([]State, len(xs))
	for t := range perStep {
		perStep[t] = make(MultiState, len(m.Cells))
	}
	inputs := xs
	for i, c := range m.Cells {
		var outputs []*Node
		var layer []State
		xs[0].g.VariableScope(fmt.Sprintf("multi_rnn_cell/cell_%d", i), func() {
			outputs, layer, err = staticSteps(c, inputs, states[i])
		})
		if err != nil {
			return nil, nil, false
		}
		for t, s := range layer {
			perStep[t].(MultiState)[i] = s
		}
		inputs = outputs
	}
	return inputs, perStep, true
}
