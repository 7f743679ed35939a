package rnn

import (
	"fmt"
	"sort"
)

// backpropOp runs the backward pass from cost to xs. Its inputs are cost
// and xs, so their values are computed first; it has no value of its own.
type backpropOp struct {
	cost   *Node
	xs     []*Node
	path   []*Node // nodes whose gradient is needed, latest first
	inPath []bool  // by node id
}

func (*backpropOp) valueless() {}

// gradOp exposes one gradient computed by a backpropOp.
type gradOp struct{ x *Node }

// backprop builds the backward pass node for d cost / d xs.
func backprop(g *Graph, cost *Node, xs []*Node) (*Node, error) {
	if cost.dtype != Float32 {
		return nil, fmt.Errorf("cost %s is %s, want float32", cost.name, cost.dtype)
	}
	for i, x := range xs {
		if x.dtype != Float32 {
			return nil, fmt.Errorf("x %d (%s) is %s, want float32", i, x.name, x.dtype)
		}
	}
	inPath := make([]bool, cost.id+1)
	isX := map[*Node]bool{}
	for _, x := range xs {
		isX[x] = true
	}
	// Ancestors of cost, in creation order (a topological order).
	anc := make([]*Node, 0, 64)
	seen := map[*Node]bool{cost: true}
	stack := []*Node{cost}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		anc = append(anc, n)
		for _, in := range n.inputs {
			if !seen[in] {
				seen[in] = true
				stack = append(stack, in)
			}
		}
	}
	sort.Slice(anc, func(i, j int) bool { return anc[i].id < anc[j].id })
	var path []*Node
	for _, n := range anc {
		on := isX[n]
		if !on && n.dtype == Float32 {
			if _, isGrad := n.op.(gradOp); !isGrad {
				for _, in := range n.inputs {
					if in.id < len(inPath) && inPath[in.id] {
						on = true
						break
					}
				}
			}
		}
		if on {
			inPath[n.id] = true
			path = append(path, n)
		}
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	op := &backpropOp{cost: cost, xs: xs, path: path, inPath: inPath}
	inputs := append([]*Node{cost}, xs...)
	return newOp(g, "Gradients", op, inputs, nil, Float32, nil), nil
}

// Gradients returns d cost / d x for each x in xs, like tf.gradients(cost,
// xs); each result has the shape of its x. The gradient of a cost that is
// not a scalar is that of the sum of its elements. An x that cost does not
// depend on gets zeros.
func Gradients(cost *Node, xs []*Node) []*Node {
	all := append([]*Node{cost}, xs...)
	g, err := operands("Gradients", all...)
	if err == nil && len(xs) == 0 {
		err = fmt.Errorf("no nodes to differentiate with respect to")
	}
	var bp *Node
	if err == nil {
		bp, err = backprop(g, cost, xs)
	}
	if err != nil {
		e := failed(g, "Gradients", err, all...)
		out := make([]*Node, max(len(xs), 1))
		for i := range out {
			out[i] = e
		}
		return out
	}
	out := make([]*Node, len(xs))
	for i, x := range xs {
		out[i] = newOp(g, "Gradient", gradOp{x: x}, []*Node{bp, x}, append([]int(nil), x.shape...), Float32, nil)
	}
	return out
}

func (op *backpropOp) forward(e *execution, n *Node) (err error) {
	s := e.s
	for _, p := range op.path {
		st := s.state(p)
		size := len(st.val.data)
		if cap(st.gbuf) < size {
			st.gbuf = make([]float32, size)
		}
		st.grad.data = st.gbuf[:size]
		clear(st.grad.data)
		st.grad.shape = append(st.grad.shape[:0], st.val.shape...)
	}
	// An x that the cost does not depend on still gets a zero gradient.
	for _, x := range op.xs {
		if !op.inPath[x.id] {
			st := s.state(x)
			size := len(st.val.data)
			if cap(st.gbuf) < size {
				st.gbuf = make([]float32, size)
			}
			st.grad.data = st.gbuf[:size]
			clear(st.grad.data)
			st.grad.shape = append(st.grad.shape[:0], st.val.shape...)
		}
	}
	if !op.inPath[op.cost.id] {
		return nil
	}
	cg := s.state(op.cost).grad.data
	for i := range cg {
		cg[i] = 1
	}
	e.inPath = op.inPath
	s.sideWork.start()
	defer func() {
		// Wait for the side work even after an error or a panic: it writes
		// into buffers that the next run uses.
		if werr := s.sideWork.finish(); err == nil && werr != nil {
			err = nodeError(n, werr)
		}
		e.inPath = nil
	}()
	return e.backwardPath(op.path)
}

// backwardPath calls backward on the path's nodes, latest first.
func (e *execution) backwardPath(path []*Node) error {
	for _, p := range path {
		if p.op == nil {
			continue
		}
		if err := e.cancelled(); err != nil {
			return nodeError(p, err)
		}
		if err := p.op.backward(e, p); err != nil {
			return nodeError(p, fmt.Errorf("gradient: %w", err))
		}
	}
	return nil
}

func (*backpropOp) backward(*execution, *Node) error { return nil }

func (op gradOp) forward(e *execution, n *Node) error {
	// A copy, not a view: a later backward pass in the same run may reuse
	// the gradient buffer of x.
	gt := e.grad(op.x)
	copy(e.output(n, gt.shape...).data, gt.data)
	return nil
}

func (gradOp) backward(*execution, *Node) error {
	return fmt.Errorf("second derivatives are not supported")
}
