package rnn

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/blas/blas32"
)

// optimizerKind selects an Optimizer's update rule.
type optimizerKind int

const (
	optGD optimizerKind = iota
	optMomentum
	optAdam
	optRMSProp
)

var optimizerNames = [...]string{optGD: "GradientDescent", optMomentum: "Momentum", optAdam: "Adam", optRMSProp: "RMSProp"}

// Optimizer holds an update rule and its hyper-parameters, like the
// tf.train optimizers. Its state (momentum, Adam's moments) lives in the
// session that runs the training op.
//
// A training op reads the optimizer's fields each time it runs, so a rate
// changed after Minimize applies from the next step on. For a schedule
// computed in the graph, set LearningRateNode before Minimize: a
// placeholder fed each step, or an expression of GlobalStep such as
// ExponentialDecay. Setting LearningRateNode or GlobalStep after Minimize
// makes that training op fail, since its graph does not compute them.
type Optimizer struct {
	kind         optimizerKind
	LearningRate float64
	Momentum     float64 // Momentum and RMSProp
	Beta1, Beta2 float64 // Adam
	Decay        float64 // RMSProp
	Epsilon      float64 // Adam and RMSProp

	// LearningRateNode, when not nil, is the learning rate instead of
	// LearningRate: a node holding one value, computed (or fed) at each
	// step, like passing a tensor as TensorFlow's learning_rate.
	LearningRateNode *Node
	// GlobalStep, when not nil, is a variable holding one value that each
	// step of the training op increments after the update, like
	// minimize(cost, global_step=step); make it with Trainable(false).
	GlobalStep *Node
}

// GradientDescentOptimizer updates var -= lr·grad, like
// tf.train.GradientDescentOptimizer.
func GradientDescentOptimizer(lr float64) *Optimizer {
	return &Optimizer{kind: optGD, LearningRate: lr}
}

// MomentumOptimizer updates accum = momentum·accum + grad; var -= lr·accum,
// like tf.train.MomentumOptimizer.
func MomentumOptimizer(lr, momentum float64) *Optimizer {
	return &Optimizer{kind: optMomentum, LearningRate: lr, Momentum: momentum}
}

// AdamOptimizer is tf.train.AdamOptimizer with its defaults beta1 0.9,
// beta2 0.999 and epsilon 1e-8.
func AdamOptimizer(lr float64) *Optimizer {
	return &Optimizer{kind: optAdam, LearningRate: lr, Beta1: 0.9, Beta2: 0.999, Epsilon: 1e-8}
}

// RMSPropOptimizer is tf.train.RMSPropOptimizer with its defaults decay
// 0.9, momentum 0 and epsilon 1e-10; like TensorFlow it starts the mean
// square at 1.
func RMSPropOptimizer(lr float64) *Optimizer {
	return &Optimizer{kind: optRMSProp, LearningRate: lr, Decay: 0.9, Epsilon: 1e-10}
}

// Minimize returns a training op that, each time it runs, computes the
// gradients of cost with respect to every trainable variable cost depends
// on and applies one update, like optimizer.minimize(cost). Running it
// returns no value.
func (o *Optimizer) Minimize(cost *Node) *Node {
	g, err := operands("Minimize", cost)
	if err != nil {
		return failed(g, "Minimize", err, cost)
	}
	if o == nil {
		return failedf(g, "Minimize", []*Node{cost}, "nil optimizer")
	}
	vars := trainableAncestors(cost)
	if len(vars) == 0 {
		return failedf(g, "Minimize", []*Node{cost}, "cost %s depends on no trainable variable", cost.name)
	}
	return o.MinimizeVars(cost, vars)
}

// MinimizeVars is Minimize restricted to the given variables.
func (o *Optimizer) MinimizeVars(cost *Node, vars []*Node) *Node {
	name := "Minimize"
	if o != nil {
		name = optimizerNames[o.kind]
	}
	all := append([]*Node{cost}, vars...)
	g, err := operands(name, all...)
	if err != nil {
		return failed(g, name, err, all...)
	}
	if o == nil {
		return failedf(g, name, all, "nil optimizer")
	}
	if err := checkVariables(vars); err != nil {
		return failed(g, name, err, all...)
	}
	bp, err := backprop(g, cost, vars)
	if err != nil {
		return failed(g, name, err, all...)
	}
	return o.trainNode(g, name, []*Node{bp}, vars, nil, all)
}

