package eval

import (
	"context"
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
