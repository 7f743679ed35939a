package rnn

import "fmt"

// GRU is TensorFlow's GRUCell (Cho et al. 2014, the reset gate applied
// before the recurrent product):
//
//	r, u = split(σ(concat([x, h])·gates/kernel + gates/bias), 2)
//	c    = tanh(concat([x, r·h])·candidate/kernel + candidate/bias)
//	h'   = u·h + (1-u)·c
//
// Its output and its state are both h', a *Node [batch, Units]. Its
// variables, made by the first call in the current variable scope, are
// "<scope>/gru_cell/gates/kernel" [inputs+Units, 2·Units] and
// ".../gates/bias" [2·Units] (ones, as in TensorFlow), and
// ".../candidate/kernel" [inputs+Units, Units] and ".../candidate/bias"
// [Units] (zeros); the kernels are Glorot-uniform.
//
// PyTorch's nn.GRU and nn.GRUCell are a different cell, not only another
// layout: they apply the reset gate after the recurrent product,
// n = tanh(W_in·x + b_in + r·(W_hn·h + b_hn)). Their gates map to these
// columns as r → the first half of gates, z → u (the second half), n →
// candidate, with weight matrices transposed and PyTorch's two biases
// summed for r and z; the candidate agrees only where r·(W_hn·h) equals
// W_hn·(r·h), so weights cannot be carried over exactly.
type GRU struct {
	Units int

	gateKernel, gateBias, candKernel, candBias *Node
}

// GRUCell returns a GRU cell with the given number of units, like
// tf.contrib.rnn.GRUCell(units).
func GRUCell(units int) *GRU { return &GRU{Units: units} }

// Variables returns the cell's gate kernel and bias and candidate kernel
// and bias, or nils before its first call.
func (c *GRU) Variables() (gateKernel, gateBias, candidateKernel, candidateBias *Node) {
	return c.gateKernel, c.gateBias, c.candKernel, c.candBias
}

// Call runs one time step on x [batch, inputs] from state, the previous
// h as a *Node (nil for the zero state), and returns h' as both the
// output and the new state. The step is one fused op.
func (c *GRU) Call(x *Node, state State) (*Node, State) {
	const name = "GRUCell"
	errOut := func(g *Graph, err error, in ...*Node) (*Node, State) {
		n := failed(g, name, err, in...)
		return n, n
	}
	if c == nil {
		g, _ := operands(name, x)
		return errOut(g, fmt.Errorf("nil cell"), x)
	}
	inputs := []*Node{x}
	switch s := state.(type) {
	case nil:
	case *Node:
		if s != nil {
			inputs = append(inputs, s)
		}
	default:
		g, _ := operands(name, x)
		return errOut(g, fmt.Errorf("state is a %T, want a *Node", state), x)
	}
	g, err := operands(name, inputs...)
	if err != nil {
		return errOut(g, err, inputs...)
	}
	if err := requireFloat(name, inputs...); err != nil {
		return errOut(g, err, inputs...)
	}
	if c.Units <= 0 {
		return errOut(g, fmt.Errorf("units must be positive, got %d", c.Units), x)
	}
	if len(x.shape) != 2 || x.shape[1] < 0 {
		return errOut(g, fmt.Errorf("input must be [batch, inputs] with known inputs, got %s", formatShape(x.shape)), x)
	}
	nIn, u := x.shape[1], c.Units
	batch := x.shape[0]
	if len(inputs) == 2 {
		h := inputs[1]
		if len(h.shape) != 2 || !dimsCompatible(h.shape[1], u) || !dimsCompatible(h.shape[0], batch) {
			return errOut(g, fmt.Errorf("state %s has shape %s, want [batch, %d] to match input %s",
				h.name, formatShape(h.shape), u, formatShape(x.shape)), inputs...)
		}
		batch = mergeDim(batch, h.shape[0])
	}
	if err := c.makeVariables(g, nIn); err != nil {
		return errOut(g, err, x)
	}
	stepInputs := []*Node{x, c.gateKernel, c.gateBias, c.candKernel, c.candBias}
	stepInputs = append(stepInputs, inputs[1:]...)
	h := newOp(g, "GRUStep", gruStepOp{units: u, nIn: nIn}, stepInputs, []int{batch, u}, Float32, nil)
	return h, h
}

