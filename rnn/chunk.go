package rnn

import (
	"context"
	"fmt"
)

// Runs without a backward pass over a big batch (an accuracy over the
// 55,000 training images fed at once, as the tutorial does) go through the
// graph in chunks of evalChunkRows examples when every op on the way keeps
// the examples apart, so that memory stays bounded by a chunk and the
// working set stays in cache. The results are those of one pass over the
// whole batch, up to the order of floating-point sums in reductions.
//
// Which ops keep examples apart is worked out per plan, from static
// shapes: a value depends on the batch when it is computed from a fed
// placeholder whose first dimension is None, and its layout says where the
// examples are in its flat data: [pre][batch][post], pre·batch·post values
// (the tutorial's time-major inputs, for one, have pre = 28 steps).

// evalChunkRows is the number of examples per chunk; a var for tests. At
// 64 the tutorial's LSTM keeps its hoisted input projection for a chunk
// in 3.7 MB (at 1,024 a pass held about 20 MB, which two sessions kept
// pinned between passes); the products are still big enough for the
// GEMM kernels, and the chunk's working set stays in cache, so the
// accuracy pass is no slower.
var evalChunkRows = 64

// batchLayout is where the examples sit in a batch-dependent value.
type batchLayout struct {
	pre, post int
	opaque    bool // batch-dependent but not fetchable whole (a sequence's kept steps)
}

// chunkPlan is the outcome of the analysis of a plan.
type chunkPlan struct {
	inputs  []*Node               // the placeholders carrying the batch
	layouts map[*Node]batchLayout // batch-dependent nodes
	reduced map[*Node]bool        // fetched reductions over whole batch-dependent values
}

// analyzeChunks returns how p can run in chunks, or nil when it cannot.
func analyzeChunks(p *plan, fetches []*Node) *chunkPlan {
	if p.backward {
		return nil
	}
	c := &chunkPlan{layouts: map[*Node]batchLayout{}, reduced: map[*Node]bool{}}
	fetched := map[*Node]bool{}
	for _, f := range fetches {
		fetched[f] = true
	}
	for _, n := range p.order {
		if _, ok := n.op.(valueless); ok {
			return nil // an op with effects (initialization) must run once
		}
		if _, ok := n.op.(placeholderOp); ok {
			if len(n.shape) > 0 && n.shape[0] < 0 {
				post, ok := knownProduct(n.shape[1:])
				if !ok {
					return nil
				}
				c.inputs = append(c.inputs, n)
				c.layouts[n] = batchLayout{pre: 1, post: post}
			}
			continue
		}
		var deps []batchLayout
		dependent := false
		for _, in := range n.inputs {
			if c.reduced[in] {
				return nil // a reduction over the batch feeds another op
			}
			if l, ok := c.layouts[in]; ok {
				dependent = true
				deps = append(deps, l)
			}
		}
		if !dependent {
			continue
		}
		if n.unknownRank {
			// A placeholder without a shape was combined with the batch:
			// static shapes cannot say where its examples would be. (Such
			// a placeholder alone, a keep probability say, is not
			// batch-dependent: it is not among c.inputs.)
			return nil
		}
		if r, ok := n.op.(reduceOp); ok && r.all {
			if !fetched[n] || deps[0].opaque {
				return nil
			}
			c.reduced[n] = true
			continue
		}
		l, ok := chunkLayout(c, n)
		if !ok {
			return nil
		}
		c.layouts[n] = l
	}
	if len(c.inputs) == 0 {
		return nil
	}
	for _, f := range fetches {
		if l, ok := c.layouts[f]; ok && (l.opaque || batchAxis(f.shape) < 0) {
			return nil
		}
	}
	return c
}

