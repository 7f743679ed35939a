package rnn

import (
	"fmt"
	"math"
)

// reduceOp sums or averages all elements (axis < 0) or along one axis.
type reduceOp struct {
	mean bool
	all  bool
	axis int
}

func reduce(name string, x *Node, mean, all bool, axis int) *Node {
	g, err := operands(name, x)
	if err != nil {
		return failed(g, name, err, x)
	}
	if err := requireFloat(name, x); err != nil {
		return failed(g, name, err, x)
	}
	if all {
		return newOp(g, name, reduceOp{mean: mean, all: true}, []*Node{x}, []int{}, Float32, nil)
	}
	if x.unknownRank {
		// The axis is resolved when the rank is known, at run time.
		return derived(newOp(g, name, reduceOp{mean: mean, axis: axis}, []*Node{x}, nil, Float32, nil), x)
	}
	ax, ok := normAxis(axis, len(x.shape))
	if !ok {
		return failedf(g, name, []*Node{x}, "axis %d out of range for shape %s", axis, formatShape(x.shape))
	}
	shape := append(append([]int(nil), x.shape[:ax]...), x.shape[ax+1:]...)
	return newOp(g, name, reduceOp{mean: mean, axis: ax}, []*Node{x}, shape, Float32, nil)
}

// ReduceMean returns the mean of all elements of x as a scalar, like
// tf.reduce_mean(x).
func ReduceMean(x *Node) *Node { return reduce("ReduceMean", x, true, true, 0) }

// ReduceSum returns the sum of all elements of x as a scalar, like
// tf.reduce_sum(x).
func ReduceSum(x *Node) *Node { return reduce("ReduceSum", x, false, true, 0) }

// ReduceMeanAxis averages x along one axis, which disappears from the
// shape, like tf.reduce_mean(x, axis).
func ReduceMeanAxis(x *Node, axis int) *Node { return reduce("ReduceMean", x, true, false, axis) }

// ReduceSumAxis sums x along one axis, which disappears from the shape,
// like tf.reduce_sum(x, axis).
func ReduceSumAxis(x *Node, axis int) *Node { return reduce("ReduceSum", x, false, false, axis) }

// split3 returns the product of the dimensions before, at and after axis.
func split3(shape []int, axis int) (outer, mid, inner int) {
	outer, inner = 1, 1
	for _, d := range shape[:axis] {
		outer *= d
	}
	for _, d := range shape[axis+1:] {
		inner *= d
	}
	return outer, shape[axis], inner
}

func (op reduceOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	if op.all {
		var s float64
		for _, v := range x.data {
			s += float64(v)
		}
		if op.mean {
			if len(x.data) == 0 {
				s = math.NaN()
			} else {
				s /= float64(len(x.data))
			}
		}
		out := e.output(n)
		out.data[0] = float32(s)
		return nil
	}
	ax, ok := normAxis(op.axis, len(x.shape))
	if !ok {
		return fmt.Errorf("axis %d out of range for shape %s", op.axis, formatShape(x.shape))
	}
	outer, mid, inner := split3(x.shape, ax)
	shape := append(append([]int(nil), x.shape[:ax]...), x.shape[ax+1:]...)
	out := e.output(n, shape...)
	clear(out.data)
	for o := 0; o < outer; o++ {
		dst := out.data[o*inner : (o+1)*inner]
		for m := 0; m < mid; m++ {
			src := x.data[(o*mid+m)*inner : (o*mid+m+1)*inner]
			for i, v := range src {
				dst[i] += v
			}
		}
	}
	if op.mean && mid > 0 {
		inv := 1 / float32(mid)
		for i := range out.data {
			out.data[i] *= inv
		}
	}
	return nil
}

func (op reduceOp) backward(e *execution, n *Node) error {
	x := n.inputs[0]
	if !e.needsGrad(x) {
		return nil
	}
	xv := e.value(x)
	g := e.grad(n).data
	dx := e.grad(x).data
	if op.all {
		v := g[0]
		if op.mean && len(dx) > 0 {
			v /= float32(len(dx))
		}
		for i := range dx {
			dx[i] += v
		}
		return nil
	}
	ax, _ := normAxis(op.axis, len(xv.shape))
	outer, mid, inner := split3(xv.shape, ax)
	scale := float32(1)
	if op.mean && mid > 0 {
		scale = 1 / float32(mid)
	}
	for o := 0; o < outer; o++ {
		src := g[o*inner : (o+1)*inner]
		for m := 0; m < mid; m++ {
			dst := dx[(o*mid+m)*inner : (o*mid+m+1)*inner]
			for i, v := range src {
				dst[i] += v * scale
			}
		}
	}
	return nil
}

