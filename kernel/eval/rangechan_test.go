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

// A range with = sets the variables declared before it, as in Go.
func TestRangeAssigns(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"key and value", []string{"func f() string { var i int; var s string; for i, s = range []string{\"a\", \"b\"} {}; return fmt.Sprint(i, s) }", "f()"}, "1b"},
		{"value, with break", []string{"func g() int { var x int; for _, x = range []int{4, 5, 6} { if x == 5 { break } }; return x }", "g()"}, "5"},
		{"over an integer", []string{"func h() int { k := -1; for k = range 3 {}; return k }", "h()"}, "2"},
		{"map element and interface", []string{"m := map[string]int{}\nvar e error\nfor m[\"k\"], e = range []error{io.EOF} {}\nfmt.Sprint(m, \" \", e)"}, "map[k:0] EOF"},
		{"in the body too", []string{"func sum() int { var v, n int; for _, v = range []int{1, 2} { n += v }; return n*10 + v }", "sum()"}, "32"},
	})
}
