package eval

import "testing"

// Ranges over slices, arrays and maps of channels give each channel.
func TestRangeOverChannels(t *testing.T) {
	mk := "func mk(n int) chan int { c := make(chan int, 1); c <- n; close(c); return c }"
	runPanicCases(t, []panicCase{
		{"slice, nested receive loop", []string{mk, "func sum(cs []chan int) int { n := 0; for _, c := range cs { for v := range c { n += v } }; return n }", "sum([]chan int{mk(1), mk(2)})"}, "3"},
		{"variadic of receive-only channels", []string{mk, "func sum(cs ...<-chan int) int { n := 0; for i, c := range cs { n += i * 10; n += <-c }; return n }", "sum(mk(1), mk(2))"}, "13"},
		{"array", []string{mk, "func lens(a [2]chan int) int { n := 0; for _, c := range a { n += len(c) }; return n }", "lens([2]chan int{mk(1), mk(2)})"}, "2"},
		{"map", []string{mk, "func sum(m map[string]chan int) int { n := 0; for _, c := range m { n += <-c }; return n }", "sum(map[string]chan int{\"a\": mk(4), \"b\": mk(5)})"}, "9"},
		{"operand evaluated once", []string{mk, "var calls int\nfunc chans() []chan int { calls++; return []chan int{mk(1), mk(2)} }", "func sum() int { n := 0; for _, c := range chans() { n += <-c }; return n }", "fmt.Sprint(sum(), \" \", calls)"}, "3 1"},
		{"at a cell's top level", []string{mk, "n := 0\nfor _, c := range []chan int{mk(7)} { n += <-c }\nn"}, "7"},
	})
}
