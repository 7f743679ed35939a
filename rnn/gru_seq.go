package rnn

import (
	"fmt"

	gemmpkg "github.com/gornn/gornn/rnn/internal/gemm"
	"github.com/gornn/gornn/rnn/internal/parallel"
)

// gruSeqOp runs a GRU over every step of a sequence in one op, as
// lstmSeqOp does for the LSTM: the input halves of the gates and of the
// candidate are two large products over all steps, and the batch is cut
// into row pieces that go through all the steps on their own core.
//
// Inputs: src [steps·B, nIn] (step t's inputs are rows t·B..t·B+B-1), the
// gate kernel and bias, the candidate kernel and bias, then h0 [B, U]
// when hasState. Value: every step's h, [steps·B, U], which StaticRNN
// splits into the steps' outputs (a GRU's state is its output).
type gruSeqOp struct {
	steps, nIn, units int
	hasState          bool
}

// Buffers of a GRU sequence node.
const (
	gruSeqGates  = iota // σ of the gates of every step, [steps·B, 2U]
	gruSeqCand          // tanh of the candidates, [steps·B, U]
	gruSeqXH            // concat([x, h]) of every step, [steps·B, nIn+U]
	gruSeqXRH           // concat([x, r·h]) of every step, [steps·B, nIn+U]
	gruSeqDGates        // backward: the gates' gradients
	gruSeqDCand         // backward: the candidates' gradients
	gruSeqPartGK        // backward: the second half of the steps' part of the gate kernel's gradient
	gruSeqPartCK        // backward: the same for the candidate kernel
	gruSeqWorker        // first of the per-worker buffers
)

// sequence builds the op over src for steps steps from h0 (nil: zero). It
// returns false when it cannot, and the caller builds the steps one by
// one instead, which reports any error.
func (c *GRU) sequence(src *Node, steps int, h0 *Node) ([]*Node, []State, bool) {
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
	if h0 != nil {
		if h0.err != nil || h0.g != src.g || h0.dtype != Float32 || len(h0.shape) != 2 ||
			!dimsCompatible(h0.shape[1], u) || !dimsCompatible(h0.shape[0], batch) {
			return nil, nil, false
		}
	}
	if err := c.makeVariables(src.g, nIn); err != nil {
		return nil, nil, false
	}
	inputs := []*Node{src, c.gateKernel, c.gateBias, c.candKernel, c.candBias}
	if h0 != nil {
		inputs = append(inputs, h0)
	}
	op := gruSeqOp{steps: steps, nIn: nIn, units: u, hasState: h0 != nil}
	rows := None
	if src.shape[0] >= 0 {
		rows = src.shape[0]
	}
	seq := newOp(src.g, "GRUSequence", op, inputs, []int{rows, u}, Float32, nil)
	outputs := Split(seq, steps, 0)
	states := make([]State, steps)
	for t, o := range outputs {
		states[t] = o
	}
	return outputs, states, true
}

// gruSeqRun is one pass of a GRU sequence node, shared by its pieces; a
// session keeps one, so that runs do not allocate.
type gruSeqRun struct {
	e               *execution
	n               *Node
	op              gruSeqOp
	batch, rows     int // rows: batch rows per piece
	src, gk, gb, ck []float32
	cb, h0          []float32
	val             []float32 // every step's h
	gates, cand     []float32
	xh, xrh         []float32 // the operands of every step's products
	dVal, dG, dC    []float32
	dh0             []float32
	backward        bool
	phase           int // backward: 0 runs the recurrence, 1 the weights' products
	dSrc, dGK, dGB  []float32
	dCK, dCB        []float32
	partGK, partCK  []float32
	// The recurrent halves of the kernels, packed once per pass: forward
	// as they are, backward transposed.
	kg, kc *gemmpkg.PackedB
}

// pieces is the number of row pieces of the batch.
func (r *gruSeqRun) pieces() int { return (r.batch + r.rows - 1) / r.rows }

// rowRange returns the batch rows [r0, r1) of a piece.
func (r *gruSeqRun) rowRange(piece int) (int, int) {
	r0 := piece * r.rows
	return r0, min(r0+r.rows, r.batch)
}

