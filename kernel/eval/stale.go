package eval

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"time"
)

// The interpreter's EvalWithContext returns as soon as its context is
// cancelled, while the goroutine running the cell goes on until it reaches
// its next step; a compiled call in progress (a graph run, a blocking
// read) first has to return. Starting the next cell meanwhile would put two
// goroutines in the interpreter's frames. So each evaluation runs on a
// goroutine of ours, under a context that is never cancelled, and an
// interrupt stops the interpreter directly (stopInterpreter); the session
// then knows when the cell's goroutine has really finished, and waits for
// it (for a bounded time) before it touches the interpreter again.

// evalStoppable evaluates src; cancelling ctx stops the evaluation. It
// returns once the evaluation has finished, or, after an interrupt, once
// it has finished or grace has passed (the session then records it as
// still running).
func (s *Session) evalStoppable(ctx context.Context, src string, grace time.Duration) error {
	done := make(chan struct{})
	var err error
	go func() {
		defer close(done)
		_, err = s.in.EvalWithContext(context.Background(), src)
	}()
	select {
	case <-done:
		if s.goexited.Swap(false) {
			return errGoexit
		}
		return err
	case <-ctx.Done():
	}
	// Stop until the evaluation notices; a stop that comes before the
	// evaluation has set up its run is repeated.
	deadline := time.Now().Add(grace)
	for {
		stopInterpreter(s.in)
		select {
		case <-done:
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.running = done
			return ctx.Err()
		}
	}
}

// settle waits, up to max, for an interrupted evaluation that was still
// running when its interrupt was reported.
func (s *Session) settle(max time.Duration) {
	if s.running == nil {
		return
	}
	select {
	case <-s.running:
		s.running = nil
	case <-time.After(max):
		// A compiled call does not return; go on rather than hang.
	}
}

// sleep is time.Sleep for cells: it returns early when the cell that
// called it is interrupted.
func (s *Session) sleep(d time.Duration) {
	ctx := context.Background()
	if p := s.cellCtx.Load(); p != nil {
		ctx = *p
	}
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// errGoexit is the error of an evaluation that runtime.Goexit ended.
var errGoexit = errors.New("runtime.Goexit ended the goroutine running the cell: the cell stopped there, after its deferred calls")

// goexit is runtime.Goexit for cells. Called by a cell's own statements,
// it ends the interpreter's evaluation goroutine, which the interpreter
// then reports as an evaluation that ended well; the session notes the
// call, so that the cell fails saying why it stopped. In a goroutine a
// cell started it just ends that goroutine.
func (s *Session) goexit() {
	buf := make([]byte, 64<<10)
	// Deep stacks are printed with their middle frames elided: the last
	// line, naming the goroutine's creator, is always there.
	if bytes.Contains(buf[:runtime.Stack(buf, false)], []byte(evalGoroutineCreator)) {
		s.goexited.Store(true)
	}
	runtime.Goexit()
}
