package rnn

import (
	"fmt"

	gemmpkg "github.com/gornn/gornn/rnn/internal/gemm"
	"github.com/gornn/gornn/rnn/internal/parallel"
)

// lstmSeqOp runs a BasicLSTMCell over every step of a sequence in one op,
// which is what StaticRNN builds when its inputs are the parts of one
// Split (as in the tutorial). Rows of a batch never interact, so the op
// cuts the batch into row pieces that go through all the steps on their
// own, one piece per core, with no hand-off between steps; the input half
// of the gates is computed for all steps at once, as one large product.
//
// Inputs: src [steps·B, nIn] (step t's inputs are rows t·B..t·B+B-1),
// kernel [nIn+U, 4U], bias [4U], then c0 and h0 [B, U] when hasState.
// Value: [2, K, B, U], the c and then the h of K steps: all steps (K =
// steps) in training runs and whenever the run fetches an early step,
// otherwise only the last (K = 1), so that an evaluation over a huge
// batch does not keep every step.
type lstmSeqOp struct {
	steps, nIn, units int
	forgetBias        float32
	hasState          bool
}

// Scratch buffers of a sequence node.
const (
	seqActs   = iota // gate activations of every step, [steps·B, 4U]
	seqTanhC         // tanh(c) of every step, [steps·B, U]
	seqGrads         // the gates' gradients of every step, [steps·B, 4U]
	seqWorker        // first of the per-worker buffers
)

// seqMaxPieceRows bounds the rows of one piece, so that an evaluation
// over many examples is shared out evenly and can be cancelled quickly.
const seqMaxPieceRows = 128

// seqPieceRows is the number of batch rows per piece: an equal share per
// core, a whole number of the matrix kernel's 4-row tiles.
func seqPieceRows(batch int) int {
	w := parallel.Workers((batch + 3) / 4)
	r := (batch + w - 1) / w
	r = (r + 3) &^ 3
	return max(1, min(r, seqMaxPieceRows))
}

// lstmSeqPartOp is the c (part 0) or h (part 1) of one step of a sequence,
// a view of the sequence's value.
type lstmSeqPartOp struct{ step, steps, part int }

func (lstmSeqPartOp) aliasesInput() bool { return true }

// sequence builds the op over src for steps steps from initial (zero when
// its nodes are nil). It returns false when it cannot, and the caller
// builds the steps one by one instead, which reports any error.
func (c *LSTMCell) sequence(src *Node, steps int, initial LSTMState) ([]*Node, []State, bool) {
	if c == nil || c.Units <= 0 || src.err != nil || src.dtype != Float32 || steps <= 0 {
		return nil, nil, false
	}
	if src.shape[0] >= 0 && src.shape[0]%steps != 0 {
		return nil, nil, false
	}
	u, nIn := c.Units, src.shape[1]
	batch := None
	if src.shape[0] >= 0 {
		batch = src.shape[0] / steps
	}
	inputs := []*Node{src}
	hasState := initial.C != nil || initial.H != nil
	if hasState {
		for _, s := range []*Node{initial.C, initial.H} {
			if s == nil || s.err != nil || s.g != src.g || s.dtype != Float32 ||
				len(s.shape) != 2 || !dimsCompatible(s.shape[1], u) || !dimsCompatible(s.shape[0], batch) {
				return nil, nil, false
			}
			batch = mergeDim(batch, s.shape[0])
		}
	}
	if err := c.makeVariables(src.g, nIn); err != nil {
		return nil, nil, false
	}
	inputs = append(inputs, c.kernel, c.bias)
	if hasState {
		inputs = append(inputs, initial.C, initial.H)
	}
	op := lstmSeqOp{steps: steps, nIn: nIn, units: u, forgetBias: float32(c.ForgetBias), hasState: hasState}
	seq := newOp(src.g, "LSTMSequence", op, inputs, []int{2, steps, batch, u}, Float32, nil)
	outputs := make([]*Node, steps)
	states := make([]State, steps)
	for t := range steps {
		var state LSTMState
		state.C = newOp(src.g, "LSTMState", lstmSeqPartOp{step: t, steps: steps, part: 0}, []*Node{seq}, []int{batch, u}, Float32, nil)
		state.H = newOp(src.g, "LSTMOutput", lstmSeqPartOp{step: t, steps: steps, part: 1}, []*Node{seq}, []int{batch, u}, Float32, nil)
		outputs[t], states[t] = state.H, state
	}
	return outputs, states, true
}