// bind reads and checks the node's inputs.
func (r *gruSeqRun) bind() error {
	e, n, op := r.e, r.n, r.op
	src := e.value(n.inputs[0])
	if len(src.shape) != 2 || src.shape[1] != op.nIn || src.shape[0]%op.steps != 0 {
		return fmt.Errorf("inputs have shape %s, want [%d·batch, %d]", formatShape(src.shape), op.steps, op.nIn)
	}
	r.batch = src.shape[0] / op.steps
	r.src = src.data
	r.gk, r.gb = e.value(n.inputs[1]).data, e.value(n.inputs[2]).data
	r.ck, r.cb = e.value(n.inputs[3]).data, e.value(n.inputs[4]).data
	if op.hasState {
		hv := e.value(n.inputs[5])
		if !sameShape(hv.shape, []int{r.batch, op.units}) {
			return fmt.Errorf("initial state shape %s does not match %d steps of inputs %s and %d units",
				formatShape(hv.shape), op.steps, formatShape(src.shape), op.units)
		}
		r.h0 = hv.data
	}
	r.rows = seqPieceRows(r.batch)
	return nil
}

func (op gruSeqOp) forward(e *execution, n *Node) error {
	r := &e.s.gru
	*r = gruSeqRun{e: e, n: n, op: op}
	defer func() { *r = gruSeqRun{} }()
	if err := r.bind(); err != nil {
		return err
	}
	u, nIn, rows := op.units, op.nIn, op.steps*r.batch
	r.val = e.output(n, rows, u).data
	r.gates = e.scratch(n, gruSeqGates, rows*2*u)
	r.cand = e.scratch(n, gruSeqCand, rows*u)
	r.xh = e.scratch(n, gruSeqXH, rows*(nIn+u))
	r.xrh = e.scratch(n, gruSeqXRH, rows*(nIn+u))
	// Every step multiplies concat([x, h]) and concat([x, r·h]) by the
	// whole kernels: pack them once. Products of a step's own inputs,
	// rather than one product over all steps before the recurrence, keep
	// each piece's data in its own core's cache; the operands are kept,
	// so that backward computes each kernel's gradient as one product.
	r.kg, r.kc = &e.s.packed[0], &e.s.packed[1]
	r.kg.Pack(false, nIn+u, 2*u, r.gk, 2*u)
	r.kc.Pack(false, nIn+u, u, r.ck, u)
	err := parallel.Run(r.pieces(), r)
	if !e.training() {
		e.dropScratch(n)
	}
	return err
}

// Do runs a piece: the forward steps of its rows, or in backward its part
// of the current phase.
func (r *gruSeqRun) Do(w, piece int) error {
	if err := r.e.cancelled(); err != nil {
		return err
	}
	switch {
	case !r.backward:
		r0, r1 := r.rowRange(piece)
		r.forwardRows(r0, r1)
	case r.phase == 0:
		r0, r1 := r.rowRange(piece)
		r.backwardRows(w, r0, r1)
	default:
		r.gradientPiece(piece)
	}
	return nil
}

// forwardRows runs every step over rows [r0, r1) of the batch.
func (r *gruSeqRun) forwardRows(r0, r1 int) {
	op := r.op
	u, u2, nIn, b := op.units, 2*op.units, op.nIn, r.batch
	k := nIn + u
	rows := r1 - r0
	var hPrev []float32
	if r.h0 != nil {
		hPrev = r.h0[r0*u : r1*u]
	}
	for t := range op.steps {
		lo, hi := t*b+r0, t*b+r1
		g := r.gates[lo*u2 : hi*u2]
		c := r.cand[lo*u : hi*u]
		h := r.val[lo*u : hi*u]
		xh, xrh := r.xh[lo*k:hi*k], r.xrh[lo*k:hi*k]
		for i := range rows {
			x := r.src[(lo+i)*nIn : (lo+i+1)*nIn]
			copy(xh[i*k:i*k+nIn], x)
			copy(xrh[i*k:i*k+nIn], x)
			if hPrev != nil {
				copy(xh[i*k+nIn:(i+1)*k], hPrev[i*u:(i+1)*u])
			} else {
				clear(xh[i*k+nIn : (i+1)*k])
			}
		}
		gemmPacked(rows, xh, k, r.kg, 0, g, u2)
		gruGatesRows(gruBestPath, g, r.gb, hPrev, xrh[nIn:], k, rows, u)
		gemmPacked(rows, xrh, k, r.kc, 0, c, u)
		gruCandRows(gruBestPath, c, r.cb, g, hPrev, h, rows, u)
		hPrev = h
	}
}