// ArgMax returns the index of the largest value along axis (the first one
// on ties), as an Int64 node, like tf.argmax(x, axis).
func ArgMax(x *Node, axis int) *Node {
	g, err := operands("ArgMax", x)
	if err != nil {
		return failed(g, "ArgMax", err, x)
	}
	if x.unknownRank {
		return derived(newOp(g, "ArgMax", argMaxOp{axis: axis}, []*Node{x}, nil, Int64, nil), x)
	}
	ax, ok := normAxis(axis, len(x.shape))
	if !ok {
		return failedf(g, "ArgMax", []*Node{x}, "axis %d out of range for shape %s", axis, formatShape(x.shape))
	}
	shape := append(append([]int(nil), x.shape[:ax]...), x.shape[ax+1:]...)
	return newOp(g, "ArgMax", argMaxOp{axis: ax}, []*Node{x}, shape, Int64, nil)
}

type argMaxOp struct{ axis int }

func (op argMaxOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	ax, ok := normAxis(op.axis, len(x.shape))
	if !ok || x.shape[ax] == 0 {
		return fmt.Errorf("cannot take the arg max along axis %d of shape %s", op.axis, formatShape(x.shape))
	}
	outer, mid, inner := split3(x.shape, ax)
	shape := append(append([]int(nil), x.shape[:ax]...), x.shape[ax+1:]...)
	out := e.output(n, shape...)
	for o := 0; o < outer; o++ {
		for i := 0; i < inner; i++ {
			best, at := x.data[o*mid*inner+i], 0
			for m := 1; m < mid; m++ {
				if v := x.data[(o*mid+m)*inner+i]; v > best {
					best, at = v, m
				}
			}
			out.data[o*inner+i] = float32(at)
		}
	}
	return nil
}

func (argMaxOp) backward(*execution, *Node) error { return nil }

// Softmax returns exp(x)/sum(exp(x)) along the last axis, like
// tf.nn.softmax.
func Softmax(x *Node) *Node {
	g, err := operands("Softmax", x)
	if err != nil {
		return failed(g, "Softmax", err, x)
	}
	if err := requireFloat("Softmax", x); err != nil {
		return failed(g, "Softmax", err, x)
	}
	if len(x.shape) == 0 && !x.unknownRank {
		return failedf(g, "Softmax", []*Node{x}, "input must have at least one dimension")
	}
	return derived(newOp(g, "Softmax", softmaxOp{}, []*Node{x}, append([]int(nil), x.shape...), Float32, nil), x)
}

type softmaxOp struct{}

// softmaxRow writes softmax(z) to p and returns log(sum(exp(z))).
func softmaxRow(z, p []float32) float64 {
	mx := z[0]
	for _, v := range z[1:] {
		mx = max(mx, v)
	}
	var sum float64
	for i, v := range z {
		ev := math.Exp(float64(v - mx))
		p[i] = float32(ev)
		sum += ev
	}
	inv := 1 / sum
	for i := range p {
		p[i] = float32(float64(p[i]) * inv)
	}
	return float64(mx) + math.Log(sum)
}

func (softmaxOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	if len(x.shape) == 0 {
		return fmt.Errorf("input must have at least one dimension, got a scalar")
	}
	out := e.output(n, x.shape...)
	c := x.shape[len(x.shape)-1]
	if c == 0 {
		return nil
	}
	for r := 0; r < len(x.data); r += c {
		softmaxRow(x.data[r:r+c], out.data[r:r+c])
	}
	return nil
}