// ApplyGradients returns a training op that applies one update to each
// variable from the value of its gradient node, like
// optimizer.apply_gradients(zip(grads, vars)). It is the second half of
// Minimize, for gradients changed in between, as by ClipByGlobalNorm:
//
//	grads, _ := rnn.ClipByGlobalNorm(rnn.Gradients(cost, vars), 5)
//	train := opt.ApplyGradients(grads, vars)
func (o *Optimizer) ApplyGradients(grads, vars []*Node) *Node {
	name := "ApplyGradients"
	if o != nil {
		name = optimizerNames[o.kind]
	}
	all := append(append([]*Node(nil), grads...), vars...)
	if len(all) == 0 {
		return failedf(DefaultGraph(), name, nil, "no gradients and variables")
	}
	g, err := operands(name, all...)
	if err != nil {
		return failed(g, name, err, all...)
	}
	if o == nil {
		return failedf(g, name, all, "nil optimizer")
	}
	if len(grads) != len(vars) {
		return failedf(g, name, all, "%d gradients for %d variables", len(grads), len(vars))
	}
	if err := checkVariables(vars); err != nil {
		return failed(g, name, err, all...)
	}
	for i, gr := range grads {
		if !gr.unknownRank && shapeKnown(gr.shape) && !sameShape(gr.shape, vars[i].shape) {
			return failedf(g, name, all, "gradient %d (%s) has shape %s, variable %s has %s",
				i, gr.name, formatShape(gr.shape), vars[i].name, formatShape(vars[i].shape))
		}
	}
	return o.trainNode(g, name, append([]*Node(nil), grads...), vars, grads, all)
}

// checkVariables reports a node that is not a variable.
func checkVariables(vars []*Node) error {
	for _, v := range vars {
		if _, ok := v.op.(variableOp); !ok {
			return fmt.Errorf("%s is a %s, not a variable", v.name, v.opType)
		}
	}
	return nil
}

// trainNode adds the training op over inputs (the backward pass, or the
// gradient nodes), with the optimizer's rate node and step variable.
func (o *Optimizer) trainNode(g *Graph, name string, inputs, vars, grads, all []*Node) *Node {
	op := &trainOp{opt: o, vars: append([]*Node(nil), vars...), grads: grads, rate: o.LearningRateNode, step: o.GlobalStep}
	if op.rate == nil && !(o.LearningRate > 0) {
		return failedf(g, name, all, "learning rate must be positive, got %g", o.LearningRate)
	}
	for _, extra := range []*Node{op.rate, op.step} {
		if extra == nil {
			continue
		}
		if _, err := operands(name, append(all, extra)...); err != nil {
			return failed(g, name, err, append(all, extra)...)
		}
		inputs = append(inputs, extra)
	}
	if op.step != nil {
		if _, ok := op.step.op.(variableOp); !ok || shapeSize(op.step.shape) != 1 {
			return failedf(g, name, all, "GlobalStep %s must be a variable holding one value", op.step.name)
		}
	}
	return newOp(g, name, op, inputs, nil, Float32, nil)
}

// trainableAncestors lists the trainable variables cost depends on, in
// creation order.
func trainableAncestors(cost *Node) []*Node {
	seen := map[*Node]bool{}
	var vars []*Node
	stack := []*Node{cost}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		if _, ok := n.op.(variableOp); ok && n.trainable {
			vars = append(vars, n)
		}
		stack = append(stack, n.inputs...)
	}
	slices.SortFunc(vars, func(a, b *Node) int { return a.id - b.id })
	return vars
}

