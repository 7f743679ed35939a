package eval

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
)

// rendezvous is a compiled package through which cells of two sessions
// prove they run at the same time: Meet returns once both have called it.
type rendezvous struct {
	arrived sync.WaitGroup
	both    chan struct{}
}

func newRendezvous(n int) *rendezvous {
	r := &rendezvous{both: make(chan struct{})}
	r.arrived.Add(n)
	go func() { r.arrived.Wait(); close(r.both) }()
	return r
}

func (r *rendezvous) packages() interp.Exports {
	return interp.Exports{"example.com/meet/meet": {"Meet": reflect.ValueOf(func() bool {
		r.arrived.Done()
		select {
		case <-r.both:
			return true
		case <-time.After(10 * time.Second):
			return false // the other session's cell never came: they did not overlap
		}
	})}}
}

// hookLog records the contexts a session's CellHook saw start and end.
type hookLog struct {
	mu           sync.Mutex
	started, end []context.Context
}

func (h *hookLog) hook(ctx context.Context) func() {
	h.mu.Lock()
	h.started = append(h.started, ctx)
	h.mu.Unlock()
	return func() {
		h.mu.Lock()
		h.end = append(h.end, ctx)
		h.mu.Unlock()
	}
}

// Two sessions in one process keep separate state, run cells at the same
// time, give each its own results and hook calls, and an interrupt of
// one leaves the other running.
func TestSessionsAreIndependent(t *testing.T) {
	meet := newRendezvous(2)
	var hooks [2]hookLog
	var sessions [2]*Session
	for i := range sessions {
		sessions[i] = newSession(t, Options{Packages: meet.packages(), CellHook: hooks[i].hook})
	}
	a, b := sessions[0], sessions[1]
	run(t, a, "import \"example.com/meet\"", "x := 1", "func onlyInA() int { return 1 }")
	run(t, b, "import \"example.com/meet\"", "x := \"two\"")

	ctxs := [2]context.Context{}
	cells := [2]string{"ok := meet.Meet()\nx++\nok", "ok := meet.Meet()\nx += \"!\"\nok"}
	var results [2]*Result
	var wg sync.WaitGroup
	for i := range sessions {
		var cancel context.CancelFunc
		ctxs[i], cancel = context.WithCancel(context.Background())
		defer cancel()
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = sessions[i].Execute(ctxs[i], cells[i])
		}(i)
	}
	wg.Wait()
	for i, r := range results {
		if r.Err != nil || text(r) != "true" {
			t.Errorf("session %d: concurrent cell = %v, %q; want both cells to meet", i, r.Err, text(r))
		}
	}
	if r := run(t, a, "x"); r.Err != nil || text(r) != "2" {
		t.Errorf("session a: x = %v, %q; want 2", r.Err, text(r))
	}
	if r := run(t, b, "x"); r.Err != nil || text(r) != "two!" {
		t.Errorf("session b: x = %v, %q; want two!", r.Err, text(r))
	}
	if r := run(t, b, "onlyInA()"); r.Err == nil {
		t.Errorf("session b sees a function of session a: %q", text(r))
	}
	for i := range hooks {
		h := &hooks[i]
		h.mu.Lock()
		found := 0
		for _, c := range h.started {
			if c == ctxs[i] {
				found++
			}
			if c == ctxs[1-i] {
				t.Errorf("session %d's hook saw the other session's cell", i)
			}
		}
		if found != 1 || len(h.started) != len(h.end) {
			t.Errorf("session %d's hook: started %d, ended %d cells, its concurrent cell %d times; want it once, each start ended",
				i, len(h.started), len(h.end), found)
		}
		h.mu.Unlock()
	}

	// An endless cell of a, interrupted, while b goes on working.
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan *Result)
	go func() { stopped <- a.Execute(ctx, "for {\n\tx++\n}") }()
	if r := run(t, b, "x + \"?\""); r.Err != nil || text(r) != "two!?" {
		t.Errorf("session b while a loops: %v, %q", r.Err, text(r))
	}
	cancel()
	if r := <-stopped; r.Err == nil || r.Err.Name != "Interrupted" {
		t.Errorf("session a's endless cell: %+v, want Interrupted", r.Err)
	}
	if r := run(t, b, "x"); r.Err != nil || text(r) != "two!" {
		t.Errorf("session b after a's interrupt: %v, %q", r.Err, text(r))
	}
}