// prevRows returns the h before step t for rows [r0, r1), or nil for a
// zero initial state.
func (r *gruSeqRun) prevRows(t, r0, r1 int) []float32 {
	u, b := r.op.units, r.batch
	if t > 0 {
		return r.val[((t-1)*b+r0)*u : ((t-1)*b+r1)*u]
	}
	if r.h0 != nil {
		return r.h0[r0*u : r1*u]
	}
	return nil
}

func (op gruSeqOp) backward(e *execution, n *Node) error {
	r := &e.s.gru
	*r = gruSeqRun{e: e, n: n, op: op, backward: true}
	defer func() { *r = gruSeqRun{} }()
	if err := r.bind(); err != nil {
		return err
	}
	u, u2, nIn, b, T := op.units, 2*op.units, op.nIn, r.batch, op.steps
	rows := T * b
	st := e.s.state(n)
	r.val = st.val.data
	r.gates, r.cand = st.aux[gruSeqGates][:rows*u2], st.aux[gruSeqCand][:rows*u]
	r.xh, r.xrh = st.aux[gruSeqXH][:rows*(nIn+u)], st.aux[gruSeqXRH][:rows*(nIn+u)]
	r.dVal = e.grad(n).data
	r.dG = e.scratch(n, gruSeqDGates, rows*u2)
	r.dC = e.scratch(n, gruSeqDCand, rows*u)
	if op.hasState && e.needsGrad(n.inputs[5]) {
		r.dh0 = e.grad(n.inputs[5]).data
	}
	// Every step multiplies its gradients by the transposed recurrent
	// halves: pack them once.
	r.kg, r.kc = &e.s.packed[0], &e.s.packed[1]
	r.kg.Pack(true, u2, u, r.gk[nIn*u2:], u2)
	r.kc.Pack(true, u, u, r.ck[nIn*u:], u)
	workers := parallel.Workers(r.pieces())
	for w := range workers {
		e.scratch(n, gruSeqWorker+w, 3*r.rows*u)
	}
	if err := parallel.Run(r.pieces(), r); err != nil {
		return err
	}
	// The weights' and inputs' gradients, as large products over all
	// steps, shared out over the cores.
	if e.needsGrad(n.inputs[0]) {
		r.dSrc = e.grad(n.inputs[0]).data
	}
	if e.needsGrad(n.inputs[1]) {
		r.dGK = e.grad(n.inputs[1]).data
	}
	if e.needsGrad(n.inputs[2]) {
		r.dGB = e.grad(n.inputs[2]).data
	}
	if e.needsGrad(n.inputs[3]) {
		r.dCK = e.grad(n.inputs[3]).data
	}
	if e.needsGrad(n.inputs[4]) {
		r.dCB = e.grad(n.inputs[4]).data
	}
	if r.dGK != nil {
		r.partGK = e.scratch(n, gruSeqPartGK, len(r.dGK))
	}
	if r.dCK != nil {
		r.partCK = e.scratch(n, gruSeqPartCK, len(r.dCK))
	}
	r.phase = 1
	if err := parallel.Run(gruGradPieces, r); err != nil {
		return err
	}
	if r.dGK != nil {
		addTo(r.dGK, r.partGK)
	}
	if r.dCK != nil {
		addTo(r.dCK, r.partCK)
	}
	return nil
}

