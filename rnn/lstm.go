package rnn

import "fmt"

// LSTMCell is TensorFlow's BasicLSTMCell: gates = concat([x, h])·kernel +
// bias, split into i, j, f, o; c' = c·σ(f+ForgetBias) + σ(i)·tanh(j);
// h' = tanh(c')·σ(o). Its variables, kernel [inputs+Units, 4·Units]
// (Glorot-uniform) and bias [4·Units] (zeros), are created by the first
// call inside the current variable scope, as
// "<scope>/basic_lstm_cell/kernel" and ".../bias". (TensorFlow's
// static_rnn adds one more level, "<scope>/rnn/basic_lstm_cell/kernel".)
type LSTMCell struct {
	Units      int
	ForgetBias float64
	kernel     *Node
	bias       *Node
}

// LSTMState is an LSTM's memory: the cell state C and the output H, each
// [batch, units].
type LSTMState struct {
	C, H *Node
}

// BasicLSTMCell returns a cell with the given number of units, like
// tf.contrib.rnn.BasicLSTMCell(units, forget_bias=forgetBias).
func BasicLSTMCell(units int, forgetBias float64) *LSTMCell {
	return &LSTMCell{Units: units, ForgetBias: forgetBias}
}

// Variables returns the cell's kernel and bias, or nils before its first
// call.
func (c *LSTMCell) Variables() (kernel, bias *Node) { return c.kernel, c.bias }

// Call runs one time step on x [batch, inputs] from state (the zero state
// when state.C and state.H are nil) and returns the output h' and the new
// state. The step is one fused op: one pass of matrix products for all
// four gates and one pass of element-wise work.
func (c *LSTMCell) Call(x *Node, state LSTMState) (*Node, LSTMState) {
	return c.call(x, state, nil)
}

