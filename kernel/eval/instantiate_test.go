package eval

import (
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/symbols"
)

// Calls of generic functions whose type arguments the interpreter cannot
// infer run, with the type arguments Go infers written out.
func TestInferredTypeArguments(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"result type of a function argument", []string{
			"import (\n\t\"fmt\"\n\t\"strconv\"\n)\n\nfunc Map[T, U any](xs []T, f func(T) U) []U {\n\tvar out []U\n\tfor _, x := range xs {\n\t\tout = append(out, f(x))\n\t}\n\treturn out\n}",
			"func show() string { return fmt.Sprint(Map([]int{1, 2}, strconv.Itoa)) }",
			"show()"}, "[1 2]"},
		{"core type of a named slice", []string{
			"import (\n\t\"fmt\"\n\t\"slices\"\n)\n\ntype Scores []int",
			"func best(s Scores) string {\n\tc := slices.Clone(s)\n\tslices.Sort(c)\n\treturn fmt.Sprint(c, slices.Max(s))\n}",
			"best(Scores{3, 1, 2})"}, "[1 2 3] 3"},
		{"named map through maps.Keys", []string{
			"import (\n\t\"maps\"\n\t\"slices\"\n\t\"strings\"\n)\n\ntype Set map[string]bool",
			"func names(s Set) string { return strings.Join(slices.Sorted(maps.Keys(s)), \",\") }",
			"names(Set{\"b\": true, \"a\": true})"}, "a,b"},
		{"inside a statement cell", []string{
			"import (\n\t\"fmt\"\n\t\"slices\"\n)",
			"xs := []string{\"b\", \"a\"}\nslices.Sort(xs)\nfmt.Sprint(slices.Index(xs, \"b\"), xs)"}, "1 [a b]"},
		{"partial instantiation of a cell's function", []string{
			"import \"fmt\"\n\nfunc Conv[T, U any](x U, f func(U) T) T { return f(x) }",
			"fmt.Sprint(Conv[string](3, func(n int) string { return fmt.Sprint(n * 2) }))"}, "6"},
		{"partial instantiation of slices.Concat", []string{
			"import (\n\t\"fmt\"\n\t\"slices\"\n)",
			"fmt.Sprint(slices.Concat[[]int]() == nil, slices.Concat[[]int]([]int{1}, []int{2}))"}, "true [1 2]"},
		{"a cell-level variable of a pointer to a generic instance", []string{
			"import \"fmt\"\n\ntype Cache[K comparable, V any] struct {\n\tdata  map[K]V\n\tlimit int\n}\n\nfunc NewCache[K comparable, V any](limit int) *Cache[K, V] {\n\treturn &Cache[K, V]{data: make(map[K]V), limit: limit}\n}",
			"c := NewCache[string, int](2)\nc.data[\"a\"] = 1",
			"fmt.Sprint(c.limit, c.data)"}, "2 map[a:1]"},
		{"an instance of a generic type as type argument", []string{
			"import (\n\t\"cmp\"\n\t\"fmt\"\n)\n\ntype Pair[K comparable, V any] struct {\n\tKey K\n\tVal V\n}\n\nfunc MaxBy[T any, K cmp.Ordered](xs []T, key func(T) K) T {\n\tbest := xs[0]\n\tfor _, x := range xs[1:] {\n\t\tif key(x) > key(best) {\n\t\t\tbest = x\n\t\t}\n\t}\n\treturn best\n}",
			"ps := []Pair[string, int]{{\"a\", 3}, {\"b\", 9}}\nbest := MaxBy(ps, func(p Pair[string, int]) int { return p.Val })\nlens := MaxBy([][]Pair[string, int]{ps, ps[:1]}, func(p []Pair[string, int]) int { return len(p) })",
			"fmt.Sprint(best, \" \", len(lens), \" \", MaxBy(ps, func(p Pair[string, int]) string { return p.Key }))"}, "{b 9} 2 {b 9}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{Stdlib: symbols.Stdlib})
			checkValue(t, run(t, s, tt.cells...), tt.want)
		})
	}
}

// Generic functions of several results run with the type arguments Go
// infers written out, in every place a cell calls them.
func TestInferredSeveralResults(t *testing.T) {
	decl := "import (\n\t\"fmt\"\n\t\"slices\"\n)\n\ntype Ints []int\n\nfunc Split[S ~[]E, E any](s S) (S, S) { return s[:len(s)/2], s[len(s)/2:] }"
	tests := []struct {
		name, cell, want string
	}{
		{"top-level definition", "a, b := Split(Ints{1, 2, 3})\nfmt.Sprint(a, b)", "[1] [2 3]"},
		{"arguments of a call", "fmt.Sprint(Split([]string{\"x\", \"y\"}))", "[x] [y]"},
		{"in a function", "func halves(s Ints) string {\n\ta, b := Split(s)\n\treturn fmt.Sprint(len(a), len(b))\n}\nhalves(Ints{1, 2, 3, 4})", "2 2"},
		{"returned as they are", "func split2(s Ints) (Ints, Ints) { return Split(s) }\nx, y := split2(Ints{5, 6})\nfmt.Sprint(x, y)", "[5] [6]"},
		{"slices.BinarySearch of a named slice", "i, ok := slices.BinarySearch(Ints{1, 3, 5}, 4)\nfmt.Sprint(i, ok)", "2 false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{Stdlib: symbols.Stdlib})
			r := run(t, s, decl, tt.cell)
			if r.Err != nil {
				t.Fatalf("%s: %v\n%s", tt.cell, r.Err, strings.Join(r.Err.Traceback, "\n"))
			}
			if got := text(r); got != tt.want {
				t.Errorf("%s = %q, want %q", tt.cell, got, tt.want)
			}
		})
	}
}
