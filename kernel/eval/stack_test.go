package eval

import (
	"runtime"
	"strings"
	"testing"
)

// TestRunawayRecursion: recursion without end in functions declared in
// cells is an error the cell reports, and the session goes on. Without the
// check, the Go runtime would end the process when the stack reached 1 GB.
func TestRunawayRecursion(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the stack is checked on amd64 only")
	}
	defer func(old uintptr) { stackLimit = old }(stackLimit)
	stackLimit = 16 << 20 // reached in a fraction of the time 256 MB takes
	tests := []struct{ name, cell string }{
		{"direct", "func rec(n int) int { return rec(n+1) + 1 }\nrec(0)"},
		{"mutual", "func ping(n int) int { return pong(n+1) }\nfunc pong(n int) int { return ping(n+1) }\nping(0)"},
		{"method", "type R struct{}\nfunc (r R) Down(n int) int { return r.Down(n+1) + 1 }\nR{}.Down(0)"},
		{"through a closure", "func each(f func(int) int, n int) int { return f(n) }\nfunc deep(n int) int { return each(deep, n+1) }\ndeep(0)"},
		{"in a goroutine", "func down(n int) int { return down(n+1) + 1 }\ndone := make(chan bool)\ngo func() { defer close(done); down(0) }()\n<-done"},
	}
	s := newSession(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, s, tt.cell)
			if r.Err == nil || r.Err.Name != "StackOverflow" || !strings.Contains(r.Err.Message, "stack overflow") {
				t.Fatalf("error %v, want a stack overflow", r.Err)
			}
			if got := text(run(t, s, "1 + 1")); got != "2" {
				t.Errorf("after the overflow: %q", got)
			}
		})
	}
	// Deep but finite recursion is untouched.
	if got := text(run(t, s, "func depth(n int) int { if n == 0 { return 0 }; return depth(n-1) + 1 }\ndepth(10000)")); got != "10000" {
		t.Errorf("depth(10000) = %q", got)
	}
}
