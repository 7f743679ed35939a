package rnn

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
)

// nodeState is what a session keeps for one node between runs: its value,
// its gradient and op-specific buffers, all reused while shapes repeat.
type nodeState struct {
	val  Tensor    // current value; its data may be another node's storage
	buf  []float32 // storage owned by this node (nil when val aliases)
	grad Tensor    // gradient of the current backward pass
	gbuf []float32 // storage of grad
	aux  [][]float32

	initialized bool       // variables: has a value
	step        int        // train ops: number of updates applied (Adam's t)
	rng         *rand.Rand // random ops: the stream, which goes on between runs
}

// execution carries one Run: the session, the context, the feeds and the
// gradient path of the backward pass in progress.
type execution struct {
	s      *Session
	ctx    context.Context
	feeds  Feeds
	plan   *plan
	inPath []bool // nodes whose gradient the current backward pass needs, by id
}

// value returns the current value of n.
func (e *execution) value(n *Node) *Tensor { return &e.s.state(n).val }

// output sizes n's own storage for shape and makes it n's value. The
// contents are stale: ops overwrite them.
func (e *execution) output(n *Node, shape ...int) *Tensor {
	st := e.s.state(n)
	size := 1
	for _, d := range shape {
		size *= d
	}
	if cap(st.buf) < size {
		if st.buf != nil {
			e.s.pool.put(st.buf)
		}
		st.buf = e.s.pool.get(size)
	}
	st.val.data = st.buf[:size]
	st.val.shape = append(st.val.shape[:0], shape...)
	return &st.val
}

// alias makes n's value a view of data with the given shape.
func (e *execution) alias(n *Node, data []float32, shape []int) {
	st := e.s.state(n)
	if st.buf != nil {
		e.s.pool.put(st.buf)
		st.buf = nil
	}
	st.val.data = data
	st.val.shape = append(st.val.shape[:0], shape...)
}

// needsGrad reports whether the backward pass in progress needs the
// gradient of n.
func (e *execution) needsGrad(n *Node) bool { return n.id < len(e.inPath) && e.inPath[n.id] }

// grad returns n's gradient buffer in the backward pass in progress.
func (e *execution) grad(n *Node) *Tensor { return &e.s.state(n).grad }

// scratch returns op-specific buffer k of n with length size. Its contents
// are whatever the last user left.
func (e *execution) scratch(n *Node, k, size int) []float32 {
	st := e.s.state(n)
	for len(st.aux) <= k {
		st.aux = append(st.aux, nil)
	}
	if cap(st.aux[k]) < size {
		if st.aux[k] != nil {
			e.s.pool.put(st.aux[k])
		}
		st.aux[k] = e.s.pool.get(size)
	}
	return st.aux[k][:size]
}

// dropScratch hands n's large op-specific buffers back to the pool; ops
// call it after forward when no backward pass will need them.
func (e *execution) dropScratch(n *Node) {
	st := e.s.state(n)
	for k, b := range st.aux {
		if cap(b) >= releaseMin {
			e.s.pool.put(b)
			st.aux[k] = nil
		}
	}
}

// training reports whether this run has a backward pass, which needs the
// values ops saved during forward.
func (e *execution) training() bool { return e.plan.backward }

// cancelled returns the context's error, if any.
func (e *execution) cancelled() error { return e.ctx.Err() }

// nodeError attaches n's name and op to err unless it already names a node.
func nodeError(n *Node, err error) error {
	var oe *OpError
	if errors.As(err, &oe) {
		return err
	}
	return &OpError{Op: n.opType, Node: n.name, Err: err}
}

// plan is the schedule for one set of fetches: the nodes to compute in
// order and, for runs without a backward pass, when big buffers die.
type plan struct {
	order    []*Node
	backward bool
	release  [][]*Node // release[i]: owners whose storage is dead after order[i]
	// keepSteps holds the LSTM sequences whose early steps the run reads;
	// the others keep only their last step when there is no backward pass.
	keepSteps map[*Node]bool
	// chunks says how a run without a backward pass may go through the
	// graph in chunks of examples; nil when it may not.
	chunks *chunkPlan
}

