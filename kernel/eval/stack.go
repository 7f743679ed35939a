package eval

import (
	"fmt"
	"go/ast"
	"runtime"
	"sync/atomic"
)

// stackLimit is how much stack a goroutine may use before a function
// declared in a cell refuses to be called. The Go runtime kills the
// process, with no way to recover, when a stack would grow past 1 GB
// (runtime/debug.SetMaxStack). 64 MB allows over 100,000 nested calls of
// functions of cells (the interpreter uses about 600 bytes of stack for
// each) and is reached by runaway recursion in about 6 s, where the
// runtime's limit took a minute. A variable so that tests reach it
// quickly.
var stackLimit uintptr = 64 << 20

// stackGuard stops goroutines of cells whose stack grows past stackLimit
// and remembers it for the cell's result.
type stackGuard struct {
	tripped atomic.Uint64 // bytes of stack in use when a goroutine was stopped; 0 if none
	calls   callStack     // the call sites of running functions, for tracebacks
}

// check ends the calling goroutine when it uses more than stackLimit
// bytes of stack. The rewrites call it on entry to every function
// declared in a cell, so that runaway recursion in a cell is an error the
// cell reports, not the end of the kernel. It costs one compiled call per
// interpreted call, about as much as the call itself. at is the
// function's variable that holds the site of its statement (see
// positions.go), which the check records.
//
// It ends the goroutine with runtime.Goexit rather than a panic: the
// interpreter recovers and re-raises a panic in every interpreted frame,
// which takes time quadratic in the depth (16 s for 8,000 frames), while
// Goexit runs the deferred calls of each frame once.
//
// Those deferred calls, which may be functions of cells too, run on top
// of the stack that was too deep: while a goroutine unwinds, they go on up
// to twice the limit. Ending it again from each of them would start
// Goexit anew in every frame's deferred call, which does not finish in
// minutes for a few thousand frames.
func (g *stackGuard) check(at *int) {
	used := stackUsed()
	if used > stackLimit && (used > 2*stackLimit || !unwinding()) {
		g.tripped.Store(uint64(used))
		runtime.Goexit()
	}
	if at != nil {
		g.calls.enter(currentG(), used, at)
	}
}

// take returns the error for a goroutine stopped since the last call, if
// any, and forgets it.
func (g *stackGuard) take() *Error {
	used := g.tripped.Swap(0)
	if used == 0 {
		return nil
	}
	msg := fmt.Sprintf("stack overflow: a goroutine used %d MB of stack (runaway recursion?) and was stopped", used>>20)
	return &Error{Name: "StackOverflow", Message: msg, Traceback: []string{"StackOverflow: " + msg}}
}

// checkStack makes a function body of a cell check its goroutine's stack
// first. Every function declared in a cell does, and so does every
// function literal and method: any recursion, direct, mutual or through a
// closure held in a variable, goes through one of them. The call goes
// before the first statement, so that the interpreter's panic positions,
// which name a body's first statement, still point into the cell's own
// text, and on its line, so that line numbers are unchanged.
func (rw *rewriter) checkStack(p *piece, body *ast.BlockStmt) {
	switch {
	case body == nil:
	case len(body.List) == 0:
		rw.addEntry(p, body.Lbrace+1, entryText(""))
	default:
		rw.addEntry(p, body.List[0].Pos(), entryText(" "))
	}
}