// backwardRows runs the recurrence backward over rows [r0, r1), leaving
// the gates' and candidates' gradients of every step in dG and dC.
func (r *gruSeqRun) backwardRows(w, r0, r1 int) {
	op := r.op
	u, u2, b := op.units, 2*op.units, r.batch
	rows := r1 - r0
	work := r.e.s.state(r.n).aux[gruSeqWorker+w]
	dhNext, dh, dRH := work[:rows*u], work[rows*u:2*rows*u], work[2*rows*u:3*rows*u]
	clear(dhNext)
	for t := op.steps - 1; t >= 0; t-- {
		lo, hi := t*b+r0, t*b+r1
		g, c := r.gates[lo*u2:hi*u2], r.cand[lo*u:hi*u]
		dg, dc := r.dG[lo*u2:hi*u2], r.dC[lo*u:hi*u]
		hPrev := r.prevRows(t, r0, r1)
		gruGradOutRows(gruBestPath, g, c, hPrev, r.dVal[lo*u:hi*u], dhNext, dg, dc, dh, rows, u)
		if hPrev == nil {
			for i := range rows {
				clear(dg[i*u2 : i*u2+u])
			}
			continue
		}
		// Through r·h: the reset gate's gradient and a term of the
		// previous h's.
		gemmPacked(rows, dc, u, r.kc, 0, dRH, u)
		gruGradResetRows(gruBestPath, g, hPrev, dRH, dg, dh, rows, u)
		if t > 0 || r.dh0 != nil {
			gemmPacked(rows, dg, u2, r.kg, 1, dh, u)
		}
		dhNext, dh = dh, dhNext
	}
	if r.dh0 != nil && r.h0 != nil {
		addTo(r.dh0[r0*u:r1*u], dhNext)
	}
}

// gruGradPieces is the number of pieces of the gradient phase, so that
// two cores share them about equally: each kernel's gradient over the
// first and over the second half of the steps (the second into a buffer
// of its own, added afterwards), and the two halves of the inputs'
// gradient.
const gruGradPieces = 6

// gradientPiece computes one of the products of the gradient phase. A
// kernel's gradient over all steps is one product, concat([x, h])ᵀ·dG or
// concat([x, r·h])ᵀ·dC; cut along the steps, its halves pack disjoint
// parts of both operands, where a cut by rows or columns of the kernel
// would pack one of them twice.
func (r *gruSeqRun) gradientPiece(piece int) {
	op := r.op
	u, u2, nIn, T := op.units, 2*op.units, op.nIn, op.steps
	k, rows := nIn+u, T*r.batch
	mid := (rows + 1) / 2
	lo, hi := 0, mid
	if piece%2 == 1 {
		lo, hi = mid, rows
	}
	switch piece {
	case 0, 1:
		if r.dGK == nil {
			return
		}
		kernelGradHalf(r.dGK, r.partGK, piece == 1, k, u2, lo, hi, r.xh, r.dG)
	case 2, 3:
		if piece == 2 && r.dGB != nil {
			for i := range rows {
				addTo(r.dGB, r.dG[i*u2:(i+1)*u2])
			}
		}
		if piece == 3 && r.dCB != nil {
			for i := range rows {
				addTo(r.dCB, r.dC[i*u:(i+1)*u])
			}
		}
		if r.dCK == nil {
			return
		}
		kernelGradHalf(r.dCK, r.partCK, piece == 3, k, u, lo, hi, r.xrh, r.dC)
	case 4, 5:
		if r.dSrc != nil && hi > lo {
			gemmSerial(false, true, hi-lo, nIn, u2, r.dG[lo*u2:], u2, r.gk, u2, 1, r.dSrc[lo*nIn:], nIn)
			gemmSerial(false, true, hi-lo, nIn, u, r.dC[lo*u:], u, r.ck, u, 1, r.dSrc[lo*nIn:], nIn)
		}
	}
}

// kernelGradHalf computes the kernel gradient aᵀ·g of rows [lo, hi) (a
// is k wide, g n wide): added into dk for the first half of the rows,
// written into part for the second, which is added to dk afterwards so
// that the two halves can run on two cores.
func kernelGradHalf(dk, part []float32, second bool, k, n, lo, hi int, a, g []float32) {
	beta := float32(1)
	if second {
		dk, beta = part, 0
	}
	if hi == lo {
		if second {
			clear(dk)
		}
		return
	}
	gemmSerial(true, false, k, n, hi-lo, a[lo*k:], k, g[lo*n:], n, beta, dk, n)
}
