package eval

import (
	"context"
	"runtime"
	"strings"
	"testing"
)

// TestStackOverflowTraceback checks the error of runaway recursion: Go's
// traceback of the recursion's innermost and outermost calls, each at its
// statement and cell, the middle elided, and the cell's line quoted.
func TestStackOverflowTraceback(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the stack is checked on amd64 only")
	}
	defer func(old uintptr) { stackLimit = old }(stackLimit)
	stackLimit = 16 << 20
	tests := []struct {
		name      string
		setup     []string
		cell      string
		line, col int      // where the error is in the cell
		frames    []string // lines the traceback holds, in this order
	}{
		{"recursion declared in the cell", nil, "x := 1\nfunc r(n int) int {\n\treturn r(n+x) + 1\n}\nr(0)", 3, 2,
			[]string{"goroutine 1 [running]:", "main.r(...)", "\tcell:3:2\treturn r(n+x) + 1", "frames elided...", "main.main()", "\tcell:5:1\tr(0)", "    \treturn r(n+x) + 1"}},
		{"recursion of an earlier cell", []string{"func down(n int) int { return down(n+1) + 1 }", "func start() int {\n\treturn down(0)\n}"}, "y := 2\nstart()", 2, 1,
			[]string{"main.down(...)", "\tIn [1]:1:24\tfunc down(n int) int { return down(n+1) + 1 }", "frames elided...", "main.start(...)", "\tIn [2]:2:2\treturn down(0)", "main.main()", "\tcell:2:1\tstart()", "    start()"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			for _, c := range tt.setup {
				if r := s.Execute(context.Background(), c); r.Err != nil {
					t.Fatalf("setup %q: %v", c, r.Err)
				}
			}
			r := s.Execute(context.Background(), tt.cell)
			if r.Err == nil || r.Err.Name != "StackOverflow" {
				t.Fatalf("got %v, want a StackOverflow error", r.Err)
			}
			if r.Err.Line != tt.line || r.Err.Column != tt.col {
				t.Errorf("at %d:%d, want %d:%d", r.Err.Line, r.Err.Column, tt.line, tt.col)
			}
			tb := strings.Join(r.Err.Traceback, "\n")
			rest := tb
			for _, f := range tt.frames {
				i := strings.Index(rest, f)
				if i < 0 {
					t.Fatalf("traceback lacks %q after the lines before it:\n%s", f, tb)
				}
				rest = rest[i+len(f):]
			}
			if got := text(run(t, s, "1 + 1")); got != "2" {
				t.Errorf("the session after the overflow: got %q", got)
			}
		})
	}
}
