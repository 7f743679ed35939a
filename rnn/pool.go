package rnn

// releaseMin is the smallest buffer (in float32s) worth handing back to
// the pool before a run ends; smaller buffers stay with their nodes, which
// reuse them on the next run.
const releaseMin = 1 << 16

// poolLimit bounds the float32s kept in the pool between runs, so that one
// evaluation over a huge batch does not pin its memory for ever.
const poolLimit = 1 << 23

// bufferPool recycles float32 buffers between nodes and runs so that a
// training loop with a fixed batch size stops allocating.
type bufferPool struct {
	free  [][]float32
	total int
}

// get returns a buffer of length n, reusing a pooled one that is not much
// larger than needed.
func (p *bufferPool) get(n int) []float32 {
	best := -1
	for i, b := range p.free {
		c := cap(b)
		if c >= n && c <= 2*n+4096 && (best < 0 || c < cap(p.free[best])) {
			best = i
		}
	}
	if best < 0 {
		return make([]float32, n)
	}
	b := p.free[best]
	last := len(p.free) - 1
	p.free[best] = p.free[last]
	p.free[last] = nil
	p.free = p.free[:last]
	p.total -= cap(b)
	return b[:n]
}

// put hands a buffer back.
func (p *bufferPool) put(b []float32) {
	if cap(b) == 0 {
		return
	}
	p.free = append(p.free, b[:0])
	p.total += cap(b)
}

// trim drops the largest pooled buffers until the pool is within poolLimit.
func (p *bufferPool) trim() { p.trimTo(poolLimit) }

// trimTo drops the largest pooled buffers until the pool holds at most
// limit float32s.
func (p *bufferPool) trimTo(limit int) {
	for p.total > limit && len(p.free) > 0 {
		big := 0
		for i, b := range p.free {
			if cap(b) > cap(p.free[big]) {
				big = i
			}
		}
		p.total -= cap(p.free[big])
		last := len(p.free) - 1
		p.free[big] = p.free[last]
		p.free[last] = nil
		p.free = p.free[:last]
	}
}