// chunkLayout returns the layout of batch-dependent n, or false when n
// mixes examples (or is an op the analysis does not know).
func chunkLayout(c *chunkPlan, n *Node) (batchLayout, bool) {
	in := func(i int) (batchLayout, bool) {
		l, ok := c.layouts[n.inputs[i]]
		return l, ok
	}
	x, xDep := in(0)
	if xDep && x.opaque {
		switch n.op.(type) {
		case lstmSeqPartOp, lstmSeqOutputsOp:
		default:
			return batchLayout{}, false
		}
	}
	switch op := n.op.(type) {
	case reshapeOp:
		// The flat order, and so the layout, stays; the new shape must keep
		// the examples within its unknown dimension, which then absorbs a
		// chunk of any size.
		if _, _, _, ok := axisFactors(n.shape, x); !ok {
			return batchLayout{}, false
		}
		return x, true
	case *convOp, poolOp:
		// Each image is computed on its own; filters are weights.
		if xDep && x.pre == 1 && batchAxis(n.inputs[0].shape) == 0 && !c.dependsAny(n.inputs[1:]) {
			if post, ok := knownProduct(n.shape[1:]); ok {
				return batchLayout{pre: 1, post: post}, true
			}
		}
	case stackOp:
		// Every input holds the examples alike; the new axis multiplies
		// the side of the batch axis it lands on.
		a := batchAxis(n.inputs[0].shape)
		if a < 0 {
			return batchLayout{}, false
		}
		for _, in := range n.inputs {
			if l, ok := c.layouts[in]; !ok || l != x || !sameShape(in.shape, n.inputs[0].shape) {
				return batchLayout{}, false
			}
		}
		if op.axis <= a {
			return batchLayout{pre: x.pre * len(n.inputs), post: x.post}, true
		}
		return batchLayout{pre: x.pre, post: x.post * len(n.inputs)}, true
	case gatherOp:
		// Each index becomes a row of params, in place.
		ids, idsDep := in(1)
		if row, ok := knownProduct(n.inputs[0].shape[1:]); ok && idsDep && !xDep && !n.inputs[0].unknownRank {
			return batchLayout{pre: ids.pre, post: ids.post * row}, true
		}
	case dropoutOp:
		// Element-wise with one keep probability for the whole batch.
		return x, xDep && !c.dependsAny(n.inputs[1:])
	case unaryOp, castOp, softmaxOp, mathOp, clipValueOp:
		if _, ok := op.(softmaxOp); ok && !rowsWhole(n.inputs[0].shape, x) {
			return batchLayout{}, false
		}
		return x, true
	case transposeOp:
		a := batchAxis(n.inputs[0].shape)
		if a < 0 || !wholeAxis(n.inputs[0].shape, a, x) {
			return batchLayout{}, false
		}
		for i, p := range op.perm {
			if p == a {
				pre, _ := knownProduct(n.shape[:i])
				post, _ := knownProduct(n.shape[i+1:])
				return batchLayout{pre: pre, post: post}, true
			}
		}
	case matMulOp:
		_, bDep := in(1)
		if xDep && !bDep && len(n.inputs[0].shape) == 2 && x.post == n.inputs[0].shape[1] {
			return batchLayout{pre: x.pre, post: n.shape[1]}, true
		}
	case binaryOp:
		y, yDep := in(1)
		a, b := n.inputs[0], n.inputs[1]
		switch {
		case xDep && yDep:
			if sameShape(a.shape, b.shape) && x == y {
				return x, true
			}
		case xDep:
			return x, sameShape(n.shape, a.shape) && broadcastsWithin(a.shape, b.shape, x)
		case yDep:
			return y, sameShape(n.shape, b.shape) && broadcastsWithin(b.shape, a.shape, y)
		}
	case argMaxOp:
		return reduceAxisLayout(n.inputs[0].shape, op.axis, x)
	case reduceOp:
		return reduceAxisLayout(n.inputs[0].shape, op.axis, x)
	case xentOp:
		y, yDep := in(1)
		if xDep && yDep && x == y && rowsWhole(n.inputs[0].shape, x) {
			c := n.inputs[0].shape[len(n.inputs[0].shape)-1]
			return batchLayout{pre: x.pre, post: x.post / c}, true
		}
	case splitOp:
		return splitLayout(n.inputs[0].shape, op, x)
	case unstackOp:
		// In the flat data a slice is a split into num parts, whose axis
		// then goes; slicing the batch itself mixes examples with chunks.
		if batchAxis(n.inputs[0].shape) == op.axis {
			return batchLayout{}, false
		}
		return splitLayout(n.inputs[0].shape, splitOp{index: op.index, num: op.num, axis: op.axis}, x)
	case lstmSeqOp:
		// src holds steps·batch rows; kernel and bias are weights; the
		// initial state, when given, holds batch rows.
		if x.pre != op.steps || x.post != op.nIn || c.dependsAny(n.inputs[1:3]) {
			return batchLayout{}, false
		}
		for _, s := range n.inputs[3:] {
			if l, ok := c.layouts[s]; !ok || l != (batchLayout{pre: 1, post: op.units}) {
				return batchLayout{}, false
			}
		}
		return batchLayout{opaque: true}, true
	case lstmSeqPartOp:
		return batchLayout{pre: 1, post: n.shape[1]}, xDep && x.opaque
	case lstmSeqOutputsOp:
		return batchLayout{pre: op.steps, post: n.shape[1]}, xDep && x.opaque
	case gruSeqOp:
		if x.pre != op.steps || x.post != op.nIn || c.dependsAny(n.inputs[1:5]) {
			return batchLayout{}, false
		}
		for _, s := range n.inputs[5:] {
			if l, ok := c.layouts[s]; !ok || l != (batchLayout{pre: 1, post: op.units}) {
				return batchLayout{}, false
			}
		}
		return batchLayout{pre: op.steps, post: op.units}, true
	case gruStepOp:
		if !xDep || x != (batchLayout{pre: 1, post: op.nIn}) || c.dependsAny(n.inputs[1:5]) {
			return batchLayout{}, false
		}
		for _, s := range n.inputs[5:] {
			if l, ok := c.layouts[s]; !ok || l != (batchLayout{pre: 1, post: op.units}) {
				return batchLayout{}, false
			}
		}
		return batchLayout{pre: 1, post: op.units}, true
	case lstmStepOp:
		if !xDep || x != (batchLayout{pre: 1, post: op.nIn}) || c.dependsAny(n.inputs[1:3]) {
			return batchLayout{}, false
		}
		for _, s := range n.inputs[3:] {
			if l, ok := c.layouts[s]; !ok || l != (batchLayout{pre: 1, post: op.units}) {
				return batchLayout{}, false
			}
		}
		return batchLayout{pre: 2, post: op.units}, true
	case lstmPartOp:
		if x == (batchLayout{pre: 2, post: n.shape[1]}) {
			return batchLayout{pre: 1, post: n.shape[1]}, true
		}
	}
	return batchLayout{}, false
}

