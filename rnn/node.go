package rnn

import (
	"errors"
	"fmt"
)

// Node is one vertex of a graph: a placeholder, a variable, a constant or
// the result of an op. Nodes are created by the package's functions and
// never change afterwards; their values live in a Session.
type Node struct {
	g      *Graph
	id     int
	name   string
	opType string
	op     operation
	inputs []*Node
	shape  []int // static shape; None (-1) for dimensions known only at run time
	dtype  DType
	err    error
	// unknownRank marks a node whose rank is only known at run time (a
	// placeholder made without a shape, and what is computed from it);
	// shape is then nil.
	unknownRank bool

	// Variables only.
	init      Initializer
	trainable bool
	varIndex  int // position among the graph's variables: picks its random stream
}

// operation is the behaviour of an op node. forward computes the node's
// value from its inputs' values; backward adds the node's gradient,
// pushed through the op, to the gradients of the inputs that need one.
type operation interface {
	forward(e *execution, n *Node) error
	backward(e *execution, n *Node) error
}

// aliasing is implemented by ops whose value shares its first input's
// storage (reshape, splits along the first axis, casts).
type aliasing interface{ aliasesInput() bool }

// Name returns the node's unique name in its graph, e.g. "MatMul_1".
func (n *Node) Name() string {
	if n == nil {
		return "<nil>"
	}
	return n.name
}

// Op returns the node's op type, e.g. "MatMul", "Placeholder", "Variable".
func (n *Node) Op() string {
	if n == nil {
		return ""
	}
	return n.opType
}

// Shape returns the node's static shape; None (-1) marks dimensions that
// are only known when the graph runs. It is nil when even the rank is
// unknown (see HasRank), as it is for a scalar.
func (n *Node) Shape() []int {
	if n == nil || n.unknownRank {
		return nil
	}
	return append([]int(nil), n.shape...)
}

// HasRank reports whether the node's number of dimensions is known before
// the graph runs: it is not for a placeholder made without a shape, which
// takes a tensor of any shape, nor for the ops computed from it.
func (n *Node) HasRank() bool { return n != nil && !n.unknownRank }

// DType returns the element type of the node's values.
func (n *Node) DType() DType {
	if n == nil {
		return 0
	}
	return n.dtype
}

// Inputs returns the nodes this node is computed from.
func (n *Node) Inputs() []*Node {
	if n == nil {
		return nil
	}
	return append([]*Node(nil), n.inputs...)
}

// Graph returns the graph the node belongs to.
func (n *Node) Graph() *Graph {
	if n == nil {
		return nil
	}
	return n.g
}

// Err returns the error recorded when the node was built (its own or one
// of its inputs'), or nil.
func (n *Node) Err() error {
	if n == nil {
		return errors.New("rnn: nil node")
	}
	return n.err
}

// String describes the node like TensorFlow does:
// Tensor("MatMul:0", shape=(?, 128), dtype=float32).
func (n *Node) String() string {
	if n == nil {
		return "<nil node>"
	}
	s := fmt.Sprintf("Node(%q, op=%s, shape=%s, dtype=%s)", n.name, n.opType, nodeShape(n), n.dtype)
	if n.err != nil {
		s += " error: " + n.err.Error()
	}
	return s
}

// operands finds the graph of an op's inputs and checks that they are
// usable: not nil, all in one graph, without recorded errors. The graph is
// the default graph when no input is usable, so that an error node can
// still be returned.
func operands(op string, inputs ...*Node) (*Graph, error) {
	var g *Graph
	for _, in := range inputs {
		if in != nil && in.g != nil {
			g = in.g
			break
		}
	}
	if g == nil {
		g = DefaultGraph()
	}
	for i, in := range inputs {
		if in == nil || in.g == nil {
			return g, fmt.Errorf("input %d is nil", i)
		}
		if in.g != g {
			return g, fmt.Errorf("input %d (%s) belongs to another graph than input 0 (%s)", i, in.name, inputs[0].name)
		}
	}
	for _, in := range inputs {
		if in.err != nil {
			return g, in.err
		}
	}
	return g, nil
}

// newOp adds an op node built from inputs. err, when not nil, makes it an
// error node: errors passed on from inputs are kept as they are.
func newOp(g *Graph, opType string, op operation, inputs []*Node, shape []int, dtype DType, err error) *Node {
	n := &Node{opType: opType, op: op, inputs: inputs, shape: shape, dtype: dtype, err: err}
	if err != nil {
		n.op = nil
	}
	return g.add(n)
}

// failed returns an error node for op.
func failed(g *Graph, opType string, err error, inputs ...*Node) *Node {
	var clean []*Node
	for _, in := range inputs {
		if in != nil {
			clean = append(clean, in)
		}
	}
	return newOp(g, opType, nil, clean, nil, Float32, err)
}

// failedf returns an error node for op with a formatted message.
func failedf(g *Graph, opType string, inputs []*Node, format string, args ...any) *Node {
	return failed(g, opType, fmt.Errorf(format, args...), inputs...)
}

// derived marks n as of unknown rank when one of the nodes it is computed
// from is, for ops whose result has the rank of their inputs.
func derived(n *Node, from ...*Node) *Node {
	if n.err == nil && anyUnknownRank(from...) {
		n.unknownRank = true
		n.shape = nil
	}
	return n
}

// anyUnknownRank reports whether one of nodes has an unknown rank.
func anyUnknownRank(nodes ...*Node) bool {
	for _, n := range nodes {
		if n != nil && n.unknownRank {
			return true
		}
	}
	return false
}

// nodeShape formats n's static shape, "[?,28]", or "<unknown rank>".
func nodeShape(n *Node) string {
	if n.unknownRank {
		return "<unknown rank>"
	}
	return formatShape(n.shape)
}

// requireRank reports an error when an op that works on dimensions is
// given an input of unknown rank.
func requireRank(op string, inputs ...*Node) error {
	for i, in := range inputs {
		if in.unknownRank {
			return fmt.Errorf("input %d (%s) has an unknown rank: give its placeholder a shape", i, in.name)
		}
	}
	return nil
}

// requireFloat reports an error when a node does not hold float32 values,
// as TensorFlow does for arithmetic on booleans or integers.
func requireFloat(op string, inputs ...*Node) error {
	for i, in := range inputs {
		if in.dtype != Float32 {
			return fmt.Errorf("input %d (%s) is %s, want float32 (use Cast)", i, in.name, in.dtype)
		}
	}
	return nil
}
