package eval

import (
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/symbols"
)

// A literal of a generic struct type gives its value after a generic
// function built values of the same instance with a literal.
func TestGenericStructLiterals(t *testing.T) {
	decl := "import \"fmt\"\n\ntype Pair[K comparable, V any] struct {\n\tKey K\n\tVal V\n}\n\nfunc MakePairs[K comparable, V any](keys []K, val func(K) V) []Pair[K, V] {\n\tps := make([]Pair[K, V], len(keys))\n\tfor i, k := range keys {\n\t\tps[i] = Pair[K, V]{k, val(k)}\n\t}\n\treturn ps\n}\n\ntype Box[T any] struct{ V T }\n\nfunc Boxed[T any](x T) *Box[T] { return &Box[T]{V: x} }\n\nfunc (b *Box[T]) Pairs(n int) []Pair[int, T] { return []Pair[int, T]{{n, b.V}, {Key: n + 1, Val: b.V}} }"
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"positional literal in a cell after the function", []string{
			"pairs := MakePairs([]string{\"a\", \"bb\"}, func(s string) int { return len(s) })",
			"p := Pair[string, int]{\"x\", 1}\nfmt.Sprint(pairs, p)"}, "[{a 1} {bb 2}] {x 1}"},
		{"keyed literal in a function of a cell", []string{
			"fmt.Sprint(MakePairs([]int{7}, func(n int) string { return fmt.Sprint(n * 2) }))",
			"func one() Pair[int, string] { return Pair[int, string]{Key: 1, Val: \"one\"} }\nfmt.Sprint(one())"}, "{1 one}"},
		{"pointer literal and elided types in a generic method", []string{
			"b := Boxed(\"v\")\nfmt.Sprint(b.V, b.Pairs(3))",
			"fmt.Sprint(*Boxed(2.5), Box[string]{\"w\"}, Pair[int, string]{9, \"z\"})"}, "{2.5} {w} {9 z}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{Stdlib: symbols.Stdlib})
			r := run(t, s, append([]string{decl}, tt.cells...)...)
			if r.Err != nil {
				t.Fatalf("last cell: %v\n%s", r.Err, strings.Join(r.Err.Traceback, "\n"))
			}
			if got := text(r); got != tt.want {
				t.Errorf("value = %q, want %q", got, tt.want)
			}
		})
	}
}