// dependsAny reports whether any of nodes depends on the batch.
func (c *chunkPlan) dependsAny(nodes []*Node) bool {
	for _, n := range nodes {
		if _, ok := c.layouts[n]; ok {
			return true
		}
	}
	return false
}

// knownProduct returns the product of dims, or false when one is unknown.
func knownProduct(dims []int) (int, bool) {
	p := 1
	for _, d := range dims {
		if d < 0 {
			return 0, false
		}
		p *= d
	}
	return p, true
}

// batchAxis returns the one unknown dimension of a static shape, where a
// batch-dependent value holds its examples, or -1.
func batchAxis(shape []int) int {
	axis := -1
	for i, d := range shape {
		if d < 0 {
			if axis >= 0 {
				return -1
			}
			axis = i
		}
	}
	return axis
}

// axisFactors splits the length of shape's batch axis as outer·batch·inner
// under layout l.
func axisFactors(shape []int, l batchLayout) (axis, outer, inner int, ok bool) {
	axis = batchAxis(shape)
	if axis < 0 {
		return 0, 0, 0, false
	}
	before, _ := knownProduct(shape[:axis])
	after, _ := knownProduct(shape[axis+1:])
	if before == 0 || after == 0 || l.pre%before != 0 || l.post%after != 0 {
		return 0, 0, 0, false
	}
	return axis, l.pre / before, l.post / after, true
}

// wholeAxis reports whether axis of shape holds exactly the examples.
func wholeAxis(shape []int, axis int, l batchLayout) bool {
	a, outer, inner, ok := axisFactors(shape, l)
	return ok && a == axis && outer == 1 && inner == 1
}

// rowsWhole reports whether the last axis of shape lies within post, so
// that an op over rows of the last axis never mixes examples.
func rowsWhole(shape []int, l batchLayout) bool {
	if len(shape) == 0 {
		return false
	}
	last := shape[len(shape)-1]
	return last > 0 && l.post%last == 0 && batchAxis(shape) != len(shape)-1
}

// broadcastsWithin reports whether small, repeated over big (see
// broadcastShape), repeats within each example.
func broadcastsWithin(big, small []int, l batchLayout) bool {
	if len(small) > len(big) {
		return false
	}
	size, ok := knownProduct(small)
	if !ok || size == 0 || l.post%size != 0 {
		return false
	}
	return len(small) == 0 || batchAxis(big) < len(big)-len(small)
}

