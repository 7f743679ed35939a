package rnn

import (
	"fmt"
	"math"
)

// ClipByGlobalNorm scales the tensors ts together so that their global
// norm, the square root of the sum of all their squared elements, is at
// most clipNorm, like tf.clip_by_global_norm(ts, clip_norm): each result
// is t·clipNorm/max(norm, clipNorm). It returns the clipped tensors and
// the norm before clipping. With Gradients and Optimizer.ApplyGradients it
// clips a model's gradients before the update.
func ClipByGlobalNorm(ts []*Node, clipNorm float64) ([]*Node, *Node) {
	const name = "ClipByGlobalNorm"
	fail := func(g *Graph, err error) ([]*Node, *Node) {
		e := failed(g, name, err, ts...)
		out := make([]*Node, max(len(ts), 1))
		for i := range out {
			out[i] = e
		}
		return out, e
	}
	if len(ts) == 0 {
		return fail(DefaultGraph(), fmt.Errorf("no tensors"))
	}
	g, err := operands(name, ts...)
	if err == nil {
		err = requireFloat(name, ts...)
	}
	if err == nil && !(clipNorm > 0) {
		err = fmt.Errorf("clipNorm must be positive, got %g", clipNorm)
	}
	if err != nil {
		return fail(g, err)
	}
	norm := newOp(g, "GlobalNorm", globalNormOp{}, append([]*Node(nil), ts...), []int{}, Float32, nil)
	out := make([]*Node, len(ts))
	for i, t := range ts {
		out[i] = derived(newOp(g, name, clipOp{clip: float32(clipNorm)}, []*Node{t, norm}, append([]int(nil), t.shape...), Float32, nil), t)
	}
	return out, norm
}

// globalNormOp is the square root of the sum of its inputs' squares.
type globalNormOp struct{}

func (globalNormOp) forward(e *execution, n *Node) error {
	var s float64
	for _, in := range n.inputs {
		for _, v := range e.value(in).data {
			s += float64(v) * float64(v)
		}
	}
	e.output(n).data[0] = float32(math.Sqrt(s))
	return nil
}

func (globalNormOp) backward(e *execution, n *Node) error {
	norm := e.value(n).data[0]
	if norm == 0 {
		return nil
	}
	scale := e.grad(n).data[0] / norm
	for _, in := range n.inputs {
		if !e.needsGrad(in) {
			continue
		}
		dx := e.grad(in).data
		for i, v := range e.value(in).data {
			dx[i] += scale * v
		}
	}
	return nil
}

// clipOp scales its first input by clip/max(norm, clip), norm being its
// second input.
type clipOp struct{ clip float32 }

func (op clipOp) forward(e *execution, n *Node) error {
	x, norm := e.value(n.inputs[0]), e.value(n.inputs[1]).data[0]
	out := e.output(n, x.shape...).data
	scale := op.clip / max(norm, op.clip)
	for i, v := range x.data {
		out[i] = v * scale
	}
	return nil
}

func (op clipOp) backward(e *execution, n *Node) error {
	xn, nn := n.inputs[0], n.inputs[1]
	x, norm := e.value(xn).data, e.value(nn).data[0]
	g := e.grad(n).data
	scale := op.clip / max(norm, op.clip)
	if e.needsGrad(xn) {
		dx := e.grad(xn).data
		for i, v := range g {
			dx[i] += v * scale
		}
	}
	if norm > op.clip && e.needsGrad(nn) {
		var dot float32
		for i, v := range g {
			dot += v * x[i]
		}
		e.grad(nn).data[0] -= dot * op.clip / (norm * norm)
	}
	return nil
}

// ExponentialDecay returns the learning rate lr·decayRate^(step/decaySteps)
// as a node, like tf.train.exponential_decay(lr, global_step, decay_steps,
// decay_rate, staircase): with staircase the exponent is rounded down, so
// the rate falls in steps. step is usually an optimizer's GlobalStep, a
// variable made with Trainable(false); set the result as the optimizer's
// LearningRateNode.
func ExponentialDecay(lr float64, step *Node, decaySteps int, decayRate float64, staircase bool) *Node {
	const name = "ExponentialDecay"
	g, err := operands(name, step)
	if err == nil && decaySteps <= 0 {
		err = fmt.Errorf("decaySteps must be positive, got %d", decaySteps)
	}
	if err == nil && !(decayRate > 0) {
		err = fmt.Errorf("decayRate must be positive, got %g", decayRate)
	}
	if err != nil {
		return failed(g, name, err, step)
	}
	p := Div(Cast(step, Float32), g.Const(Scalar(float32(decaySteps))))
	if staircase {
		p = Floor(p)
	}
	return Mul(g.Const(Scalar(float32(lr))), Exp(Mul(p, g.Const(Scalar(float32(math.Log(decayRate)))))))
}

// ClipByValue limits every element of x to [lo, hi], like
// tf.clip_by_value(t, clip_value_min, clip_value_max). The gradient passes
// where lo <= x <= hi and is zero where the value was clipped, as
// TensorFlow's; TensorFlow-Examples clip a softmax to [1e-10, 1] before
// its logarithm so that the cross entropy stays finite.
func ClipByValue(x *Node, lo, hi float64) *Node {
	const name = "ClipByValue"
	g, err := operands(name, x)
	if err == nil {
		err = requireFloat(name, x)
	}
	if err == nil && (math.IsNaN(lo) || math.IsNaN(hi) || lo > hi) {
		err = fmt.Errorf("bounds [%g, %g] are not an interval: clip_value_min must be at most clip_value_max", lo, hi)
	}
	if err != nil {
		return failed(g, name, err, x)
	}
	op := clipValueOp{lo: float32(lo), hi: float32(hi)}
	return derived(newOp(g, name, op, []*Node{x}, append([]int(nil), x.shape...), Float32, nil), x)
}

// clipValueOp is ClipByValue's element-wise clamp.
type clipValueOp struct{ lo, hi float32 }

func (op clipValueOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	o := e.output(n, x.shape...).data
	for i, v := range x.data {
		o[i] = min(max(v, op.lo), op.hi)
	}
	return nil
}

func (op clipValueOp) backward(e *execution, n *Node) error {
	xn := n.inputs[0]
	if !e.needsGrad(xn) {
		return nil
	}
	x, g, dx := e.value(xn).data, e.grad(n).data, e.grad(xn).data
	for i, v := range g {
		if x[i] >= op.lo && x[i] <= op.hi {
			dx[i] += v
		}
	}
	return nil
}