// seqRun is the data of one forward or backward pass of a sequence node,
// shared by the pieces working on it. A session keeps one, so that runs
// do not allocate.
type seqRun struct {
	e                  *execution
	n                  *Node
	op                 lstmSeqOp
	batch, kept, rows  int // rows: batch rows per piece
	src, k, bias       []float32
	c0, h0             []float32        // nil for the zero state
	val                []float32        // the node's value, [2, kept, B, U]
	acts, tc           []float32        // saved for backward, or acts only when hoisted
	hoisted            bool             // acts holds every step's input half (the element-wise pass adds the bias)
	dVal, dG, dc0, dh0 []float32        // backward
	dK, dB, dSrc       []float32        // backward; nil when not needed
	phase              int              // backward: 0 runs the recurrence, 1 the weight products
	kx, kh             *gemmpkg.PackedB // packed kernel halves: forward x and h; backward h transposed
}

// workerBuf returns worker w's scratch buffer.
func (r *seqRun) workerBuf(w int) []float32 {
	return r.e.s.state(r.n).aux[seqWorker+w]
}

// pieces is the number of row pieces of the batch.
func (r *seqRun) pieces() int { return (r.batch + r.rows - 1) / r.rows }

// rowRange returns the batch rows [r0, r1) of a piece.
func (r *seqRun) rowRange(piece int) (r0, r1 int) {
	r0 = piece * r.rows
	return r0, min(r0+r.rows, r.batch)
}

// stateRows returns where rows [r0, r1) of step t's c and h go: the
// node's value when it keeps the step, else buffers of the worker,
// alternating between steps.
func (r *seqRun) stateRows(t, r0, r1 int, work []float32) (c, h []float32) {
	u, b := r.op.units, r.batch
	idx := t
	if r.kept == 1 {
		if t != r.op.steps-1 {
			n := (r1 - r0) * u
			off := (t % 2) * 2 * n
			return work[off : off+n], work[off+n : off+2*n]
		}
		idx = 0
	}
	cOff := (idx*b + r0) * u
	hOff := ((r.kept+idx)*b + r0) * u
	return r.val[cOff : cOff+(r1-r0)*u], r.val[hOff : hOff+(r1-r0)*u]
}

func (op lstmSeqOp) forward(e *execution, n *Node) error {
	r := &e.s.seq
	*r = seqRun{e: e, n: n, op: op}
	defer func() { *r = seqRun{} }() // drop the references to this run's buffers
	if err := r.bind(); err != nil {
		return err
	}
	u, g4, b, T := op.units, 4*op.units, r.batch, op.steps
	r.kept = 1
	if e.training() || e.plan.keepSteps[n] {
		r.kept = T
	}
	r.val = e.output(n, 2, r.kept, b, u).data
	r.hoisted = e.training() || T*b*g4 <= projectMaxForward
	if r.hoisted {
		// The bias is added by the element-wise pass.
		r.acts = e.scratch(n, seqActs, T*b*g4)
		if err := e.matmul(false, false, T*b, g4, op.nIn, r.src, op.nIn, r.k, g4, 0, r.acts, g4); err != nil {
			return err
		}
	}
	if e.training() {
		r.tc = e.scratch(n, seqTanhC, T*b*u)
	}
	// Both halves of the kernel multiply every step: pack them once.
	r.kh = &e.s.packed[1]
	r.kh.Pack(false, u, g4, r.k[op.nIn*g4:], g4)
	if !r.hoisted {
		r.kx = &e.s.packed[0]
		r.kx.Pack(false, op.nIn, g4, r.k, g4)
	}
	// Per worker: the gates of a piece when not hoisted, tanh(c) when not
	// saved, and two steps' c and h when not kept.
	r.rows = seqPieceRows(b)
	e.workerScratch(n, parallel.Workers(r.pieces()), r.rows*(g4+u+4*u))
	err := parallel.Run(r.pieces(), r)
	if !e.training() {
		e.dropScratch(n)
	}
	return err
}