// trainOp applies an optimizer's update to its variables from the
// gradients its backprop input computed, or from gradient nodes.
type trainOp struct {
	opt   *Optimizer // read at each step
	vars  []*Node
	grads []*Node // nil: the backward pass's gradients of vars
	rate  *Node   // the optimizer's LearningRateNode when it was built
	step  *Node   // its GlobalStep
}

func (*trainOp) valueless() {}

// learningRate returns the rate of this step.
func (op *trainOp) learningRate(e *execution) (float64, error) {
	o := op.opt
	if o.LearningRateNode != op.rate || o.GlobalStep != op.step {
		return 0, fmt.Errorf("the optimizer's LearningRateNode or GlobalStep changed after this training op was built: build it again with Minimize")
	}
	lr := o.LearningRate
	if op.rate != nil {
		v := e.value(op.rate)
		if len(v.data) != 1 {
			return 0, fmt.Errorf("learning rate %s holds %d values (shape %s), want one", op.rate.name, len(v.data), formatShape(v.shape))
		}
		lr = float64(v.data[0])
	}
	if !(lr > 0) || math.IsInf(lr, 0) {
		return 0, fmt.Errorf("learning rate must be positive and finite, got %g", lr)
	}
	return lr, nil
}

func (op *trainOp) forward(e *execution, n *Node) error {
	lr64, err := op.learningRate(e)
	if err != nil {
		return err
	}
	st := e.s.state(n)
	st.step++
	o := *op.opt
	o.LearningRate = lr64
	lr := float32(lr64)
	for i, v := range op.vars {
		w := e.value(v).data
		var g []float32
		if op.grads != nil {
			g = e.value(op.grads[i]).data
		} else {
			g = e.grad(v).data
		}
		if len(g) != len(w) {
			return fmt.Errorf("variable %s: gradient has %d values for %d", v.name, len(g), len(w))
		}
		switch o.kind {
		case optGD:
			// w -= lr·g as w + (-lr)·g, the same bits, in gonum's vector loop.
			blas32.Axpy(-lr, blas32.Vector{N: len(g), Inc: 1, Data: g}, blas32.Vector{N: len(w), Inc: 1, Data: w})
		case optMomentum:
			acc := e.slot(n, i, 0, len(w), 0)
			mom := float32(o.Momentum)
			for j, gv := range g {
				acc[j] = acc[j]*mom + gv
				w[j] -= lr * acc[j]
			}
		case optAdam:
			m := e.slot(n, i, 0, len(w), 0)
			vv := e.slot(n, i, 1, len(w), 0)
			t := float64(st.step)
			lrt := float32(o.LearningRate * math.Sqrt(1-math.Pow(o.Beta2, t)) / (1 - math.Pow(o.Beta1, t)))
			b1, b2 := float32(o.Beta1), float32(o.Beta2)
			adamUpdate(w, g, m, vv, adamParams{lrt: lrt, b1: b1, c1: 1 - b1, b2: b2, c2: 1 - b2, eps: float32(o.Epsilon)})
		case optRMSProp:
			ms := e.slot(n, i, 0, len(w), 1)
			mom := e.slot(n, i, 1, len(w), 0)
			decay, eps, mu := float32(o.Decay), float32(o.Epsilon), float32(o.Momentum)
			for j, gv := range g {
				ms[j] = decay*ms[j] + (1-decay)*gv*gv
				mom[j] = mu*mom[j] + lr*gv/float32(math.Sqrt(float64(ms[j]+eps)))
				w[j] -= mom[j]
			}
		}
	}
	if op.step != nil {
		e.value(op.step).data[0]++
	}
	return nil
}

func (*trainOp) backward(*execution, *Node) error { return nil }

// slot returns optimizer state k of variable i for the train op n,
// creating it filled with start on first use.
func (e *execution) slot(n *Node, i, k, size int, start float32) []float32 {
	st := e.s.state(n)
	idx := 2*i + k
	for len(st.aux) <= idx {
		st.aux = append(st.aux, nil)
	}
	if len(st.aux[idx]) != size {
		b := make([]float32, size)
		for j := range b {
			b[j] = start
		}
		st.aux[idx] = b
	}
	return st.aux[idx]
}