// reduceAxisLayout is the layout after reducing axis of shape.
func reduceAxisLayout(shape []int, axis int, l batchLayout) (batchLayout, bool) {
	a, _, _, ok := axisFactors(shape, l)
	if !ok || axis == a || axis < 0 || axis >= len(shape) || shape[axis] <= 0 {
		return batchLayout{}, false
	}
	if axis < a {
		return batchLayout{pre: l.pre / shape[axis], post: l.post}, true
	}
	return batchLayout{pre: l.pre, post: l.post / shape[axis]}, true
}

// splitLayout is the layout of one part of a split.
func splitLayout(shape []int, op splitOp, l batchLayout) (batchLayout, bool) {
	a, outer, inner, ok := axisFactors(shape, l)
	switch {
	case !ok:
	case op.axis == a:
		if outer%op.num == 0 {
			before, _ := knownProduct(shape[:a])
			after, _ := knownProduct(shape[a+1:])
			return batchLayout{pre: before * outer / op.num, post: inner * after}, true
		}
	case op.axis < a:
		return batchLayout{pre: l.pre / op.num, post: l.post}, true
	default:
		return batchLayout{pre: l.pre, post: l.post / op.num}, true
	}
	return batchLayout{}, false
}

// chunkBatch returns the number of examples fed, when every batch input is
// fed with the same number.
func (c *chunkPlan) chunkBatch(feeds Feeds) (int, bool) {
	n := -1
	for _, in := range c.inputs {
		t, ok := feeds[in]
		if !ok || t == nil || len(t.shape) != len(in.shape) || len(t.shape) == 0 {
			return 0, false
		}
		if n >= 0 && t.shape[0] != n {
			return 0, false
		}
		n = t.shape[0]
	}
	return n, n > 0
}

// runChunked runs the plan once per chunk of examples and assembles the
// fetched values; the caller holds the session's lock.
func (s *Session) runChunked(ctx context.Context, p *plan, c *chunkPlan, fetches []*Node, feeds Feeds, batch int) ([]*Tensor, error) {
	chunkFeeds := make(Feeds, len(feeds))
	for k, v := range feeds {
		chunkFeeds[k] = v
	}
	views := make([]Tensor, len(c.inputs))
	results := make([]*Tensor, len(fetches))
	sums := make([]float64, len(fetches))
	for b0 := 0; b0 < batch; b0 += evalChunkRows {
		b1 := min(b0+evalChunkRows, batch)
		for i, in := range c.inputs {
			t := feeds[in]
			post := c.layouts[in].post
			views[i] = Tensor{shape: append(append(views[i].shape[:0], b1-b0), t.shape[1:]...)}
			if t.lazy != nil {
				views[i].lazy, views[i].off = t.lazy, t.off+b0*post
			} else {
				views[i].data = t.data[b0*post : b1*post]
			}
			chunkFeeds[in] = &views[i]
		}
		e := &s.exec
		*e = execution{s: s, ctx: ctx, feeds: chunkFeeds, plan: p}
		err := e.runPlan()
		*e = execution{}
		if err != nil {
			return nil, fmt.Errorf("%w (examples %d to %d of %d)", err, b0, b1-1, batch)
		}
		for i, f := range fetches {
			v := &s.state(f).val
			if _, ok := f.op.(valueless); ok {
				continue
			}
			l, dep := c.layouts[f]
			switch {
			case c.reduced[f]:
				w := 1.0
				if f.op.(reduceOp).mean {
					w = float64(b1-b0) / float64(batch)
				}
				sums[i] += w * float64(v.data[0])
			case dep:
				if results[i] == nil {
					shape := append([]int(nil), v.shape...)
					a := batchAxis(f.shape)
					shape[a] = shape[a] / (b1 - b0) * batch
					results[i] = NewTensor(shape...)
				}
				rows := (b1 - b0) * l.post
				for q := 0; q < l.pre; q++ {
					copy(results[i].data[(q*batch+b0)*l.post:], v.data[q*rows:(q+1)*rows])
				}
			case b1 == batch:
				results[i] = v.Clone()
			}
		}
	}
	for i, f := range fetches {
		if c.reduced[f] {
			results[i] = Scalar(float32(sums[i]))
		}
	}
	return results, nil
}