// bind reads and checks the node's inputs.
func (r *seqRun) bind() error {
	e, n, op := r.e, r.n, r.op
	src := e.value(n.inputs[0])
	if len(src.shape) != 2 || src.shape[1] != op.nIn || src.shape[0]%op.steps != 0 {
		return fmt.Errorf("inputs have shape %s, want [%d·batch, %d]", formatShape(src.shape), op.steps, op.nIn)
	}
	r.batch = src.shape[0] / op.steps
	r.src = src.data
	r.k = e.value(n.inputs[1]).data
	r.bias = e.value(n.inputs[2]).data
	if op.hasState {
		cv, hv := e.value(n.inputs[3]), e.value(n.inputs[4])
		want := []int{r.batch, op.units}
		if !sameShape(cv.shape, want) || !sameShape(hv.shape, want) {
			return fmt.Errorf("initial state shapes %s and %s do not match %d steps of inputs %s and %d units",
				formatShape(cv.shape), formatShape(hv.shape), op.steps, formatShape(src.shape), op.units)
		}
		r.c0, r.h0 = cv.data, hv.data
	}
	return nil
}

// workerScratch sizes the per-worker buffers of n before a parallel run:
// the pieces must not grow the node's buffer list concurrently.
func (e *execution) workerScratch(n *Node, workers, size int) {
	for w := range workers {
		e.scratch(n, seqWorker+w, size)
	}
}

// Do runs a piece: the forward steps of its rows, or in backward its part
// of the current phase.
func (r *seqRun) Do(w, piece int) error {
	if err := r.e.cancelled(); err != nil {
		return err
	}
	if r.dVal != nil {
		return r.backwardPiece(w, piece)
	}
	r.forwardPiece(w, piece)
	return nil
}

// forwardPiece runs every step over one piece's rows.
func (r *seqRun) forwardPiece(w, piece int) {
	op := r.op
	u, g4, nIn, b := op.units, 4*op.units, op.nIn, r.batch
	r0, r1 := r.rowRange(piece)
	rows := r1 - r0
	work := r.workerBuf(w)
	gates, tcw, states := work[:rows*g4], work[rows*g4:rows*(g4+u)], work[rows*(g4+u):]
	var cPrev, hPrev []float32
	if r.c0 != nil {
		cPrev, hPrev = r.c0[r0*u:r1*u], r.h0[r0*u:r1*u]
	}
	for t := range op.steps {
		g := gates
		if r.hoisted {
			g = r.acts[(t*b+r0)*g4 : (t*b+r1)*g4]
		} else {
			gemmPacked(rows, r.src[(t*b+r0)*nIn:], nIn, r.kx, 0, g, g4)
		}
		if hPrev != nil {
			gemmPacked(rows, hPrev, u, r.kh, 1, g, g4)
		}
		tc := tcw
		if r.tc != nil {
			tc = r.tc[(t*b+r0)*u : (t*b+r1)*u]
		}
		cNew, hNew := r.stateRows(t, r0, r1, states)
		lstmCellRows(g, r.bias, cPrev, cNew, hNew, tc, rows, u, op.forgetBias)
		cPrev, hPrev = cNew, hNew
	}
}

