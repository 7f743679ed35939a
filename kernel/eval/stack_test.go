package eval

import (
	"runtime"
	"strings"
	"testing"
)

// TestRunawayRecursion: recursion without end through functions, methods
// or function literals declared in cells is an error the cell reports,
// and the session goes on with its state. Without the
// check, the Go runtime would end the process when the stack reached 1 GB.
func TestRunawayRecursion(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the stack is checked on amd64 only")
	}
	defer func(old uintptr) { stackLimit = old }(stackLimit)
	stackLimit = 16 << 20 // reached in a fraction of the time 256 MB takes
	tests := []struct {
		name  string
		setup []string // cells run first, which must succeed
		cell  string
	}{
		{"direct", nil, "func rec(n int) int { return rec(n+1) + 1 }\nrec(0)"},
		{"mutual", nil, "func ping(n int) int { return pong(n+1) }\nfunc pong(n int) int { return ping(n+1) }\nping(0)"},
		{"method", nil, "type R struct{}\nfunc (r R) Down(n int) int { return r.Down(n+1) + 1 }\nR{}.Down(0)"},
		{"pointer method through an interface", nil,
			"type Downer interface{ Down(int) int }\ntype P struct{ next Downer }\nfunc (p *P) Down(n int) int { return p.next.Down(n+1) + 1 }\np := &P{}\np.next = p\np.Down(0)"},
		{"method value in a variable", nil, "type MV struct{ f func(int) int }\nfunc (m MV) Call(n int) int { return m.f(n+1) }\nmv := MV{}\nmv.f = mv.Call\nmv.Call(0)"},
		{"through a closure", nil, "func each(f func(int) int, n int) int { return f(n) }\nfunc deep(n int) int { return each(deep, n+1) }\ndeep(0)"},
		{"closure held in a variable", nil, "var f func(int) int\nf = func(n int) int { return f(n+1) + 1 }\nf(0)"},
		{"closure assigned in another cell", []string{"var g func(int) int", "g = func(n int) int { return g(n+1) + 1 }"}, "g(0)"},
		{"closures calling each other across cells", []string{"var ca, cb func(int) int", "ca = func(n int) int { return cb(n+1) }", "cb = func(n int) int { return ca(n+1) }"}, "ca(0)"},
		{"closure inside a function", nil, "func outer() int { var in func(int) int; in = func(n int) int { return in(n+1) + 1 }; return in(0) }\nouter()"},
		{"functions across cells", []string{"func across1(n int) int { return n }", "func across2(n int) int { return across1(n+1) }", "func across1(n int) int { return across2(n+1) }"}, "across1(0)"},
		// Redefining one compiles r1 and r2 again, from their declarations.
		{"functions compiled again", []string{"const one = 1\nfunc r1(n int) int { return r2(n + one) }\nfunc r2(n int) int { return r1(n + one) }", "const one = 2"}, "r1(0)"},
		// The stopped goroutine runs every deferred call, on its deep stack.
		{"deferred calls", nil, "deferred, depth := 0, 0\nfunc cleanup() { deferred++ }\nfunc withDefer(n int) int { depth = n + 1; defer cleanup(); return withDefer(n+1) }\nwithDefer(0)"},
		{"deferred literals", nil, "litDeferred, litDepth := 0, 0\nvar lit func(int) int\nlit = func(n int) int { litDepth = n + 1; defer func() { litDeferred++ }(); return lit(n+1) }\nlit(0)"},
		{"in a goroutine", nil, "func down(n int) int { return down(n+1) + 1 }\ndone := make(chan bool)\ngo func() { defer close(done); down(0) }()\n<-done"},
		{"closure in a goroutine", nil, "var gf func(int) int\ngf = func(n int) int { return gf(n+1) + 1 }\ngdone := make(chan bool)\ngo func() { defer close(gdone); gf(0) }()\n<-gdone"},
	}
	s := newSession(t, Options{})
	run(t, s, "kept := 42")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, s, append(tt.setup, tt.cell)...)
			if r.Err == nil || r.Err.Name != "StackOverflow" || !strings.Contains(r.Err.Message, "stack overflow") {
				t.Fatalf("error %v, want a stack overflow", r.Err)
			}
			// The session's state outlives the overflow.
			if got := text(run(t, s, "kept")); got != "42" {
				t.Errorf("kept after the overflow: %q", got)
			}
		})
	}
	// The deferred call of every frame ran, once.
	if got := text(run(t, s, "deferred == depth && litDeferred == litDepth && depth > 1000")); got != "true" {
		t.Errorf("deferred calls that ran: %s of %s, %s of %s", text(run(t, s, "deferred")), text(run(t, s, "depth")),
			text(run(t, s, "litDeferred")), text(run(t, s, "litDepth")))
	}
	// Deep but finite recursion is untouched.
	if got := text(run(t, s, "func depth(n int) int { if n == 0 { return 0 }; return depth(n-1) + 1 }\ndepth(10000)")); got != "10000" {
		t.Errorf("depth(10000) = %q", got)
	}
}

// TestUnwinding: unwinding reads the goroutine's innermost panic, which
// is set while deferred calls run for a panic or for Goexit.
func TestUnwinding(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the stack is checked on amd64 only")
	}
	if unwinding() {
		t.Error("unwinding in plain code")
	}
	results := make(chan bool, 2)
	go func() {
		defer func() { recover() }()
		defer func() { results <- unwinding() }()
		panic("boom")
	}()
	go func() {
		defer func() { results <- unwinding() }()
		runtime.Goexit()
	}()
	for range 2 { // one for the panic, one for Goexit, in either order
		if !<-results {
			t.Error("not unwinding in a deferred call")
		}
	}
}