func (softmaxOp) backward(e *execution, n *Node) error {
	x := n.inputs[0]
	if !e.needsGrad(x) {
		return nil
	}
	y := e.value(n)
	g, dx := e.grad(n).data, e.grad(x).data
	c := y.shape[len(y.shape)-1]
	for r := 0; r < len(g) && c > 0; r += c {
		var dot float32
		for i := 0; i < c; i++ {
			dot += g[r+i] * y.data[r+i]
		}
		for i := 0; i < c; i++ {
			dx[r+i] += (g[r+i] - dot) * y.data[r+i]
		}
	}
	return nil
}

// SoftmaxCrossEntropyWithLogits returns, for each row, the cross entropy
// -sum(labels·log(softmax(logits))) along the last axis, like
// tf.nn.softmax_cross_entropy_with_logits(labels=..., logits=...). The
// result has the shape of logits without its last dimension.
func SoftmaxCrossEntropyWithLogits(labels, logits *Node) *Node {
	const name = "SoftmaxCrossEntropyWithLogits"
	g, err := operands(name, labels, logits)
	if err != nil {
		return failed(g, name, err, labels, logits)
	}
	if err := requireFloat(name, labels, logits); err != nil {
		return failed(g, name, err, labels, logits)
	}
	if anyUnknownRank(labels, logits) {
		return derived(newOp(g, name, xentOp{}, []*Node{labels, logits}, nil, Float32, nil), labels, logits)
	}
	if len(logits.shape) == 0 || len(labels.shape) != len(logits.shape) {
		return failedf(g, name, []*Node{labels, logits}, "labels %s and logits %s must have the same shape of rank >= 1",
			formatShape(labels.shape), formatShape(logits.shape))
	}
	for i := range logits.shape {
		if !dimsCompatible(labels.shape[i], logits.shape[i]) {
			return failedf(g, name, []*Node{labels, logits}, "labels %s and logits %s differ in dimension %d",
				formatShape(labels.shape), formatShape(logits.shape), i)
		}
	}
	shape := make([]int, len(logits.shape)-1)
	for i := range shape {
		shape[i] = mergeDim(labels.shape[i], logits.shape[i])
	}
	return newOp(g, name, xentOp{}, []*Node{labels, logits}, shape, Float32, nil)
}

// xentOp keeps softmax(logits) and log-sum-exp per row for backward.
type xentOp struct{}

func (xentOp) forward(e *execution, n *Node) error {
	y, z := e.value(n.inputs[0]), e.value(n.inputs[1])
	if !sameShape(y.shape, z.shape) || len(z.shape) == 0 {
		return fmt.Errorf("labels %s and logits %s must have the same shape of rank >= 1", formatShape(y.shape), formatShape(z.shape))
	}
	c := z.shape[len(z.shape)-1]
	out := e.output(n, z.shape[:len(z.shape)-1]...)
	if c == 0 {
		clear(out.data)
		return nil
	}
	probs := e.scratch(n, 0, len(z.data))
	lses := e.scratch(n, 1, len(out.data))
	for r := range out.data {
		zr, yr := z.data[r*c:(r+1)*c], y.data[r*c:(r+1)*c]
		lse := softmaxRow(zr, probs[r*c:(r+1)*c])
		var loss float64
		for i, yv := range yr {
			loss -= float64(yv) * (float64(zr[i]) - lse)
		}
		out.data[r] = float32(loss)
		lses[r] = float32(lse)
	}
	if !e.training() {
		e.dropScratch(n)
	}
	return nil
}

func (xentOp) backward(e *execution, n *Node) error {
	labels, logits := n.inputs[0], n.inputs[1]
	y, z := e.value(labels), e.value(logits)
	c := z.shape[len(z.shape)-1]
	g := e.grad(n).data
	st := e.s.state(n)
	probs, lses := st.aux[0], st.aux[1]
	for r, gr := range g {
		yr, zr, pr := y.data[r*c:(r+1)*c], z.data[r*c:(r+1)*c], probs[r*c:(r+1)*c]
		if e.needsGrad(logits) {
			var ysum float32
			for _, v := range yr {
				ysum += v
			}
			dz := e.grad(logits).data[r*c : (r+1)*c]
			for i := range dz {
				dz[i] += gr * (ysum*pr[i] - yr[i])
			}
		}
		if e.needsGrad(labels) {
			dy := e.grad(labels).data[r*c : (r+1)*c]
			for i := range dy {
				dy[i] += gr * (lses[r] - zr[i])
			}
		}
	}
	return nil
}