// call is Call; proj, when not nil, is this step's part of the input
// projection (see projectInputs), which the step uses instead of x when the
// run computed it.
func (c *LSTMCell) call(x *Node, state LSTMState, proj *Node) (*Node, LSTMState) {
	const name = "BasicLSTMCell"
	errOut := func(g *Graph, err error, in ...*Node) (*Node, LSTMState) {
		n := failed(g, name, err, in...)
		return n, LSTMState{C: n, H: n}
	}
	if c == nil {
		g, _ := operands(name, x)
		return errOut(g, fmt.Errorf("nil cell"), x)
	}
	inputs := []*Node{x}
	if state.C != nil || state.H != nil {
		inputs = append(inputs, state.C, state.H)
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
	for _, s := range inputs[1:] {
		if len(s.shape) != 2 || !dimsCompatible(s.shape[1], u) || !dimsCompatible(s.shape[0], x.shape[0]) {
			return errOut(g, fmt.Errorf("state %s has shape %s, want [batch, %d] to match input %s",
				s.name, formatShape(s.shape), u, formatShape(x.shape)), inputs...)
		}
	}
	if err := c.makeVariables(g, nIn); err != nil {
		return errOut(g, err, x)
	}
	batch := x.shape[0]
	for _, s := range inputs[1:] {
		batch = mergeDim(batch, s.shape[0])
	}
	op := lstmStepOp{units: u, nIn: nIn, forgetBias: float32(c.ForgetBias), hasState: len(inputs) == 3}
	stepInputs := []*Node{x, c.kernel, c.bias}
	if op.hasState {
		stepInputs = append(stepInputs, inputs[1], inputs[2])
	}
	if proj != nil {
		op.projected = true
		stepInputs = append(stepInputs, proj)
	}
	step := newOp(g, "LSTMStep", op, stepInputs, []int{2, batch, u}, Float32, nil)
	cNode := newOp(g, "LSTMState", lstmPartOp{part: 0}, []*Node{step}, []int{batch, u}, Float32, nil)
	hNode := newOp(g, "LSTMOutput", lstmPartOp{part: 1}, []*Node{step}, []int{batch, u}, Float32, nil)
	return hNode, LSTMState{C: cNode, H: hNode}
}

// makeVariables gets or creates the cell's kernel and bias in g's current
// scope for inputs of nIn features.
func (c *LSTMCell) makeVariables(g *Graph, nIn int) error {
	u := c.Units
	if c.kernel == nil || c.kernel.g != g {
		c.kernel = g.GetVariable("basic_lstm_cell/kernel", GlorotUniform(nIn+u, 4*u))
		c.bias = g.GetVariable("basic_lstm_cell/bias", Zeros(4*u))
	}
	if c.kernel.err != nil {
		return c.kernel.err
	}
	if c.bias.err != nil {
		return c.bias.err
	}
	if c.kernel.shape[0] != nIn+u {
		return fmt.Errorf("inputs have %d features; the cell's kernel %s was made for %d",
			nIn, formatShape(c.kernel.shape), c.kernel.shape[0]-u)
	}
	return nil
}

// splitSource returns the node that inputs are the parts of, in order,
// when they come from one Split along axis 0 (as the tutorial's Hsplit
// does) of a matrix with a known number of columns.
func splitSource(inputs []*Node) (*Node, bool) {
	var src *Node
	for t, x := range inputs {
		if x == nil {
			return nil, false
		}
		sp, ok := x.op.(splitOp)
		if !ok || sp.axis != 0 || sp.index != t || sp.num != len(inputs) {
			return nil, false
		}
		if t == 0 {
			src = x.inputs[0]
		} else if x.inputs[0] != src {
			return nil, false
		}
	}
	if src == nil || len(src.shape) != 2 || src.shape[1] < 0 {
		return nil, false
	}
	return src, true
}

// projectInputs adds the input half of every step's gates computed at
// once, src·kernel[:inputs] + bias, split like the inputs: one large matrix
// product forward and backward instead of one small one per step. It
// returns nil when the projection cannot be built; the steps then work
// from their inputs alone (and report any error).
func (c *LSTMCell) projectInputs(src *Node, steps int) []*Node {
	if c == nil || c.Units <= 0 || src.err != nil || src.dtype != Float32 {
		return nil
	}
	nIn := src.shape[1]
	if err := c.makeVariables(src.g, nIn); err != nil {
		return nil
	}
	op := lstmProjOp{nIn: nIn, units: c.Units}
	proj := newOp(src.g, "LSTMProjection", op, []*Node{src, c.kernel, c.bias}, []int{src.shape[0], 4 * c.Units}, Float32, nil)
	parts := Split(proj, steps, 0)
	for _, p := range parts {
		if p.err != nil {
			return nil
		}
	}
	return parts
}

// projectMaxForward bounds, in float32s, the input projection computed in
// runs without a backward pass: beyond it (an evaluation over tens of
// thousands of examples) the steps multiply their own inputs instead, so
// that the projections of all steps never sit in memory at once.
var projectMaxForward = 1 << 22

// lstmProjOp is src·kernel[:nIn] + bias for the inputs of all steps,
// [T·B, 4U]. In a run without a backward pass over a big batch its value
// is empty, and the steps fall back to their own inputs.
type lstmProjOp struct{ nIn, units int }

func (op lstmProjOp) forward(e *execution, n *Node) error {
	src := e.value(n.inputs[0])
	k := e.value(n.inputs[1]).data
	bias := e.value(n.inputs[2]).data
	g4 := 4 * op.units
	if len(src.shape) != 2 || src.shape[1] != op.nIn {
		return fmt.Errorf("inputs have shape %s, want [steps·batch, %d]", formatShape(src.shape), op.nIn)
	}
	rows := src.shape[0]
	if !e.training() && rows*g4 > projectMaxForward {
		e.output(n, 0, g4)
		return nil
	}
	out := e.output(n, rows, g4)
	for r := 0; r < rows; r++ {
		copy(out.data[r*g4:(r+1)*g4], bias)
	}
	return e.matmul(false, false, rows, g4, op.nIn, src.data, op.nIn, k, g4, 1, out.data, g4)
}

func (op lstmProjOp) backward(e *execution, n *Node) error {
	srcN, kN, bN := n.inputs[0], n.inputs[1], n.inputs[2]
	src := e.value(srcN)
	k := e.value(kN).data
	g := e.grad(n).data
	g4 := 4 * op.units
	rows := src.shape[0]
	if len(g) != rows*g4 {
		return fmt.Errorf("gradient has %d values for %d rows", len(g), rows)
	}
	if e.needsGrad(srcN) {
		if err := e.matmul(false, true, rows, op.nIn, g4, g, g4, k, g4, 1, e.grad(srcN).data, op.nIn); err != nil {
			return err
		}
	}
	if e.needsGrad(kN) {
		// Rows [0, nIn) of the kernel's gradient; the steps' side work
		// writes only the rows after them.
		gemm(true, false, op.nIn, g4, rows, 1, src.data, op.nIn, g, g4, 1, e.grad(kN).data, g4)
	}
	if e.needsGrad(bN) {
		db := e.grad(bN).data
		for r := 0; r < rows; r++ {
			for q, v := range g[r*g4 : (r+1)*g4] {
				db[q] += v
			}
		}
	}
	return nil
}

// StaticRNN runs cell over the time steps in inputs (each [batch,
// features]) from the zero state, like tf.contrib.rnn.static_rnn. It
// returns every step's output and the final state.
func StaticRNN(cell *LSTMCell, inputs []*Node) ([]*Node, LSTMState) {
	return StaticRNNWithState(cell, inputs, LSTMState{})
}

// StaticRNNWithState is StaticRNN from a given initial state.
func StaticRNNWithState(cell *LSTMCell, inputs []*Node, initial LSTMState) ([]*Node, LSTMState) {
	if len(inputs) == 0 {
		n := failedf(DefaultGraph(), "StaticRNN", nil, "no time steps in inputs")
		return []*Node{n}, LSTMState{C: n, H: n}
	}
	var proj []*Node
	if src, ok := splitSource(inputs); ok {
		proj = cell.projectInputs(src, len(inputs))
	}
	outputs := make([]*Node, len(inputs))
	state := initial
	for t, x := range inputs {
		var p *Node
		if proj != nil {
			p = proj[t]
		}
		outputs[t], state = cell.call(x, state, p)
	}
	return outputs, state
}

// lstmStepOp is one fused LSTM step. Inputs: x [B,in], kernel, bias,
// then c and h [B,U] when hasState, then when projected this step's part
// of the input projection, x·kernel[:in] + bias [B,4U], which it uses
// instead of x whenever the run computed it. Value: [2,B,U] holding c'
// then h'. It keeps the gate activations (aux 0, [B,4U]) and tanh(c')
// (aux 1, [B,U]) for backward.
type lstmStepOp struct {
	units, nIn int
	forgetBias float32
	hasState   bool
	projected  bool
}

// state returns the previous state's inputs, or nils for the zero state.
func (op lstmStepOp) state(n *Node) (c, h *Node) {
	if !op.hasState {
		return nil, nil
	}
	return n.inputs[3], n.inputs[4]
}

// projection returns the projection input and its value when the run
// computed it.
func (op lstmStepOp) projection(e *execution, n *Node) (*Node, *Tensor) {
	if !op.projected {
		return nil, nil
	}
	p := n.inputs[len(n.inputs)-1]
	v := e.value(p)
	if len(v.data) == 0 {
		return nil, nil
	}
	return p, v
}

func (op lstmStepOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	k := e.value(n.inputs[1]).data
	bias := e.value(n.inputs[2]).data
	u, nIn := op.units, op.nIn
	if len(x.shape) != 2 || x.shape[1] != nIn {
		return fmt.Errorf("input has shape %s, want [batch, %d]", formatShape(x.shape), nIn)
	}
	b := x.shape[0]
	in := x.data
	_, pv := op.projection(e, n)
	if pv != nil {
		if len(pv.shape) != 2 || pv.shape[0] != b || pv.shape[1] != 4*u {
			return fmt.Errorf("input projection has shape %s, want [%d, %d]", formatShape(pv.shape), b, 4*u)
		}
		in = pv.data
	}
	var cPrev, hPrev []float32
	if cN, hN := op.state(n); cN != nil {
		cv, hv := e.value(cN), e.value(hN)
		if !sameShape(cv.shape, []int{b, u}) || !sameShape(hv.shape, []int{b, u}) {
			return fmt.Errorf("state shapes %s and %s do not match input %s and %d units",
				formatShape(cv.shape), formatShape(hv.shape), formatShape(x.shape), u)
		}
		cPrev, hPrev = cv.data, hv.data
	}
	g4 := 4 * u
	acts := e.scratch(n, 0, b*g4)
	tc := e.scratch(n, 1, b*u)
	out := e.output(n, 2, b, u)
	cNew, hNew := out.data[:b*u], out.data[b*u:]
	w := lstmRows{acts: acts, tc: tc, cNew: cNew, hNew: hNew, x: in, k: k, bias: bias,
		cPrev: cPrev, hPrev: hPrev, nIn: nIn, u: u, fb: op.forgetBias, projected: pv != nil}
	var err error
	if b <= blockRows {
		w.run(0, b)
	} else {
		// Rows are independent: big batches run in row blocks on all cores,
		// each block doing its gate products and then its element-wise pass
		// while the block is still in cache.
		shared := w // a copy, so that w itself can stay on the stack
		err = e.parallelRows(b, shared.run)
	}
	if !e.training() {
		// No backward pass will read the saved activations.
		e.dropScratch(n)
	}
	return err
}

// lstmRows is the forward work of one step over a block of rows.
type lstmRows struct {
	acts, tc, cNew, hNew     []float32
	x, k, bias, cPrev, hPrev []float32
	nIn, u                   int
	fb                       float32
	projected                bool // x holds the gates' input half, bias included
}

func (w *lstmRows) run(r0, r1 int) {
	u, nIn, g4 := w.u, w.nIn, 4*w.u
	rows := r1 - r0
	blk := w.acts[r0*g4 : r1*g4]
	if w.projected {
		copy(blk, w.x[r0*g4:r1*g4])
	} else {
		for r := 0; r < rows; r++ {
			copy(blk[r*g4:(r+1)*g4], w.bias)
		}
		gemm(false, false, rows, g4, nIn, 1, w.x[r0*nIn:], nIn, w.k, g4, 1, blk, g4)
	}
	if w.hPrev != nil {
		gemm(false, false, rows, g4, u, 1, w.hPrev[r0*u:], u, w.k[nIn*g4:], g4, 1, blk, g4)
	}
	for r := r0; r < r1; r++ {
		row := w.acts[r*g4 : (r+1)*g4]
		gi, gj, gf, gout := row[:u], row[u:2*u], row[2*u:3*u], row[3*u:]
		cr, hr, tr := w.cNew[r*u:(r+1)*u], w.hNew[r*u:(r+1)*u], w.tc[r*u:(r+1)*u]
		sigmoidSlice(gi, gi, 0)
		tanhSlice(gj, gj)
		sigmoidSlice(gf, gf, w.fb)
		sigmoidSlice(gout, gout, 0)
		if w.cPrev != nil {
			cp := w.cPrev[r*u : (r+1)*u]
			for q := range cr {
				cr[q] = cp[q]*gf[q] + gi[q]*gj[q]
			}
		} else {
			for q := range cr {
				cr[q] = gi[q] * gj[q]
			}
		}
		tanhSlice(tr, cr)
		for q := range hr {
			hr[q] = tr[q] * gout[q]
		}
	}
}

func (op lstmStepOp) backward(e *execution, n *Node) error {
	xN, kN, bN := n.inputs[0], n.inputs[1], n.inputs[2]
	x := e.value(xN)
	k := e.value(kN).data
	u, nIn := op.units, op.nIn
	b := x.shape[0]
	g4 := 4 * u
	st := e.s.state(n)
	acts, tc := st.aux[0][:b*g4], st.aux[1][:b*u]
	dOut := e.grad(n).data
	dc, dh := dOut[:b*u], dOut[b*u:]
	var cPrev, hPrev, dcPrev []float32
	cN, hN := op.state(n)
	projN, _ := op.projection(e, n)
	if cN != nil {
		cPrev, hPrev = e.value(cN).data, e.value(hN).data
		if e.needsGrad(cN) {
			dcPrev = e.grad(cN).data
		}
	}
	dg := e.scratch(n, 2, b*g4)
	for r := 0; r < b; r++ {
		row := acts[r*g4 : (r+1)*g4]
		d := dg[r*g4 : (r+1)*g4]
		for q := 0; q < u; q++ {
			i, j, f, o := row[q], row[u+q], row[2*u+q], row[3*u+q]
			t := tc[r*u+q]
			gh := dh[r*u+q]
			gc := dc[r*u+q] + gh*o*(1-t*t)
			var cp float32
			if cPrev != nil {
				cp = cPrev[r*u+q]
			}
			d[q] = gc * j * i * (1 - i)
			d[u+q] = gc * i * (1 - j*j)
			d[2*u+q] = gc * cp * f * (1 - f)
			d[3*u+q] = gh * t * o * (1 - o)
			if dcPrev != nil {
				dcPrev[r*u+q] += gc * f
			}
		}
	}
	if projN != nil {
		// The projection was the gates' input half: its gradient is dg,
		// and its own backward carries it on to x, the kernel and the bias.
		if e.needsGrad(projN) {
			dp := e.grad(projN).data
			for i, v := range dg {
				dp[i] += v
			}
		}
	} else if e.needsGrad(xN) {
		if err := e.matmul(false, true, b, nIn, g4, dg, g4, k, g4, 1, e.grad(xN).data, nIn); err != nil {
			return err
		}
	}
	if hN != nil && e.needsGrad(hN) {
		if err := e.matmul(false, true, b, u, g4, dg, g4, k[nIn*g4:], g4, 1, e.grad(hN).data, u); err != nil {
			return err
		}
	}
	// The kernel and bias gradients are read by no one until the backward
	// pass ends, so they accumulate on the side while the pass goes on
	// along the recurrence.
	job := weightGradJob{x: x.data, nIn: nIn, h: hPrev, u: u, dg: dg, rows: b}
	if projN != nil {
		job.x = nil // the projection covers kernel[:nIn] and the bias
	}
	if e.needsGrad(kN) && (job.x != nil || job.h != nil) {
		job.dk = e.grad(kN).data
	}
	if e.needsGrad(bN) && projN == nil {
		job.db = e.grad(bN).data
	}
	if job.dk != nil || job.db != nil {
		e.s.sideWork.submit(job)
	}
	return nil
}

// lstmPartOp is the c (part 0) or h (part 1) half of a step's value.
type lstmPartOp struct{ part int }

func (lstmPartOp) aliasesInput() bool { return true }

func (op lstmPartOp) forward(e *execution, n *Node) error {
	v := e.value(n.inputs[0])
	if len(v.shape) != 3 || v.shape[0] != 2 {
		return fmt.Errorf("step value has shape %s, want [2, batch, units]", formatShape(v.shape))
	}
	half := len(v.data) / 2
	e.alias(n, v.data[op.part*half:(op.part+1)*half:(op.part+1)*half], v.shape[1:])
	return nil
}

func (op lstmPartOp) backward(e *execution, n *Node) error {
	step := n.inputs[0]
	if !e.needsGrad(step) {
		return nil
	}
	dst := e.grad(step).data
	half := len(dst) / 2
	dst = dst[op.part*half : (op.part+1)*half]
	for i, v := range e.grad(n).data {
		dst[i] += v
	}
	return nil
}
