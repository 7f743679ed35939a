package eval

import (
	"context"
	"fmt"
	"sync"
)

// CellOptions says what a front end knows about a cell it executes.
type CellOptions struct {
	// Number is the front end's number for the cell (the execution
	// count a notebook shows beside it, a REPL's prompt number), by
	// which tracebacks of later cells name its functions: "In [Number]".
	// Zero or less means the front end gives the cell no number (a
	// silent cell): it is named "In [ ]".
	Number int
}

// ExecuteCell runs a cell as Execute does, named in later tracebacks as
// opts says. Execute names each cell by the session's count of cells
// run, which differs from the front end's count as soon as the front
// end runs a cell it does not count.
func (s *Session) ExecuteCell(ctx context.Context, code string, opts CellOptions) *Result {
	s.numbers.set(opts.Number)
	defer s.numbers.unset()
	return s.Execute(ctx, code)
}

// cellNumbers maps the session's count of cells run, which names cells
// inside the session, to the front end's numbers for them.
type cellNumbers struct {
	mu     sync.Mutex
	given  bool // a number is given for the cells that start now
	next   int
	byCell map[int]int
}

func (c *cellNumbers) set(n int) {
	c.mu.Lock()
	c.given, c.next = true, n
	c.mu.Unlock()
}

func (c *cellNumbers) unset() {
	c.mu.Lock()
	c.given = false
	c.mu.Unlock()
}

// record notes the front end's number, if given, for the session's
// cell, which starts now. A cell of a session that was reset takes the
// place of the old one with its count.
func (c *cellNumbers) record(cell int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byCell == nil {
		c.byCell = map[int]int{}
	}
	if !c.given {
		delete(c.byCell, cell)
		return
	}
	c.byCell[cell] = c.next
}

// label is how a traceback names the session's cell: "In [N]".
func (c *cellNumbers) label(cell int) string {
	c.mu.Lock()
	n, ok := c.byCell[cell]
	c.mu.Unlock()
	switch {
	case !ok:
		return fmt.Sprintf("In [%d]", cell)
	case n <= 0:
		return "In [ ]"
	}
	return fmt.Sprintf("In [%d]", n)
}
