package rnn

import (
	"fmt"
	"math"
)

// ReduceMax returns the largest element of x as a scalar, like
// tf.reduce_max(x). Its gradient goes to the largest elements, shared
// equally between ties, as TensorFlow's.
func ReduceMax(x *Node) *Node { return reduceMax(x, true, 0) }

// ReduceMaxAxis takes the largest value along one axis, which disappears
// from the shape, like tf.reduce_max(x, axis).
func ReduceMaxAxis(x *Node, axis int) *Node { return reduceMax(x, false, axis) }

func reduceMax(x *Node, all bool, axis int) *Node {
	const name = "ReduceMax"
	g, err := operands(name, x)
	if err == nil {
		err = requireFloat(name, x)
	}
	if err != nil {
		return failed(g, name, err, x)
	}
	if all {
		return newOp(g, name, maxOp{all: true}, []*Node{x}, []int{}, Float32, nil)
	}
	if x.unknownRank {
		return derived(newOp(g, name, maxOp{axis: axis}, []*Node{x}, nil, Float32, nil), x)
	}
	ax, ok := normAxis(axis, len(x.shape))
	if !ok {
		return failedf(g, name, []*Node{x}, "axis %d out of range for shape %s", axis, formatShape(x.shape))
	}
	shape := append(append([]int(nil), x.shape[:ax]...), x.shape[ax+1:]...)
	return newOp(g, name, maxOp{axis: ax}, []*Node{x}, shape, Float32, nil)
}

// maxOp takes the maximum of all elements or along one axis.
type maxOp struct {
	all  bool
	axis int
}

// geometry returns the reduction as outer·mid·inner: the maximum is over
// mid, for each of outer·inner positions.
func (op maxOp) geometry(shape, buf []int) (outer, mid, inner int, out []int, err error) {
	if op.all {
		return 1, shapeSize(shape), 1, nil, nil
	}
	ax, ok := normAxis(op.axis, len(shape))
	if !ok {
		return 0, 0, 0, nil, fmt.Errorf("axis %d out of range for shape %s", op.axis, formatShape(shape))
	}
	outer, mid, inner = split3(shape, ax)
	out = append(append(buf[:0], shape[:ax]...), shape[ax+1:]...)
	return outer, mid, inner, out, nil
}

func (op maxOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	var buf [maxStackRank]int
	outer, mid, inner, shape, err := op.geometry(x.shape, buf[:0])
	if err != nil {
		return err
	}
	if mid == 0 {
		return fmt.Errorf("cannot take the maximum of an empty tensor of shape %s", formatShape(x.shape))
	}
	out := e.output(n, shape...)
	for o := 0; o < outer; o++ {
		for i := 0; i < inner; i++ {
			best := float32(math.Inf(-1))
			for m := 0; m < mid; m++ {
				best = max(best, x.data[(o*mid+m)*inner+i])
			}
			out.data[o*inner+i] = best
		}
	}
	return nil
}

func (op maxOp) backward(e *execution, n *Node) error {
	xn := n.inputs[0]
	if !e.needsGrad(xn) {
		return nil
	}
	x, y := e.value(xn), e.value(n)
	outer, mid, inner, _, err := op.geometry(x.shape, nil)
	if err != nil {
		return err
	}
	g, dx := e.grad(n).data, e.grad(xn).data
	for o := 0; o < outer; o++ {
		for i := 0; i < inner; i++ {
			best := y.data[o*inner+i]
			ties := 0
			for m := 0; m < mid; m++ {
				if x.data[(o*mid+m)*inner+i] == best {
					ties++
				}
			}
			share := g[o*inner+i] / float32(ties)
			for m := 0; m < mid; m++ {
				if k := (o*mid+m)*inner + i; x.data[k] == best {
					dx[k] += share
				}
			}
		}
	}
	return nil
}

// Unstack cuts x into num slices along axis, which disappears from their
// shapes, like tf.unstack(x, num, axis): a [batch,28,28] input unstacked
// along axis 1 gives 28 steps of [batch,28]. num must be the size of that
// dimension. Slices along axis 0 share x's storage.
func Unstack(x *Node, num, axis int) []*Node {
	const name = "Unstack"
	g, err := operands(name, x)
	if err == nil {
		err = requireRank(name, x)
	}
	if err != nil {
		return []*Node{failed(g, name, err, x)}
	}
	ax, ok := normAxis(axis, len(x.shape))
	if !ok {
		return []*Node{failedf(g, name, []*Node{x}, "axis %d out of range for shape %s", axis, formatShape(x.shape))}
	}
	if num <= 0 {
		return []*Node{failedf(g, name, []*Node{x}, "number of slices must be positive, got %d", num)}
	}
	if d := x.shape[ax]; d >= 0 && d != num {
		return []*Node{failedf(g, name, []*Node{x}, "dimension %d of shape %s is %d, not num = %d",
			ax, formatShape(x.shape), d, num)}
	}
	shape := append(append([]int(nil), x.shape[:ax]...), x.shape[ax+1:]...)
	parts := make([]*Node, num)
	for i := range parts {
		parts[i] = newOp(g, name, unstackOp{index: i, num: num, axis: ax}, []*Node{x}, append([]int(nil), shape...), x.dtype, nil)
	}
	return parts
}

// unstackOp is slice index of num along axis.
type unstackOp struct{ index, num, axis int }

func (op unstackOp) aliasesInput() bool { return op.axis == 0 }

