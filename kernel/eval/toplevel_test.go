package eval

import (
	"iter"
	"reflect"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
)

// TestCellTopLevelIsAFunctionBody runs, at a cell's top level, the
// statements Go allows in a function body, with their meaning there.
func TestCellTopLevelIsAFunctionBody(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string // the last cell's value, or "error: " + a part of its message
	}{
		// defer
		{"defer runs when the cell ends", []string{"var log1 []string", "defer func() { log1 = append(log1, \"deferred\") }()\nlog1 = append(log1, \"body\")", "strings.Join(log1, \",\")"}, "body,deferred"},
		{"defers run in LIFO order", []string{"var log2 []int", "for i := 0; i < 3; i++ {\n\tdefer func(n int) { log2 = append(log2, n) }(i)\n}\ndefer func() { log2 = append(log2, 9) }()", "log2"}, "[9 2 1 0]"},
		{"defer does not run again in later cells", []string{"runs := 0", "defer func() { runs++ }()", "1 + 1", "runs"}, "1"},
		{"defer runs when the cell panics", []string{"hit := false", "defer func() { hit = true }()\npanic(\"boom\")"}, "error: boom"},
		{"deferred recover ends the cell well", []string{"caught := \"\"", "defer func() {\n\tif r := recover(); r != nil { caught = fmt.Sprintf(\"%T %v\", r, r) }\n}()\npanic(\"oops\")", "caught"}, "string oops"},
		{"defer of a call", []string{"var log3 []string", "defer fmt.Sprint(\"x\")\nlog3 = append(log3, \"a\")", "log3"}, "[a]"},
		{"deferred named function recovers", []string{"got := \"\"", "func handle() {\n\tif r := recover(); r != nil { got = fmt.Sprint(\"handled \", r) }\n}", "defer handle()\nvar m map[string]int\nm[\"x\"] = 1", "got"}, "handled assignment to entry in nil map"},
		{"recover in a function works as in Go", []string{"func safe() (err error) {\n\tdefer func() {\n\t\tif r := recover(); r != nil { err = fmt.Errorf(\"caught %v\", r) }\n\t}()\n\tpanic(\"inner\")\n}", "safe().Error()"}, "caught inner"},
		{"recover without a panic is nil", []string{"var r0 any = 1", "defer func() { r0 = recover() }()", "r0 == nil"}, "true"},
		{"a deferred call that panics replaces the panic", []string{"defer func() { panic(\"second\") }()\npanic(\"first\")"}, "error: second"},
		{"deferred calls after a panicking one still run", []string{"after := false", "defer func() { after = recover() == \"in defer\" }()\ndefer func() { panic(\"in defer\") }()", "after"}, "true"},
		{"defer of a builtin", []string{"dc := make(chan int, 1)", "defer close(dc)\ndc <- 1", "func() bool { <-dc; _, open := <-dc; return open }()"}, "false"},
		{"cell value with a defer", []string{"dv := 1", "defer func() { dv = 2 }()\ndv * 10"}, "10"},
		// comma-ok forms
		{"receive with ok", []string{"ch := make(chan int, 1)\nch <- 4\nclose(ch)", "v, ok := <-ch", "fmt.Sprint(v, ok)"}, "4 true"},
		{"receive with ok on closed", []string{"ch2 := make(chan int)\nclose(ch2)\nv2, ok2 := <-ch2", "fmt.Sprint(v2, ok2)"}, "0 false"},
		{"map index with ok", []string{"m := map[string]int{\"k\": 3}", "v3, ok3 := m[\"k\"]", "fmt.Sprint(v3, ok3)"}, "3 true"},
		{"map index blank with ok", []string{"m2 := map[string]int{\"k\": 3}", "_, ok4 := m2[\"k\"]\nok4"}, "true"},
		{"type assertion with ok", []string{"var x any = \"s\"", "t5, ok5 := x.(string)", "t5 + fmt.Sprint(ok5)"}, "strue"},
		{"type assertion with ok fails", []string{"var x6 any = 1", "t6, ok6 := x6.(string)\nfmt.Sprintf(\"%q %v\", t6, ok6)"}, "\"\" false"},
		// globals from any expression
		{"global from os.Args", []string{"arg := os.Args[0]", "len(arg) > 0"}, "true"},
		{"global from a call", []string{"func f7() int { return 7 }", "x7 := f7()", "x7 * 2"}, "14"},
		{"globals from a two-result call", []string{"func g8() (int, string) { return 8, \"eight\" }", "a8, b8 := g8()", "fmt.Sprintln(a8, b8)"}, "8 eight\n"},
		{"global from len", []string{"xs := []int{1, 2, 3}", "n9 := len(xs)", "n9"}, "3"},
		{"global from strconv.Atoi", []string{"n10, err10 := strconv.Atoi(\"10\")", "fmt.Sprint(n10, err10)"}, "10 <nil>"},
		{"global from an index of a call", []string{"e11 := strings.Fields(\"a b\")[1]", "e11"}, "b"},
		{"global from an index in an expression", []string{"l12 := len(os.Args[0]) + 0", "l12 > 0"}, "true"},
		{"global redefined from an index", []string{"r13 := 1.5", "r13 := strings.Fields(\"p q\")[0]", "r13"}, "p"},
		{"comma-ok redefines a global of another type", []string{"v14 := \"s\"", "m14 := map[int]float64{1: 2.5}\nv14, ok14 := m14[1]", "fmt.Sprint(v14*2, ok14)"}, "5 true"},
		{"comma-ok assigns an existing global", []string{"v15, ok15 := 0, false", "m15 := map[string]int{\"a\": 7}", "v15, ok15 := m15[\"a\"]", "fmt.Sprint(v15, ok15)"}, "7 true"},
		{"comma-ok with a cell type", []string{"type T16 struct{ N int }", "var x16 any = T16{3}", "t16, ok16 := x16.(T16)", "fmt.Sprint(t16.N, ok16)"}, "3 true"},
		{"receive without ok", []string{"ch18 := make(chan int, 1)\nch18 <- 5", "r18 := <-ch18", "r18"}, "5"},
		{"statements on one line", []string{"a17 := 1; b17 := a17 + 1", "a17 + b17"}, "3"},
		// range over functions
		{"range over a func", []string{iterCell, "sum := 0\nfor x := range count(5) { sum += x }\nsum"}, "10"},
		{"break and continue", []string{iterCell, "var got []int\nfor x := range count(10) {\n\tif x%2 == 0 { continue }\n\tif x > 6 { break }\n\tgot = append(got, x)\n}\ngot"}, "[1 3 5]"},
		{"the iterator stops after break", []string{iterCell, "calls := 0\nfor x := range func(yield func(int) bool) {\n\tfor i := 0; ; i++ {\n\t\tcalls++\n\t\tif !yield(i) { return }\n\t}\n} {\n\tif x == 2 { break }\n}\ncalls"}, "3"},
		{"two values", []string{iterCell, "s := \"\"\nfor k, v := range pairs(map[string]int{\"a\": 1}) { s += fmt.Sprint(k, v) }\ns"}, "a1"},
		{"key only of two", []string{iterCell, "n := 0\nfor k := range pairs(map[string]int{\"a\": 1, \"b\": 2}) { n += len(k) }\nn"}, "2"},
		{"no variables", []string{iterCell, "n := 0\nfor range count(3) { n++ }\nn"}, "3"},
		{"assigning to existing variables", []string{iterCell, "var last int\nfor last = range count(4) {}\nlast"}, "3"},
		{"return from the enclosing function", []string{iterCell, "func find(n, want int) (int, bool) {\n\tfor x := range count(n) {\n\t\tif x*x == want { return x, true }\n\t}\n\treturn -1, false\n}", "a, b := find(10, 49)\nc, d := find(3, 49)\nfmt.Sprint(a, b, c, d)"}, "7 true -1 false"},
		{"nested loops with labels", []string{iterCell, "var got []string\nouter:\nfor i := range count(3) {\n\tfor j := range count(3) {\n\t\tif j == 2 { continue outer }\n\t\tif i == 2 { break outer }\n\t\tgot = append(got, fmt.Sprint(i, j))\n\t}\n}\ngot"}, "[0 0 0 1 1 0 1 1]"},
		{"return from nested loops", []string{iterCell, "func firstPair(n int) string {\n\tfor i := range count(n) {\n\t\tfor j := range count(n) {\n\t\t\tif i+j == 3 && i != j { return fmt.Sprint(i, j) }\n\t\t}\n\t}\n\treturn \"none\"\n}", "firstPair(4) + \" \" + firstPair(1)"}, "0 3 none"},
		{"plain loop inside a func loop", []string{iterCell, "n := 0\nfor i := range count(3) {\n\tfor j := 0; j < 10; j++ {\n\t\tif j == i { break }\n\t\tn++\n\t}\n}\nn"}, "3"},
		{"closures keep their iteration", []string{iterCell, "var fs []func() int\nfor i := range count(3) { fs = append(fs, func() int { return i }) }\nfs[0]()*100 + fs[1]()*10 + fs[2]()"}, "12"},
		{"compiled iterator", []string{"import \"example.com/seq\"", "n := 0\nfor w := range seq.Words(\"ab c\") { n += len(w) }\nn"}, "3"},
		{"compiled two-value iterator", []string{"import \"example.com/seq\"", "s := \"\"\nfor i, w := range seq.Indexed(\"x y\") { s += fmt.Sprint(i, w) }\ns"}, "0x1y"},
		{"an iterator whose values the cell cannot name", []string{"import \"example.com/seq\"", "n := 0\nfor range seq.Hidden() { n++ }"}, "error: range over a function of type"},
		{"multi-value definition in a func loop", []string{iterCell, "import \"strconv\"", "t := 0\nfor x := range count(3) {\n\tn, err := strconv.Atoi(fmt.Sprint(x))\n\tif err == nil { t += n }\n}\nt"}, "3"},
		{"defer in a func loop runs when the cell ends", []string{iterCell, "var order []int", "for x := range count(3) { defer func() { order = append(order, x) }() }\norder = append(order, 9)", "order"}, "[9 2 1 0]"},
		// iter, and the iterator functions of slices and maps
		{"slices.All", []string{"s := \"\"\nfor i, v := range slices.All([]string{\"a\", \"b\"}) { s += fmt.Sprint(i, v) }\ns"}, "0a1b"},
		{"slices.Backward", []string{"var got []int\nfor _, v := range slices.Backward([]int{1, 2, 3}) { got = append(got, v) }\ngot"}, "[3 2 1]"},
		{"slices.Collect of slices.Values", []string{"xs := []int{3, 1, 2}", "ys := slices.Collect(slices.Values(xs))", "ys"}, "[3 1 2]"},
		{"slices.Sorted of maps.Keys", []string{"m := map[string]int{\"b\": 2, \"a\": 1, \"c\": 3}", "keys := slices.Sorted(maps.Keys(m))", "keys"}, "[a b c]"},
		{"maps.Values summed", []string{"m := map[string]int{\"b\": 2, \"a\": 1}", "t := 0\nfor v := range maps.Values(m) { t += v }\nt"}, "3"},
		{"maps.Collect of maps.All", []string{"m := map[string]int{\"a\": 1}", "c := maps.Collect(maps.All(m))", "len(c)"}, "1"},
		{"iterator kept in a global", []string{"vals := slices.Values([]int{4, 5})", "n := 0\nfor v := range vals { n += v }\nn"}, "9"},
		{"iter.Seq in a signature", []string{"import \"iter\"", "func evens(n int) iter.Seq[int] {\n\treturn func(yield func(int) bool) {\n\t\tfor i := 0; i < n; i += 2 {\n\t\t\tif !yield(i) { return }\n\t\t}\n\t}\n}", "slices.Collect(evens(7))"}, "[0 2 4 6]"},
		{"iter.Seq2 in a signature", []string{"import \"iter\"", "func enum(xs []string) iter.Seq2[int, string] {\n\treturn func(yield func(int, string) bool) {\n\t\tfor i, x := range xs {\n\t\t\tif !yield(i, x) { return }\n\t\t}\n\t}\n}", "s := \"\"\nfor i, x := range enum([]string{\"p\", \"q\"}) { s += fmt.Sprint(i, x) }\ns"}, "0p1q"},
		{"iter.Pull", []string{iterCell, "next, stop := iter.Pull(count(3))", "a, ok1 := next()\nb, ok2 := next()\nstop()\nc, ok3 := next()\nfmt.Sprint(a, ok1, b, ok2, c, ok3)"}, "0 true 1 true 0 false"},
		{"iter.Pull to the end", []string{iterCell, "next, stop := iter.Pull(count(1))", "defer stop()\n_, ok1 := next()\n_, ok2 := next()\nfmt.Sprint(ok1, ok2)"}, "true false"},
		{"iter.Pull raises the iterator's panic in next", []string{"next, stop := iter.Pull(func(yield func(int) bool) { panic(\"in seq\") })\n_ = stop", "next()"}, "error: in seq"},
		{"iter.Pull2", []string{iterCell, "next, stop := iter.Pull2(pairs(map[string]int{\"k\": 9}))", "k, v, ok := next()\nstop()\nfmt.Sprint(k, v, ok)"}, "k9 true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{Packages: seqPackage})
			checkValue(t, run(t, s, tt.cells...), tt.want)
		})
	}
}

// iterCell declares iterators for the range-over-func cases.
const iterCell = `func count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func pairs(m map[string]int) func(func(string, int) bool) {
	return func(yield func(string, int) bool) {
		for k, v := range m {
			if !yield(k, v) {
				return
			}
		}
	}
}`

// seqPackage is a compiled package whose functions return iterators.
var seqPackage = interp.Exports{"example.com/seq/seq": {
	"Words": reflect.ValueOf(func(s string) iter.Seq[string] {
		return func(yield func(string) bool) {
			for _, w := range strings.Fields(s) {
				if !yield(w) {
					return
				}
			}
		}
	}),
	// Hidden yields values of a type of a package no cell imports.
	"Hidden": reflect.ValueOf(func() iter.Seq[*strings.Reader] {
		return func(yield func(*strings.Reader) bool) { yield(strings.NewReader("x")) }
	}),
	"Indexed": reflect.ValueOf(func(s string) iter.Seq2[int, string] {
		return func(yield func(int, string) bool) {
			for i, w := range strings.Fields(s) {
				if !yield(i, w) {
					return
				}
			}
		}
	}),
}}
