package eval

import (
	"testing"
)

// TestRecompiledFunctionsKeepRewrites: a function compiled again because
// a function it calls was redefined is compiled with the rewrites its
// cell gave it (range over an integer, min, the stack check), not from
// its bare text, which the interpreter cannot compile or which would
// recurse unchecked; and the functions of the redefining cell that call
// it, directly or not, are compiled with it.
func TestRecompiledFunctionsKeepRewrites(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"range over an integer", []string{
			"func kf() int { return 1 }",
			"func sumK() int { s := 0; for i := range 3 { s += i * kf() }; return s }",
			"func kf() int { return 2 }",
			"sumK()"}, "6"},
		{"min", []string{
			"func lo() int { return 5 }",
			"func clamp(x int) int { return min(x, lo()) }",
			"func lo() int { return 3 }",
			"clamp(10)"}, "3"},
		// ping of the third cell calls pong compiled again, and pong the
		// new ping; with the old ones, ping(0) is 2.
		{"functions of two cells", []string{
			"func ping(n int) int { return n }",
			"func pong(n int) int { return ping(n + 1) }",
			"func ping(n int) int { if n >= 10 { return n }; return pong(n + 1) }\nfunc viaPing() int { return ping(0) }",
			"viaPing()"}, "10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, tt.cells...)
			if r.Err != nil || text(r) != tt.want {
				t.Errorf("got %q, error %v; want %s", text(r), r.Err, tt.want)
			}
		})
	}
}
