package eval

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
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
	var caller atomic.Int64
	go func() {
		defer close(done)
		caller.Store(goroutineID())
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
		if state, ok := syncWait(caller.Load()); ok {
			// Only another goroutine can release it: waiting for the
			// evaluation, now or before the next cell, is waiting for
			// nothing.
			return &blockedError{err: ctx.Err(), state: state}
		}
		if time.Now().After(deadline) {
			s.running = done
			return ctx.Err()
		}
	}
}

// settle waits, up to max, for an interrupted evaluation that was still
// running when its interrupt was reported. Once max has passed, later
// cells no longer wait for it.
func (s *Session) settle(max time.Duration) {
	if s.running == nil {
		return
	}
	select {
	case <-s.running:
	case <-time.After(max):
		// A compiled call does not return; go on rather than hang.
		fmt.Fprintln(os.Stderr, "note: an interrupted cell is still running compiled code; later cells run beside it")
	}
	s.running = nil
}

// blockedError is the interrupt of an evaluation whose goroutine is left
// waiting on a lock, a WaitGroup or a condition variable: no interrupt
// can end such a wait (the runtime has no way to), and the session goes
// on beside the goroutine, which goes on with the rest of its cell if a
// later cell releases what it waits for.
type blockedError struct {
	err   error
	state string
}

func (e *blockedError) Error() string { return e.err.Error() }
func (e *blockedError) Unwrap() error { return e.err }

// syncStates are the states, as goroutine stacks print them, of a
// goroutine waiting in package sync.
var syncStates = []string{"sync.Mutex.Lock", "sync.RWMutex.Lock", "sync.RWMutex.RLock", "sync.WaitGroup.Wait", "sync.Cond.Wait", "semacquire"}

// syncWait reports whether the interpreter's goroutine for an evaluation
// that the goroutine creator started waits in package sync, and the
// state the runtime gives it.
func syncWait(creator int64) (string, bool) {
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	for n == len(buf) && len(buf) < 64<<20 {
		buf = make([]byte, 2*len(buf))
		n = runtime.Stack(buf, true)
	}
	marker := []byte(fmt.Sprintf("%s in goroutine %d\n", evalGoroutineCreator, creator))
	for _, g := range bytes.Split(buf[:n], []byte("\n\n")) {
		if !bytes.Contains(append(g, '\n'), marker) {
			continue
		}
		_, state, _ := bytes.Cut(g, []byte("["))
		state, _, _ = bytes.Cut(state, []byte("]"))
		state, _, _ = bytes.Cut(state, []byte(","))
		for _, s := range syncStates {
			if bytes.HasPrefix(state, []byte(s)) {
				return string(state), true
			}
		}
	}
	return "", false
}

// goroutineID returns the runtime's number for the calling goroutine, as
// its stack's first line gives it.
func goroutineID() int64 {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	id, _, _ := bytes.Cut(buf, []byte(" "))
	n, _ := strconv.ParseInt(string(id), 10, 64)
	return n
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
