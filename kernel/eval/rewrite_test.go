package eval

import (
	"go/token"
	"testing"
)

// fakeKnowledge answers for names of imaginary earlier cells.
type fakeKnowledge struct {
	defs map[string]bool
	ints map[string]bool
}

func (k fakeKnowledge) defined(name string) bool    { return k.defs[name] }
func (k fakeKnowledge) isInt(pkg, name string) bool { return k.ints[pkg+"."+name] }

func TestRewriteCell(t *testing.T) {
	know := fakeKnowledge{defs: map[string]bool{"max": true}, ints: map[string]bool{".n": true, "mnist.Rows": true}}
	tests := []struct {
		name, src, want string
	}{
		{"range over literal", "for i := range 3 {\n}",
			"func() { for i, __gornnEnd1 := (3)-(3), 3; i < __gornnEnd1; i++ {\n} }()"},
		{"range over int global keeps its type", "for i := range n {}",
			"func() { for i, __gornnEnd1 := (n)-(n), n; i < __gornnEnd1; i++ {} }()"},
		{"range over package constant", "for r := range mnist.Rows {}",
			"func() { for r, __gornnEnd1 := (mnist.Rows)-(mnist.Rows), mnist.Rows; r < __gornnEnd1; r++ {} }()"},
		{"range over len without key", "for range len(xs) {}",
			"for range make([]struct{}, len(xs)) {}"},
		{"range over int expression", "for i := range 2*k + 1 {}",
			"func() { for i := range make([]struct{}, 2*k + 1) {} }()"},
		{"range over local int", "m := 4\nfor i := range m {}",
			"m := 4\nfunc() { for i, __gornnEnd1 := (m)-(m), m; i < __gornnEnd1; i++ {} }()"},
		{"range over slice untouched", "for i := range xs {}", "func() { for i := range xs {} }()"},
		{"closure captures loop variable", "for i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }",
			"func() { for i := 0; i < 3; i++ { fs = append(fs, func() func() int { __gornnLoop1 := i; i := __gornnLoop1; return func() int { __gornnAt := 0; __gornn.CheckStack(&__gornnAt); return i } }()) } }()"},
		{"closure without loop variable gets no copies", "for i := 0; i < 3; i++ { f(func() {}) }",
			"func() { for i := 0; i < 3; i++ { f(func() {__gornnAt := 0; __gornn.CheckStack(&__gornnAt);}) } }()"},
		{"range value captured", "for _, v := range vs { go func() { use(v) }() }",
			"func() { for _, v := range vs { func() { __gornnGoFn2 := func() func() { __gornnLoop1 := v; v := __gornnLoop1; return func() { __gornnAt := 0; __gornn.CheckStack(&__gornnAt); use(v) } }(); go func() { defer func() { if r := recover(); r != nil { __gornn.GoPanic(r) } }(); __gornnGoFn2() }() }() } }()"},
		{"cell-level defer", "for i := 0; i < 2; i++ { defer f(i, xs...) }",
			"func() { for i := 0; i < 2; i++ { func() { __gornnDeferFn1, __gornnDeferArg2, __gornnDeferArg3 := f, i, xs; __gornn.Defer(func() { __gornnDeferFn1(__gornnDeferArg2, __gornnDeferArg3...) }) }() } }()"},
		{"defer of a builtin", "defer close(ch)", "func() { __gornnDeferArg1 := ch; __gornn.Defer(func() { close(__gornnDeferArg1) }) }()"},
		{"defer in a function literal stays", "f := func() { defer g() }", "f := func() { __gornnAt := 0; __gornn.CheckStack(&__gornnAt); defer g() }"},
		{"recover sees the cell's panic", "func h() { recover() }", "func h() { __gornnAt := 0; __gornn.CheckStack(&__gornnAt); __gornnRecover(recover()) }"},
		{"min and clear", "a := min(x, 2)\nclear(m)",
			"a := x; a = __gornnMin(a, 2)\n__gornn.Clear(m)"},
		{"cell-level definition from min", "m := min(2, acc, best)", "m := acc; m = __gornnMin(m, 2, best)"},
		{"definition from min of constants", "c := min(1, 2)", "c := __gornnMin(1, 2)"},
		{"user-defined max kept", "max(1, 2)", "max(1, 2)"},
		{"cell-defined min kept", "func min(a, b int) int { return a }\nmin(1, 2)", "func min(a, b int) int { __gornnAt := 0; __gornn.CheckStack(&__gornnAt); return a }\nmin(1, 2)"},
		{"declared functions and literals check the stack", "func (t T) m() {}\nfunc f() {\n\tg(func() {})\n}\nh := func(n int) int { return n }",
			"func (t T) m() {__gornnAt := 0; __gornn.CheckStack(&__gornnAt);}\nfunc f() {\n\t__gornnAt := 0; __gornn.CheckStack(&__gornnAt); g(func() {__gornnAt := 0; __gornn.CheckStack(&__gornnAt);})\n}\nh := func(n int) int { __gornnAt := 0; __gornn.CheckStack(&__gornnAt); return n }"},
		{"loop with a multi-value definition runs in a function", "for i := 0; i < n; i++ {\n\ta, b := f()\n\tuse(a, b)\n}",
			"func() { for i := 0; i < n; i++ {\n\ta, b := f()\n\tuse(a, b)\n} }()"},
		{"cell-level multi-value definition stays", "a, b := f()", "a, b := f()"},
		{"multi-value definition inside a closure is fine", "if ok { g(func() { a, b := f(); use(a, b) }) }",
			"if ok { g(func() { __gornnAt := 0; __gornn.CheckStack(&__gornnAt); a, b := f(); use(a, b) }) }"},
		{"go statement", "go work(a, b)",
			"func() { __gornnGoFn1 := work; __gornnGoArg2 := a; __gornnGoArg3 := b; go func() { defer func() { if r := recover(); r != nil { __gornn.GoPanic(r) } }(); __gornnGoFn1(__gornnGoArg2, __gornnGoArg3) }() }()"},
		{"go statement without arguments", "go run()",
			"func() { __gornnGoFn1 := run; go func() { defer func() { if r := recover(); r != nil { __gornn.GoPanic(r) } }(); __gornnGoFn1() }() }()"},
		{"go statement with spread", "go f(xs...)",
			"func() { __gornnGoFn1 := f; __gornnGoArg2 := xs; go func() { defer func() { if r := recover(); r != nil { __gornn.GoPanic(r) } }(); __gornnGoFn1(__gornnGoArg2...) }() }()"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pieces, err := parseCell(token.NewFileSet(), tt.src)
			if err != nil {
				t.Fatalf("parseCell: %v", err)
			}
			got := applyEdits(tt.src, rewriteCell(tt.src, pieces, know)).Text
			if got != tt.want {
				t.Errorf("rewrite of %q\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestEditOffsetsRoundTrip(t *testing.T) {
	src := "ab\ncd"
	rw := applyEdits(src, []edit{{Off: 1, End: 1, Text: "XY"}, {Off: 3, End: 4, Text: "Z"}})
	if rw.Text != "aXYb\nZd" {
		t.Fatalf("Text = %q", rw.Text)
	}
	for old, want := range map[int]int{0: 0, 2: 4, 4: 6} {
		if got := rw.toOld(want); got != old {
			t.Errorf("toOld(%d) = %d, want %d", want, got, old)
		}
	}
	if got := rw.toOld(2); got != 1 { // inside the insertion
		t.Errorf("toOld(2) = %d, want 1", got)
	}
	if l, r := rw.toNewLeft(1), rw.toNewRight(1); l != 1 || r != 3 {
		t.Errorf("toNewLeft/Right(1) = %d, %d, want 1, 3", l, r)
	}
}

// Variables that cell-level loops, ifs and blocks define do not collide
// with the cell's own variables of the same names.
func TestCellLevelScopes(t *testing.T) {
	v := "func v(i int) error { if i == 1 { return errors.New(\"bad\") }; return nil }"
	runPanicCases(t, []panicCase{
		{"an if's err, then the cell's", []string{v, "for _, i := range []int{0, 1} { if err := v(i); err != nil { _ = err } }\nb, err := fmt.Println()\n_ = b\nfmt.Sprint(err)"}, "<nil>"},
		{"a global err of an earlier cell", []string{v, "b, err := fmt.Println()\n_ = b", "for _, i := range []int{0, 1} { if err := v(i); err != nil { _ = err } }", "fmt.Sprint(err)"}, "<nil>"},
		{"a loop's x, then the cell's", []string{"for i := range 2 { x := i * 2; _ = x }\nx := \"s\"\nx"}, "s"},
		{"goto out of a block is left as it is", []string{"n := 0\n{\n\tm := 1\n\tn += m\n\tgoto done\n}\ndone:\n_ = n", "n"}, "1"},
		{"a cell-level return inside a loop", []string{"n := 0\nfor i := range 5 {\n\tn = i\n\tif i == 2 {\n\t\treturn\n\t}\n}", "n"}, "2"},
	})
}

// A range over a map whose name is also an int field's is a range over
// the map.
func TestRangeOverMapNamedLikeIntField(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"in a function", []string{"type node struct{ count int }", "func total() int { count := map[rune]int{'a': 2, 'b': 3}; n := 0; for _, c := range count { n += c }; return n }", "total()"}, "5"},
		{"an int variable still ranges as an int", []string{"type node struct{ count int }", "func sum() int { count := 3; n := 0; for i := range count { n += i }; return n }", "sum()"}, "3"},
	})
}