// lstmCellRows is the element-wise half of a step over rows rows: gates
// holds the pre-activations [rows, 4U] in TensorFlow's order i, j, f, o,
// without the bias when bias is not nil, and gets the activations; cPrev
// is nil for the zero state.
func lstmCellRows(gates, bias, cPrev, cNew, hNew, tc []float32, rows, u int, forgetBias float32) {
	g4 := 4 * u
	vector := vectorMath && u%8 == 0 && u > 0 && (bias != nil || g4 <= len(zeroBias))
	for r := range rows {
		row := gates[r*g4 : (r+1)*g4]
		cr, hr, tr := cNew[r*u:(r+1)*u], hNew[r*u:(r+1)*u], tc[r*u:(r+1)*u]
		var cp []float32
		if cPrev != nil {
			cp = cPrev[r*u : (r+1)*u]
		}
		if vector {
			b := bias
			if b == nil {
				b = zeroBias[:]
			}
			if vectorMath512 && u%16 == 0 {
				lstmCell16AVX512(&row[0], &b[0], firstOrNil(cp), &cr[0], &hr[0], &tr[0], u, forgetBias)
				continue
			}
			lstmCell8AVX2(&row[0], &b[0], firstOrNil(cp), &cr[0], &hr[0], &tr[0], u, forgetBias)
			continue
		}
		lstmCellRow(row, bias, cp, cr, hr, tr, u, forgetBias)
	}
}

// zeroBias stands in for a missing bias in the vector rows.
var zeroBias [4096]float32