// makeVariables gets or creates the cell's variables in g's current scope
// for inputs of nIn features.
func (c *GRU) makeVariables(g *Graph, nIn int) error {
	u := c.Units
	if c.gateKernel == nil || c.gateKernel.g != g {
		c.gateKernel = g.GetVariable("gru_cell/gates/kernel", GlorotUniform(nIn+u, 2*u))
		c.gateBias = g.GetVariable("gru_cell/gates/bias", Constant(1, 2*u))
		c.candKernel = g.GetVariable("gru_cell/candidate/kernel", GlorotUniform(nIn+u, u))
		c.candBias = g.GetVariable("gru_cell/candidate/bias", Zeros(u))
	}
	for _, v := range []*Node{c.gateKernel, c.gateBias, c.candKernel, c.candBias} {
		if v.err != nil {
			return v.err
		}
	}
	if c.gateKernel.shape[0] != nIn+u {
		return fmt.Errorf("inputs have %d features; the cell's kernel %s was made for %d",
			nIn, formatShape(c.gateKernel.shape), c.gateKernel.shape[0]-u)
	}
	return nil
}

// gruStepOp is one fused GRU step. Inputs: x [B,in], gate kernel and bias,
// candidate kernel and bias, then h [B,U] unless the state is zero.
// Value: h' [B,U]. It keeps r and u (aux 0), the candidate c (aux 1) and
// r·h (aux 2) for backward.
type gruStepOp struct{ units, nIn int }

// Buffers of a GRU step.
const (
	gruGates  = iota // σ of the gates, r then u, [B, 2U]
	gruCand          // tanh of the candidate, [B, U]
	gruRH            // r·h, [B, U]
	gruZero          // zeros standing for a zero state, [B, U]
	gruDGates        // backward: the gates' pre-activation gradients, [B, 2U]
	gruDCand         // backward: the candidate's pre-activation gradient, [B, U]
	gruDRH           // backward: the gradient of r·h, [B, U]
)

// prev returns the previous h, or zeros for the zero state.
func (op gruStepOp) prev(e *execution, n *Node, b int) []float32 {
	if len(n.inputs) == 6 {
		return e.value(n.inputs[5]).data
	}
	z := e.scratch(n, gruZero, b*op.units)
	clear(z)
	return z
}

func (op gruStepOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	u, nIn := op.units, op.nIn
	if len(x.shape) != 2 || x.shape[1] != nIn {
		return fmt.Errorf("input has shape %s, want [batch, %d]", formatShape(x.shape), nIn)
	}
	b := x.shape[0]
	if len(n.inputs) == 6 {
		if hv := e.value(n.inputs[5]); !sameShape(hv.shape, []int{b, u}) {
			return fmt.Errorf("state shape %s does not match input %s and %d units", formatShape(hv.shape), formatShape(x.shape), u)
		}
	}
	gk, gb := e.value(n.inputs[1]).data, e.value(n.inputs[2]).data
	ck, cb := e.value(n.inputs[3]).data, e.value(n.inputs[4]).data
	h := op.prev(e, n, b)
	u2 := 2 * u
	gates := e.scratch(n, gruGates, b*u2)
	cand := e.scratch(n, gruCand, b*u)
	rh := e.scratch(n, gruRH, b*u)
	if err := e.matmul(false, false, b, u2, nIn, x.data, nIn, gk, u2, 0, gates, u2); err != nil {
		return err
	}
	if err := e.matmul(false, false, b, u2, u, h, u, gk[nIn*u2:], u2, 1, gates, u2); err != nil {
		return err
	}
	gruGatesRows(gruBestPath, gates, gb, h, rh, u, b, u)
	if err := e.matmul(false, false, b, u, nIn, x.data, nIn, ck, u, 0, cand, u); err != nil {
		return err
	}
	if err := e.matmul(false, false, b, u, u, rh, u, ck[nIn*u:], u, 1, cand, u); err != nil {
		return err
	}
	out := e.output(n, b, u)
	gruCandRows(gruBestPath, cand, cb, gates, h, out.data, b, u)
	if !e.training() {
		e.dropScratch(n)
	}
	return nil
}