// geometry returns the input as outer blocks of num·inner values and the
// slice's shape.
func (op unstackOp) geometry(shape []int, buf []int) (outer, inner int, out []int, err error) {
	if op.axis >= len(shape) || shape[op.axis] != op.num {
		return 0, 0, nil, fmt.Errorf("input of shape %s does not have %d slices along axis %d",
			formatShape(shape), op.num, op.axis)
	}
	outer, _, inner = split3(shape, op.axis)
	out = append(append(buf[:0], shape[:op.axis]...), shape[op.axis+1:]...)
	return outer, inner, out, nil
}

func (op unstackOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	var buf [maxStackRank]int
	outer, inner, shape, err := op.geometry(x.shape, buf[:0])
	if err != nil {
		return err
	}
	if op.axis == 0 {
		off := op.index * inner
		e.alias(n, x.data[off:off+inner:off+inner], shape)
		return nil
	}
	out := e.output(n, shape...)
	for b := 0; b < outer; b++ {
		src := (b*op.num + op.index) * inner
		copy(out.data[b*inner:(b+1)*inner], x.data[src:src+inner])
	}
	return nil
}

func (op unstackOp) backward(e *execution, n *Node) error {
	xn := n.inputs[0]
	if !e.needsGrad(xn) {
		return nil
	}
	var buf [maxStackRank]int
	outer, inner, _, err := op.geometry(e.value(xn).shape, buf[:0])
	if err != nil {
		return err
	}
	g, dx := e.grad(n).data, e.grad(xn).data
	for b := 0; b < outer; b++ {
		dst := dx[(b*op.num+op.index)*inner:]
		for i, v := range g[b*inner : (b+1)*inner] {
			dst[i] += v
		}
	}
	return nil
}

// Stack joins nodes of one shape along a new axis, like tf.stack(xs,
// axis): 28 steps of [batch,n] stacked along axis 1 make [batch,28,n].
// axis may be from -(rank+1) to rank.
func Stack(xs []*Node, axis int) *Node {
	const name = "Stack"
	if len(xs) == 0 {
		return failedf(DefaultGraph(), name, nil, "no inputs")
	}
	g, err := operands(name, xs...)
	if err == nil {
		err = requireRank(name, xs...)
	}
	if err != nil {
		return failed(g, name, err, xs...)
	}
	first := xs[0]
	ax, ok := normAxis(axis, len(first.shape)+1)
	if !ok {
		return failedf(g, name, xs, "axis %d out of range for stacking inputs of shape %s", axis, formatShape(first.shape))
	}
	shape := append([]int(nil), first.shape...)
	for i, in := range xs[1:] {
		if in.dtype != first.dtype {
			return failedf(g, name, xs, "input %d is %s, input 0 is %s", i+1, in.dtype, first.dtype)
		}
		if len(in.shape) != len(shape) {
			return failedf(g, name, xs, "input %d has shape %s, input 0 has %s", i+1, formatShape(in.shape), formatShape(first.shape))
		}
		for d := range shape {
			if !dimsCompatible(shape[d], in.shape[d]) {
				return failedf(g, name, xs, "input %d has shape %s, input 0 has %s", i+1, formatShape(in.shape), formatShape(first.shape))
			}
			shape[d] = mergeDim(shape[d], in.shape[d])
		}
	}
	out := append(append(append([]int(nil), shape[:ax]...), len(xs)), shape[ax:]...)
	return newOp(g, name, stackOp{axis: ax}, append([]*Node(nil), xs...), out, first.dtype, nil)
}

// stackOp interleaves its inputs' blocks of the dimensions from axis on.
type stackOp struct{ axis int }

// geometry checks the inputs' run-time shapes and returns the number of
// outer blocks and the length of one input's block.
func (op stackOp) geometry(e *execution, n *Node) (outer, inner int, err error) {
	first := e.value(n.inputs[0])
	for i, in := range n.inputs[1:] {
		if v := e.value(in); !sameShape(v.shape, first.shape) {
			return 0, 0, fmt.Errorf("input %d has shape %s, input 0 has %s", i+1, formatShape(v.shape), formatShape(first.shape))
		}
	}
	if op.axis > len(first.shape) {
		return 0, 0, fmt.Errorf("axis %d out of range for inputs of shape %s", op.axis, formatShape(first.shape))
	}
	outer = shapeSize(first.shape[:op.axis])
	inner = shapeSize(first.shape[op.axis:])
	return outer, inner, nil
}

func (op stackOp) forward(e *execution, n *Node) error {
	outer, inner, err := op.geometry(e, n)
	if err != nil {
		return err
	}
	first := e.value(n.inputs[0])
	var buf [maxStackRank + 1]int
	shape := append(append(append(buf[:0], first.shape[:op.axis]...), len(n.inputs)), first.shape[op.axis:]...)
	out := e.output(n, shape...)
	k := len(n.inputs)
	for i, in := range n.inputs {
		src := e.value(in).data
		for b := 0; b < outer; b++ {
			copy(out.data[(b*k+i)*inner:(b*k+i+1)*inner], src[b*inner:(b+1)*inner])
		}
	}
	return nil
}

func (op stackOp) backward(e *execution, n *Node) error {
	outer, inner, err := op.geometry(e, n)
	if err != nil {
		return err
	}
	g := e.grad(n).data
	k := len(n.inputs)
	for i, in := range n.inputs {
		if !e.needsGrad(in) {
			continue
		}
		dx := e.grad(in).data
		for b := 0; b < outer; b++ {
			src := g[(b*k+i)*inner : (b*k+i+1)*inner]
			dst := dx[b*inner : (b+1)*inner]
			for j, v := range src {
				dst[j] += v
			}
		}
	}
	return nil
}
