package eval

import (
	"strings"
	"testing"
)

// TestBoundsInFunctions gives index and slice bounds errors in functions
// and closures Go's numbers, and checks no bounds Go would not.
func TestBoundsInFunctions(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string // the error's message, or the last cell's value
	}{
		{"slice", []string{"func f(xs []int, i int) int { return xs[i] }", "f([]int{1, 2, 3}, 5)"}, "runtime error: index out of range [5] with length 3"},
		{"len declared as a variable", []string{"func f(xs []float32) float32 {\n\tlen := 2\n\txs[0] = float32(len)\n\treturn xs[0]\n}", "f([]float32{0})"}, "2"},
		{"len declared in an enclosing function", []string{"func f(xs []int) int {\n\tlen := 1\n\tg := func() int { return xs[len] }\n\treturn g()\n}", "f([]int{4, 5})"}, "5"},
		{"cap declared by a cell", []string{"cap := 3", "func f(xs []int) int { return xs[cap-3] }", "f([]int{6})"}, "6"},
		{"negative index", []string{"func f(xs []int, i int) int { return xs[i] }", "f([]int{1}, -2)"}, "runtime error: index out of range [-2]"},
		{"array", []string{"func f(i int) int {\n\tvar a [4]int\n\treturn a[i]\n}", "f(7)"}, "runtime error: index out of range [7] with length 4"},
		{"pointer to array", []string{"func f(p *[2]int, i int) { p[i] = 1 }", "f(&[2]int{}, 2)"}, "runtime error: index out of range [2] with length 2"},
		{"string", []string{"func f(s string, i int) byte { return s[i] }", "f(\"abc\", 3)"}, "runtime error: index out of range [3] with length 3"},
		{"index of another integer type", []string{"func f(xs []int, i uint8) int { return xs[i] }", "f([]int{1}, 9)"}, "runtime error: index out of range [9] with length 1"},
		{"assignment", []string{"func f(xs []int, i int) { xs[i] += 1 }", "f(make([]int, 2), 2)"}, "runtime error: index out of range [2] with length 2"},
		{"nested index, inner first", []string{"func f(xs, ys []int, j int) int { return xs[ys[j]] }", "f([]int{1}, []int{4}, 0)"}, "runtime error: index out of range [4] with length 1"},
		{"in a loop", []string{"func sum(xs []int) int {\n\ts := 0\n\tfor i := 0; i <= len(xs); i++ {\n\t\ts += xs[i]\n\t}\n\treturn s\n}", "sum([]int{1, 2})"}, "runtime error: index out of range [2] with length 2"},
		{"in a closure", []string{"get := func(xs []string, i int) string { return xs[i] }", "get([]string{\"a\"}, 1)"}, "runtime error: index out of range [1] with length 1"},
		{"in a method", []string{"type stack struct{ items []int }\nfunc (s *stack) top() int { return s.items[len(s.items)] }", "(&stack{items: []int{1, 2}}).top()"}, "runtime error: index out of range [2] with length 2"},
		{"in a loop of the cell's body", []string{"xs := []int{1}\nfor _, i := range []int{0, 3} {\n\t_ = xs[i]\n}"}, "runtime error: index out of range [3] with length 1"},
		{"slice past the capacity", []string{"func f(xs []int, n int) []int { return xs[:n] }", "f(make([]int, 2, 3), 5)"}, "runtime error: slice bounds out of range [:5] with capacity 3"},
		{"slice low above high", []string{"func f(xs []int, lo, hi int) []int { return xs[lo:hi] }", "f(make([]int, 3), 2, 1)"}, "runtime error: slice bounds out of range [2:1]"},
		{"slice of a string", []string{"func f(s string, n int) string { return s[n:] }", "f(\"ab\", 3)"}, "runtime error: slice bounds out of range [3:2]"},
		{"slice of an array", []string{"func f(n int) int {\n\tvar a [3]int\n\treturn len(a[:n])\n}", "f(4)"}, "runtime error: slice bounds out of range [:4] with length 3"},
		{"three-index slice", []string{"func f(xs []int, m int) []int { return xs[0:1:m] }", "f(make([]int, 2), 5)"}, "runtime error: slice bounds out of range [::5] with capacity 2"},
		{"recover sees a runtime error", []string{"import \"runtime\"", "func f(xs []int) (msg string) {\n\tdefer func() {\n\t\tr := recover()\n\t\t_, isRuntime := r.(runtime.Error)\n\t\tmsg = fmt.Sprint(r, \" \", isRuntime)\n\t}()\n\treturn fmt.Sprint(xs[len(xs)])\n}", "f([]int{1})"}, "runtime error: index out of range [1] with length 1 true"},
		{"a loop keeps its index in range", []string{"func f(xs []int) int {\n\ts := 0\n\tfor i := 0; i < len(xs); i++ {\n\t\ts += xs[i]\n\t}\n\tfor i := range xs {\n\t\ts += xs[i]\n\t}\n\treturn s\n}", "f([]int{1, 2})"}, "6"},
		{"a loop that shortens its slice is checked", []string{"func f(xs []int) int {\n\ts := 0\n\tfor i := 0; i < len(xs); i++ {\n\t\txs = xs[:i]\n\t\ts += xs[i]\n\t}\n\treturn s\n}", "f([]int{1, 2})"}, "runtime error: index out of range [0] with length 0"},
		// What Go does not check.
		{"a guarded index under &&", []string{"func f(xs []int, i int) bool { return i < len(xs) && xs[i] > 0 }", "f([]int{1}, 5)"}, "false"},
		{"a map", []string{"func f(m map[int]int, k int) int { return m[k] }", "f(map[int]int{}, 9)"}, "0"},
		{"an index a call of the statement changes first", []string{"var pos = 9\nfunc next() int { pos = 0; return 1 }\nfunc f(xs []int) int { return next() + xs[pos] }", "f([]int{5})"}, "6"},
		{"in range", []string{"func f(xs []int, s string) string { return fmt.Sprint(xs[1], xs[:2], s[1:], s[2]) }", "f([]int{1, 2, 3}, \"abc\")"}, "2 [1 2]bc99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, tt.cells...)
			got := text(r)
			if r.Err != nil {
				got = r.Err.Message
			}
			if got != tt.want {
				tb := ""
				if r.Err != nil {
					tb = strings.Join(r.Err.Traceback, "\n")
				}
				t.Fatalf("got %q, want %q\n%s", got, tt.want, tb)
			}
		})
	}
}