func (op gruStepOp) backward(e *execution, n *Node) error {
	xN := n.inputs[0]
	x := e.value(xN).data
	u, nIn, u2 := op.units, op.nIn, 2*op.units
	b := len(x) / nIn
	gk, ck := e.value(n.inputs[1]).data, e.value(n.inputs[3]).data
	st := e.s.state(n)
	gates, cand, rh := st.aux[gruGates][:b*u2], st.aux[gruCand][:b*u], st.aux[gruRH][:b*u]
	h := op.prev(e, n, b)
	var hN *Node
	if len(n.inputs) == 6 {
		hN = n.inputs[5]
	}
	dOut := e.grad(n).data
	dG := e.scratch(n, gruDGates, b*u2)
	dC := e.scratch(n, gruDCand, b*u)
	// The candidate's gradient, and the update gate's half of dG.
	for r := range b {
		z := gates[r*u2+u : (r+1)*u2]
		c, hr, d := cand[r*u:(r+1)*u], h[r*u:(r+1)*u], dOut[r*u:(r+1)*u]
		dz, dc := dG[r*u2+u:(r+1)*u2], dC[r*u:(r+1)*u]
		for q := range d {
			dz[q] = d[q] * (hr[q] - c[q]) * z[q] * (1 - z[q])
			dc[q] = d[q] * (1 - z[q]) * (1 - c[q]*c[q])
		}
	}
	dck, dcb := op.gradOf(e, n, 3), op.gradOf(e, n, 4)
	if dck != nil {
		if err := e.matmul(true, false, nIn, u, b, x, nIn, dC, u, 1, dck, u); err != nil {
			return err
		}
		if hN != nil {
			if err := e.matmul(true, false, u, u, b, rh, u, dC, u, 1, dck[nIn*u:], u); err != nil {
				return err
			}
		}
	}
	if dcb != nil {
		for r := range b {
			addTo(dcb, dC[r*u:(r+1)*u])
		}
	}
	var dh []float32
	if hN != nil && e.needsGrad(hN) {
		dh = e.grad(hN).data
	}
	// The reset gate's half of dG, through r·h; the direct path u·h.
	if hN != nil {
		dRH := e.scratch(n, gruDRH, b*u)
		if err := e.matmul(false, true, b, u, u, dC, u, ck[nIn*u:], u, 0, dRH, u); err != nil {
			return err
		}
		for r := range b {
			rg := gates[r*u2 : r*u2+u]
			z := gates[r*u2+u : (r+1)*u2]
			hr, drh, dr := h[r*u:(r+1)*u], dRH[r*u:(r+1)*u], dG[r*u2:r*u2+u]
			for q := range dr {
				dr[q] = drh[q] * hr[q] * rg[q] * (1 - rg[q])
			}
			if dh != nil {
				dhr, d := dh[r*u:(r+1)*u], dOut[r*u:(r+1)*u]
				for q := range dhr {
					dhr[q] += drh[q]*rg[q] + d[q]*z[q]
				}
			}
		}
	} else {
		for r := range b {
			clear(dG[r*u2 : r*u2+u])
		}
	}
	dgk, dgb := op.gradOf(e, n, 1), op.gradOf(e, n, 2)
	if dgk != nil {
		if err := e.matmul(true, false, nIn, u2, b, x, nIn, dG, u2, 1, dgk, u2); err != nil {
			return err
		}
		if hN != nil {
			if err := e.matmul(true, false, u, u2, b, h, u, dG, u2, 1, dgk[nIn*u2:], u2); err != nil {
				return err
			}
		}
	}
	if dgb != nil {
		for r := range b {
			addTo(dgb, dG[r*u2:(r+1)*u2])
		}
	}
	if e.needsGrad(xN) {
		dx := e.grad(xN).data
		if err := e.matmul(false, true, b, nIn, u, dC, u, ck, u, 1, dx, nIn); err != nil {
			return err
		}
		if err := e.matmul(false, true, b, nIn, u2, dG, u2, gk, u2, 1, dx, nIn); err != nil {
			return err
		}
	}
	if dh != nil {
		if err := e.matmul(false, true, b, u, u2, dG, u2, gk[nIn*u2:], u2, 1, dh, u); err != nil {
			return err
		}
	}
	return nil
}

// gradOf returns the gradient buffer of input i, or nil when the pass
// does not need it.
func (gruStepOp) gradOf(e *execution, n *Node, i int) []float32 {
	if !e.needsGrad(n.inputs[i]) {
		return nil
	}
	return e.grad(n.inputs[i]).data
}
