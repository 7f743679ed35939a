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

// Call runs one time step on x [batch, inputs] from state, an LSTMState
// (nil, or C and H nil, for the zero state), and returns the output h' and
// the new LSTMState. The step is one fused op: one pass of matrix products
// for all four gates and one pass of element-wise work.
func (c *LSTMCell) Call(x *Node, st State) (*Node, State) {
	const name = "BasicLSTMCell"
	errOut := func(g *Graph, err error, in ...*Node) (*Node, State) {
		n := failed(g, name, err, in...)
		return n, LSTMState{C: n, H: n}
	}
	if c == nil {
		g, _ := operands(name, x)
		return errOut(g, fmt.Errorf("nil cell"), x)
	}
	state, ok := lstmStateOf(st)
	if !ok {
		g, _ := operands(name, x)
		return errOut(g, fmt.Errorf("state is a %T, want an LSTMState", st), x)
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

// projectMaxForward bounds, in float32s, the input half of the gates that
// a sequence computes for all steps at once in runs without a backward
// pass: beyond it (an evaluation over tens of thousands of examples) each
// piece of the batch multiplies its own inputs step by step, so that the
// gates of all steps never sit in memory at once.
var projectMaxForward = 1 << 22

// lstmStepOp is one fused LSTM step. Inputs: x [B,in], kernel, bias,
// then c and h [B,U] when hasState. Value: [2,B,U] holding c' then h'. It
// keeps the gate activations (aux 0, [B,4U]) and tanh(c') (aux 1, [B,U])
// for backward.
type lstmStepOp struct {
	units, nIn int
	forgetBias float32
	hasState   bool
}

// state returns the previous state's inputs, or nils for the zero state.
func (op lstmStepOp) state(n *Node) (c, h *Node) {
	if !op.hasState {
		return nil, nil
	}
	return n.inputs[3], n.inputs[4]
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
	w := lstmRows{acts: acts, tc: tc, cNew: cNew, hNew: hNew, x: x.data, k: k, bias: bias,
		cPrev: cPrev, hPrev: hPrev, nIn: nIn, u: u, fb: op.forgetBias}
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
}

func (w *lstmRows) run(r0, r1 int) {
	u, nIn, g4 := w.u, w.nIn, 4*w.u
	rows := r1 - r0
	blk := w.acts[r0*g4 : r1*g4]
	gemmSerial(false, false, rows, g4, nIn, w.x[r0*nIn:], nIn, w.k, g4, 0, blk, g4)
	var cPrev []float32
	if w.hPrev != nil {
		gemmSerial(false, false, rows, g4, u, w.hPrev[r0*u:], u, w.k[nIn*g4:], g4, 1, blk, g4)
		cPrev = w.cPrev[r0*u : r1*u]
	}
	lstmCellRows(blk, w.bias, cPrev, w.cNew[r0*u:r1*u], w.hNew[r0*u:r1*u], w.tc[r0*u:r1*u], rows, u, w.fb)
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
	var cPrev, hPrev []float32
	cN, hN := op.state(n)
	// The element-wise pass adds gradients carried in from a next step; a
	// lone step's users already put all of its gradient in dc and dh, so
	// both carries start at zero, and dcPrev ends holding the gradient of
	// the previous c.
	dcPrev := e.scratch(n, 3, b*u)
	clear(dcPrev)
	zero := e.scratch(n, 4, b*u)
	clear(zero)
	if cN != nil {
		cPrev, hPrev = e.value(cN).data, e.value(hN).data
	}
	dg := e.scratch(n, 2, b*g4)
	lstmCellGradRows(acts, tc, cPrev, dc, dh, dcPrev, zero, dg, b, u)
	if cN != nil && e.needsGrad(cN) {
		addTo(e.grad(cN).data, dcPrev)
	}
	if e.needsGrad(xN) {
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
	if e.needsGrad(kN) {
		job.dk = e.grad(kN).data
	}
	if e.needsGrad(bN) {
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