// lstmCellRow is one row of lstmCellRows in Go.
func lstmCellRow(row, bias, cp, cr, hr, tr []float32, u int, forgetBias float32) {
	if bias != nil {
		for q, b := range bias[:4*u] {
			row[q] += b
		}
	}
	gi, gj, gf, gout := row[:u], row[u:2*u], row[2*u:3*u], row[3*u:]
	sigmoidSlice(gi, gi, 0)
	tanhSlice(gj, gj)
	sigmoidSlice(gf, gf, forgetBias)
	sigmoidSlice(gout, gout, 0)
	if cp != nil {
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

// firstOrNil returns &s[0], or nil for an empty slice.
func firstOrNil(s []float32) *float32 {
	if len(s) == 0 {
		return nil
	}
	return &s[0]
}

func (op lstmSeqOp) backward(e *execution, n *Node) error {
	r := &e.s.seq
	*r = seqRun{e: e, n: n, op: op}
	defer func() { *r = seqRun{} }()
	if err := r.bind(); err != nil {
		return err
	}
	u, g4, b, T := op.units, 4*op.units, r.batch, op.steps
	st := e.s.state(n)
	r.kept = T
	r.val = st.val.data
	r.acts, r.tc = st.aux[seqActs][:T*b*g4], st.aux[seqTanhC][:T*b*u]
	r.dVal = e.grad(n).data
	r.dG = e.scratch(n, seqGrads, T*b*g4)
	if op.hasState {
		if cN := n.inputs[3]; e.needsGrad(cN) {
			r.dc0 = e.grad(cN).data
		}
		if hN := n.inputs[4]; e.needsGrad(hN) {
			r.dh0 = e.grad(hN).data
		}
	}
	r.rows = seqPieceRows(b)
	// The recurrence multiplies every step's gates by the transposed
	// recurrent half of the kernel: pack it once.
	r.kh = &e.s.packed[1]
	r.kh.Pack(true, g4, u, r.k[op.nIn*g4:], g4)
	e.workerScratch(n, parallel.Workers(r.pieces()), 2*r.rows*u)
	if err := parallel.Run(r.pieces(), r); err != nil {
		return err
	}
	// The weights' and inputs' gradients, as large products over all steps.
	if e.needsGrad(n.inputs[0]) {
		r.dSrc = e.grad(n.inputs[0]).data
	}
	if e.needsGrad(n.inputs[1]) {
		r.dK = e.grad(n.inputs[1]).data
	}
	if e.needsGrad(n.inputs[2]) {
		r.dB = e.grad(n.inputs[2]).data
	}
	r.phase = 1
	return parallel.Run(seqGradPieces, r)
}

// backwardPiece is one piece of the current backward phase.
func (r *seqRun) backwardPiece(w, piece int) error {
	if r.phase == 0 {
		r.backwardRows(w, piece)
		return nil
	}
	r.gradientPiece(piece)
	return nil
}

// backwardRows runs the recurrence backward over one piece's rows,
// leaving the gates' gradients of every step in dG.
func (r *seqRun) backwardRows(w, piece int) {
	op := r.op
	u, g4, b, T := op.units, 4*op.units, r.batch, op.steps
	r0, r1 := r.rowRange(piece)
	rows := r1 - r0
	work := r.workerBuf(w)
	// The gradients reaching c and h from the later steps.
	dcNext, dhNext := work[:rows*u], work[rows*u:2*rows*u]
	clear(dcNext)
	clear(dhNext)
	for t := T - 1; t >= 0; t-- {
		acts := r.acts[(t*b+r0)*g4 : (t*b+r1)*g4]
		tc := r.tc[(t*b+r0)*u : (t*b+r1)*u]
		dC := r.dVal[(t*b+r0)*u : (t*b+r1)*u]
		dH := r.dVal[((T+t)*b+r0)*u : ((T+t)*b+r1)*u]
		dg := r.dG[(t*b+r0)*g4 : (t*b+r1)*g4]
		var cPrev []float32
		switch {
		case t > 0:
			cPrev = r.val[((t-1)*b+r0)*u : ((t-1)*b+r1)*u]
		case r.c0 != nil:
			cPrev = r.c0[r0*u : r1*u]
		}
		lstmCellGradRows(acts, tc, cPrev, dC, dH, dcNext, dhNext, dg, rows, u)
		if t > 0 || r.dh0 != nil {
			gemmPacked(rows, dg, g4, r.kh, 0, dhNext, u)
		}
	}
	if r.dc0 != nil {
		addTo(r.dc0[r0*u:r1*u], dcNext)
	}
	if r.dh0 != nil {
		addTo(r.dh0[r0*u:r1*u], dhNext)
	}
}

// lstmCellGradRows is the element-wise half of a step's backward over
// rows rows: from the activations, tanh(c), the previous c (nil for the
// zero state) and the gradients reaching c and h (from this step's users,
// dC and dH, and from the next step, dcNext and dhNext), it writes the
// gates' gradients dg and leaves in dcNext the gradient of the previous c.
func lstmCellGradRows(acts, tc, cPrev, dC, dH, dcNext, dhNext, dg []float32, rows, u int) {
	g4 := 4 * u
	for r := range rows {
		row := acts[r*g4 : (r+1)*g4]
		d := dg[r*g4 : (r+1)*g4]
		lo, hi := r*u, (r+1)*u
		var cp []float32
		if cPrev != nil {
			cp = cPrev[lo:hi]
		}
		if vectorMath512 && u%16 == 0 && u > 0 {
			lstmCellGrad16AVX512(&row[0], &tc[lo], firstOrNil(cp), &dC[lo], &dH[lo], &dcNext[lo], &dhNext[lo], &d[0], u)
			continue
		}
		if vectorMath && u%8 == 0 && u > 0 {
			lstmCellGrad8AVX2(&row[0], &tc[lo], firstOrNil(cp), &dC[lo], &dH[lo], &dcNext[lo], &dhNext[lo], &d[0], u)
			continue
		}
		lstmCellGradRow(row, tc[lo:hi], cp, dC[lo:hi], dH[lo:hi], dcNext[lo:hi], dhNext[lo:hi], d, u)
	}
}

// lstmCellGradRow is one row of lstmCellGradRows in Go.
func lstmCellGradRow(row, tc, cPrev, dC, dH, dcNext, dhNext, d []float32, u int) {
	for q := range u {
		i, j, f, o := row[q], row[u+q], row[2*u+q], row[3*u+q]
		t := tc[q]
		gh := dH[q] + dhNext[q]
		gc := dC[q] + dcNext[q] + gh*o*(1-t*t)
		var cp float32
		if cPrev != nil {
			cp = cPrev[q]
		}
		d[q] = gc * j * i * (1 - i)
		d[u+q] = gc * i * (1 - j*j)
		d[2*u+q] = gc * cp * f * (1 - f)
		d[3*u+q] = gh * t * o * (1 - o)
		dcNext[q] = gc * f
	}
}

// seqGradPieces is the number of pieces of the gradient phase: the
// kernel's input rows, its recurrent rows with the bias, and two halves of
// the inputs' gradient, about equal in work for the tutorial's shapes.
const seqGradPieces = 4

// gradientPiece computes one of the products of the gradient phase.
func (r *seqRun) gradientPiece(piece int) {
	op := r.op
	u, g4, nIn, b, T := op.units, 4*op.units, op.nIn, r.batch, op.steps
	rows := T * b
	switch piece {
	case 0:
		if r.dK != nil {
			gemmSerial(true, false, nIn, g4, rows, r.src, nIn, r.dG, g4, 1, r.dK, g4)
		}
	case 1:
		if r.dK != nil {
			dkh := r.dK[nIn*g4:]
			// Step t's h multiplies step t+1's gates.
			if T > 1 {
				gemmSerial(true, false, u, g4, (T-1)*b, r.val[T*b*u:], u, r.dG[b*g4:], g4, 1, dkh, g4)
			}
			if r.h0 != nil {
				gemmSerial(true, false, u, g4, b, r.h0, u, r.dG, g4, 1, dkh, g4)
			}
		}
		if r.dB != nil {
			for i := range rows {
				addTo(r.dB, r.dG[i*g4:(i+1)*g4])
			}
		}
	case 2, 3:
		if r.dSrc != nil {
			half := (rows + 1) / 2
			lo, hi := 0, half
			if piece == 3 {
				lo, hi = half, rows
			}
			if hi > lo {
				gemmSerial(false, true, hi-lo, nIn, g4, r.dG[lo*g4:], g4, r.k, g4, 1, r.dSrc[lo*nIn:], nIn)
			}
		}
	}
}

// addTo adds src to dst element-wise.
func addTo(dst, src []float32) {
	dst = dst[:len(src)]
	done := 0
	if vectorMath && len(src) >= 8 {
		done = len(src) &^ 7
		add8AVX2(&dst[0], &src[0], done)
	}
	for i := done; i < len(src); i++ {
		dst[i] += src[i]
	}
}

func (op lstmSeqPartOp) forward(e *execution, n *Node) error {
	v := e.value(n.inputs[0])
	if len(v.shape) != 4 || v.shape[0] != 2 {
		return fmt.Errorf("sequence value has shape %s, want [2, steps, batch, units]", formatShape(v.shape))
	}
	off, size, err := op.offset(v.shape)
	if err != nil {
		return err
	}
	e.alias(n, v.data[off:off+size:off+size], v.shape[2:])
	return nil
}

// offset locates the step's part in a sequence value of shape.
func (op lstmSeqPartOp) offset(shape []int) (off, size int, err error) {
	kept, size := shape[1], shape[2]*shape[3]
	idx := op.step
	if kept != op.steps {
		if kept != 1 || op.step != op.steps-1 {
			return 0, 0, fmt.Errorf("step %d of %d was not kept by this run", op.step, op.steps)
		}
		idx = 0
	}
	return (op.part*kept + idx) * size, size, nil
}

func (op lstmSeqPartOp) backward(e *execution, n *Node) error {
	seq := n.inputs[0]
	if !e.needsGrad(seq) {
		return nil
	}
	off, size, err := op.offset(e.value(seq).shape)
	if err != nil {
		return err
	}
	addTo(e.grad(seq).data[off:off+size], e.grad(n).data)
	return nil
}
