package eval

import (
	"fmt"
	"go/ast"
	"runtime"
	"strings"
	"sync"
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

	mu     sync.Mutex
	frames overflowFrames // the stopped goroutine's calls, for its traceback
}

// overflowFrames are the sites of the calls a goroutine stopped for its
// stack was in, outermost first, without the middle of a deep
// recursion: elided calls between outer and inner.
type overflowFrames struct {
	outer, inner []int
	elided       int
}

// Frames a stack overflow's traceback shows: the innermost calls, where
// the recursion is, and the outermost, where it started.
const (
	overflowInner = 6
	overflowOuter = 3
)

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
		if g.tripped.CompareAndSwap(0, uint64(used)) {
			outer, inner, elided := g.calls.ends(currentG(), overflowOuter, overflowInner)
			g.mu.Lock()
			g.frames = overflowFrames{outer: outer, inner: inner, elided: elided}
			g.mu.Unlock()
		}
		runtime.Goexit()
	}
	if at != nil {
		g.calls.enter(currentG(), used, at)
	}
}

// take returns the message for a goroutine stopped since the last
// call, if any, with the calls it was in, and forgets them.
func (g *stackGuard) take() (string, overflowFrames, bool) {
	used := g.tripped.Swap(0)
	g.mu.Lock()
	frames := g.frames
	g.frames = overflowFrames{}
	g.mu.Unlock()
	if used == 0 {
		return "", overflowFrames{}, false
	}
	msg := fmt.Sprintf("stack overflow: a goroutine used %d MB of stack (runaway recursion?) and was stopped", used>>20)
	return msg, frames, true
}

// takeStackOverflow returns the error for a goroutine of a cell stopped
// for its stack since the last call, if any: Go's traceback of the
// calls it was in, innermost first, with the middle of the recursion
// elided, at the innermost statement of the cell code that runs, or
// else at the statement of its body that started it.
func (s *Session) takeStackOverflow(code string) *Error {
	msg, frames, ok := s.stack.take()
	if !ok {
		return nil
	}
	e := &Error{Name: "StackOverflow", Message: msg, Traceback: []string{"StackOverflow: " + msg, "", "goroutine 1 [running]:"}}
	s.mu.Lock()
	cell := s.cells
	s.mu.Unlock()
	frame := func(n int) {
		at, ok := s.sites.get(n)
		if !ok {
			return
		}
		e.Traceback = append(e.Traceback, goFuncName(at.Func))
		if at.Cell != cell {
			e.Traceback = append(e.Traceback, fmt.Sprintf("\tIn [%d]:%d:%d\t%s", at.Cell, at.Line, at.Col, strings.TrimSpace(at.Src)))
			return
		}
		e.Traceback = append(e.Traceback, fmt.Sprintf("\tcell:%d:%d\t%s", at.Line, at.Col, strings.TrimSpace(at.Src)))
		if e.Line == 0 {
			e.Line, e.Column = at.Line, at.Col
		}
	}
	for i := len(frames.inner) - 1; i >= 0; i-- {
		frame(frames.inner[i])
	}
	if frames.elided > 0 {
		e.Traceback = append(e.Traceback, fmt.Sprintf("...%d frames elided...", frames.elided))
	}
	for i := len(frames.outer) - 1; i >= 0; i-- {
		frame(frames.outer[i])
	}
	if v, ok := s.safeGlobals()[bodyVar(cell)]; ok && v.CanInt() {
		if at, ok := s.sites.get(int(v.Int())); ok && at.Cell == cell {
			frame(int(v.Int()))
		}
	}
	if e.Line > 0 {
		e.Traceback = append(e.Traceback, newError(e.Name, msg, code, e.Line, e.Column).Traceback...)
	}
	return e
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
