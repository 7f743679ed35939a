package eval

import (
	"slices"
	"sync"
)

// callStack keeps, for each goroutine, the variables that hold the site
// of the statement each function of a cell it runs is at: the lines of a
// traceback's frames. A function records its call on entry (in
// stackGuard.check, a call every function of a cell makes already);
// nothing is done on return, which would cost a deferred call. Instead an
// entry drops the records of calls that have returned: those made at the
// same depth of the goroutine's stack or deeper. What remains after a
// panic is the calls still running, then possibly calls made by the
// innermost frame that have returned, which the traceback tells apart by
// the function each site is in. Only the goroutine itself reads its
// variables, as the interpreter reports its panic.
type callStack struct {
	mu sync.Mutex
	g  map[uintptr][]callRecord
}

// callRecord is one call: how deep the callee's stack was on entry and
// the callee's variable with its site.
type callRecord struct {
	used uintptr
	at   *int
}

// maxCallRecords bounds the records of one goroutine, far above the
// depth the stack check allows.
const maxCallRecords = 1 << 20

// enter records a call that keeps its site in at, made by goroutine g
// whose stack holds used bytes at the callee's entry.
func (c *callStack) enter(g, used uintptr, at *int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.g == nil {
		c.g = map[uintptr][]callRecord{}
	}
	rs := c.g[g]
	i := len(rs)
	for i > 0 && rs[i-1].used >= used {
		i--
	}
	rs = rs[:i]
	if len(rs) < maxCallRecords {
		rs = append(rs, callRecord{used: used, at: at})
	}
	c.g[g] = rs
}

// snapshot returns the sites of the calls of goroutine g, outermost
// first. Only g may call it: the variables are g's.
func (c *callStack) snapshot(g uintptr) []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	rs := c.g[g]
	at := make([]int, len(rs))
	for i, r := range rs {
		at[i] = *r.at
	}
	return at
}

// ends returns the sites of at most outer outermost and inner innermost
// calls of goroutine g, outermost first, and how many calls lie between
// them. Only g may call it: the variables are g's.
func (c *callStack) ends(g uintptr, outer, inner int) ([]int, []int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	rs := c.g[g]
	sites := func(rs []callRecord) []int {
		at := make([]int, len(rs))
		for i, r := range rs {
			at[i] = *r.at
		}
		return at
	}
	if len(rs) <= outer+inner {
		return sites(rs), nil, 0
	}
	return sites(rs[:outer]), sites(rs[len(rs)-inner:]), len(rs) - outer - inner
}

// reset forgets every goroutine's calls: between cells, so that the
// records of goroutines that ended do not pile up. A goroutine of an
// earlier cell that is still running loses its outer frames.
func (c *callStack) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.g)
}

// sameUnwinding reports whether two snapshots of call sites, taken as
// the interpreter reported two frames, belong to one panic: frames of one
// panic see the same calls, or more if a deferred call made some (the
// sites do not change as frames unwind, their statements are done).
func sameUnwinding(a, b []int) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return slices.Equal(a, b[:len(a)])
}
