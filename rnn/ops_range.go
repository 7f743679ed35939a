package rnn

import (
	"fmt"
	"math"
)

// Range returns the 1-D sequence start, start+delta, start+2·delta, …
// that stops before limit, like tf.range(start, limit, delta). Each
// argument is either a Go number (any int or float type) or a scalar node
// whose value is read when the graph runs, such as a dimension of Shape:
//
//	rnn.Range(0, 10, 2)          // [0 2 4 6 8], Int32
//	rnn.Range(0, 1, 0.25)        // [0 0.25 0.5 0.75], Float32
//	n := rnn.Unstack(rnn.Shape(x), 2, 0)[0]
//	rnn.Range(0, n, 1)           // [0 1 … batch-1], Int32, shape [?]
//
// As in TensorFlow, the result is Float32 when an argument is a float (a
// Go float or a Float32 node), else Int64 when one is an Int64 node, else
// Int32. Its
// length is known before the graph runs when all three are Go numbers.
// A zero delta, or one that leads away from limit, is an error, as
// TensorFlow's. Range has no gradient.
//
// Range joins the graph of its node arguments, or the default graph when
// all three are Go numbers; Graph.Range builds in a given graph.
func Range(start, limit, delta any) *Node { return rangeIn(nil, start, limit, delta) }

// Range is the package's Range in graph g: its node arguments must belong
// to g.
func (g *Graph) Range(start, limit, delta any) *Node { return rangeIn(g, start, limit, delta) }

// rangeIn builds Range in g, or in its nodes' graph when g is nil.
func rangeIn(g *Graph, start, limit, delta any) *Node {
	const name = "Range"
	args := [3]rangeArg{}
	var nodes []*Node
	var err error
	for i, v := range [3]any{start, limit, delta} {
		if args[i], err = newRangeArg(rangeArgNames[i], v); err != nil {
			break
		}
		if args[i].node != nil {
			nodes = append(nodes, args[i].node)
		}
	}
	if len(nodes) > 0 {
		ng, opErr := operands(name, nodes...)
		if opErr == nil && g != nil && ng != g {
			opErr = fmt.Errorf("%s belongs to another graph", nodes[0].name)
		}
		if err == nil {
			err = opErr
		}
		if g == nil {
			g = ng
		}
	}
	if g == nil {
		g = DefaultGraph()
	}
	if err != nil {
		return failed(g, name, err, nodes...)
	}
	dtype := Int32
	for _, a := range args {
		if a.node != nil && a.node.dtype == Int64 {
			dtype = Int64
		}
	}
	for _, a := range args {
		if !a.integer {
			dtype = Float32
		}
	}
	op := rangeOp{args: args}
	shape := []int{None}
	if len(nodes) == 0 {
		count, err := rangeCount(args[0].value, args[1].value, args[2].value)
		if err != nil {
			return failed(g, name, err)
		}
		shape[0] = count
	}
	return newOp(g, name, op, nodes, shape, dtype, nil)
}

var rangeArgNames = [3]string{"start", "limit", "delta"}

// rangeArg is one of Range's arguments: a constant value, or a node.
type rangeArg struct {
	value   float64
	node    *Node
	integer bool
}

func newRangeArg(name string, v any) (rangeArg, error) {
	switch v := v.(type) {
	case int:
		return rangeArg{value: float64(v), integer: true}, nil
	case int8:
		return rangeArg{value: float64(v), integer: true}, nil
	case int16:
		return rangeArg{value: float64(v), integer: true}, nil
	case int32:
		return rangeArg{value: float64(v), integer: true}, nil
	case int64:
		return rangeArg{value: float64(v), integer: true}, nil
	case uint:
		return rangeArg{value: float64(v), integer: true}, nil
	case uint8:
		return rangeArg{value: float64(v), integer: true}, nil
	case uint16:
		return rangeArg{value: float64(v), integer: true}, nil
	case uint32:
		return rangeArg{value: float64(v), integer: true}, nil
	case uint64:
		return rangeArg{value: float64(v), integer: true}, nil
	case float32:
		return rangeArg{value: float64(v)}, nil
	case float64:
		return rangeArg{value: v}, nil
	case *Node:
		if v == nil {
			return rangeArg{}, fmt.Errorf("%s is a nil node", name)
		}
		if v.dtype == Bool {
			return rangeArg{}, fmt.Errorf("%s %s is bool, want a number (use Cast)", name, v.name)
		}
		if !v.unknownRank && len(v.shape) != 0 {
			return rangeArg{}, fmt.Errorf("%s %s has shape %s, want a scalar", name, v.name, formatShape(v.shape))
		}
		return rangeArg{node: v, integer: v.dtype.integer()}, nil
	}
	return rangeArg{}, fmt.Errorf("%s is %T, want a Go number or a scalar *Node", name, v)
}

// maxRangeLen bounds Range's length: float32 holds integers exactly only
// up to 2^24, and a longer sequence is surely a mistake in its arguments.
const maxRangeLen = 1 << 24

// rangeCount returns the length of Range(start, limit, delta).
func rangeCount(start, limit, delta float64) (int, error) {
	switch {
	case math.IsNaN(start) || math.IsNaN(limit) || math.IsNaN(delta) || math.IsInf(start, 0) || math.IsInf(limit, 0) || math.IsInf(delta, 0):
		return 0, fmt.Errorf("start %g, limit %g and delta %g must be finite", start, limit, delta)
	case delta == 0:
		return 0, fmt.Errorf("delta must not be 0")
	case delta > 0 && start > limit:
		return 0, fmt.Errorf("start %g is above limit %g with a positive delta %g", start, limit, delta)
	case delta < 0 && start < limit:
		return 0, fmt.Errorf("start %g is below limit %g with a negative delta %g", start, limit, delta)
	}
	count := math.Ceil((limit - start) / delta)
	if count > maxRangeLen {
		return 0, fmt.Errorf("start %g, limit %g and delta %g make %g values, more than %d", start, limit, delta, count, maxRangeLen)
	}
	return int(count), nil
}

// rangeOp computes Range; its inputs are the arguments that are nodes, in
// the order start, limit, delta.
type rangeOp struct{ args [3]rangeArg }

func (op rangeOp) forward(e *execution, n *Node) error {
	var v [3]float64
	in := 0
	for i, a := range op.args {
		v[i] = a.value
		if a.node == nil {
			continue
		}
		t := e.value(n.inputs[in])
		in++
		if len(t.data) != 1 {
			return fmt.Errorf("%s has shape %s, want a scalar", rangeArgNames[i], formatShape(t.shape))
		}
		v[i] = float64(t.data[0])
	}
	count, err := rangeCount(v[0], v[1], v[2])
	if err != nil {
		return err
	}
	out := e.output(n, count).data
	for i := range out {
		out[i] = float32(v[0] + float64(i)*v[2])
	}
	return nil
}

// backward does nothing: Range has no gradient, as in TensorFlow.
func (rangeOp) backward(*execution, *Node) error { return nil }