// valueless is implemented by ops that have no value to fetch (training
// and initialization ops).
type valueless interface{ valueless() }

// makePlan collects the ancestors of fetches in creation order, which is a
// topological order because nodes are created after their inputs.
func makePlan(fetches []*Node) *plan {
	maxID := 0
	for _, f := range fetches {
		maxID = max(maxID, f.id)
	}
	byID := make([]*Node, maxID+1)
	var stack []*Node
	for _, f := range fetches {
		if byID[f.id] == nil {
			byID[f.id] = f
			stack = append(stack, f)
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, in := range n.inputs {
			if byID[in.id] == nil {
				byID[in.id] = in
				stack = append(stack, in)
			}
		}
	}
	p := &plan{}
	for _, n := range byID {
		if n == nil {
			continue
		}
		p.order = append(p.order, n)
		if _, isBP := n.op.(*backpropOp); isBP {
			p.backward = true
		}
		if keepsSteps(n.op) {
			if p.keepSteps == nil {
				p.keepSteps = map[*Node]bool{}
			}
			p.keepSteps[n.inputs[0]] = true
		}
	}
	if !p.backward {
		p.release = releaseSchedule(p.order, fetches)
		p.chunks = analyzeChunks(p, fetches)
	}
	return p
}

// keepsSteps reports whether op reads early steps of the LSTM sequence
// that is its input.
func keepsSteps(op operation) bool {
	switch op := op.(type) {
	case lstmSeqPartOp:
		return op.step < op.steps-1
	case lstmSeqOutputsOp:
		return true
	}
	return false
}

// releaseSchedule finds, for a forward-only run, after which node each
// op-owned buffer is read for the last time. Views count as reads of the
// storage they alias. Fetched nodes, feeds, constants and variables are
// never released.
func releaseSchedule(order []*Node, fetches []*Node) [][]*Node {
	owner := map[*Node]*Node{}
	var ownerOf func(n *Node) *Node
	ownerOf = func(n *Node) *Node {
		if o, ok := owner[n]; ok {
			return o
		}
		var o *Node
		switch n.op.(type) {
		case placeholderOp, variableOp, constOp:
			o = nil
		default:
			if a, ok := n.op.(aliasing); ok && a.aliasesInput() {
				o = ownerOf(n.inputs[0])
			} else {
				o = n
			}
		}
		owner[n] = o
		return o
	}
	last := map[*Node]int{}
	for i, n := range order {
		if o := ownerOf(n); o != nil {
			if _, ok := last[o]; !ok {
				last[o] = i
			}
		}
		for _, in := range n.inputs {
			if o := ownerOf(in); o != nil {
				last[o] = i
			}
		}
	}
	for _, f := range fetches {
		if o := ownerOf(f); o != nil {
			delete(last, o)
		}
	}
	release := make([][]*Node, len(order))
	for o, i := range last {
		release[i] = append(release[i], o)
	}
	return release
}

// releaseOwned hands n's storage back to the pool if it is big.
func (s *Session) releaseOwned(n *Node) {
	st := s.state(n)
	if cap(st.buf) >= releaseMin {
		s.pool.put(st.buf)
		st.buf = nil
		st.val.data = nil
	}
}

// runPlan executes p's nodes in order.
func (e *execution) runPlan() (err error) {
	var current *Node
	defer func() {
		if r := recover(); r != nil {
			name := "run"
			if current != nil {
				name = current.name
			}
			err = fmt.Errorf("rnn: internal error in %s: %v", name, r)
		}
	}()
	for i, n := range e.plan.order {
		current = n
		if err := e.ctx.Err(); err != nil {
			return nodeError(n, err)
		}
		if err := n.op.forward(e, n); err != nil {
			return nodeError(n, err)
		}
		if e.plan.release != nil {
			for _, o := range e.plan.release[i] {
				e.s.releaseOwned(o)
			}
		}
	}
	return nil
}
