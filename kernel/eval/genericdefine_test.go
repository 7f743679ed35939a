package eval

import (
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/symbols"
)

// genericDecls declares the generic functions and types the cells of
// TestGenericDefinitions use.
const genericDecls = `import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func MakePairs[K comparable, V any](keys []K, val func(K) V) []Pair[K, V] {
	ps := make([]Pair[K, V], len(keys))
	for i, k := range keys {
		ps[i] = Pair[K, V]{k, val(k)}
	}
	return ps
}

func Halves[T any](xs []T) ([]T, []T) { return xs[:len(xs)/2], xs[len(xs)/2:] }

func Zero[T any]() T {
	var z T
	return z
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

type Box[T any] struct{ V T }

func (b Box[T]) String() string { return fmt.Sprintf("box(%v)", b.V) }

type Celsius float64`

// A variable defined at a cell's top level from a call of a generic
// function, of a cell or of slices and maps, or from a value of a generic
// type, becomes a global of the session with the call's type, which a
// later cell uses.
func TestGenericDefinitions(t *testing.T) {
	tests := []struct {
		name, define, use, want string
	}{
		{"cell function, type argument inferred", "nums := []int{1, 2, 3, 4, 5, 6}\nevens := Filter(nums, func(n int) bool { return n%2 == 0 })", "fmt.Sprint(evens, len(evens))", "[2 4 6] 3"},
		{"result type inferred from a function argument", "up := Map([]string{\"a\", \"b\"}, strings.ToUpper)", "fmt.Sprint(up)", "[A B]"},
		{"result of a generic type", "pairs := MakePairs([]string{\"a\", \"bb\"}, func(s string) int { return len(s) })", "fmt.Sprint(pairs[1].Key, pairs[1].Val, len(pairs))", "bb2 2"},
		{"several results", "lo, hi := Halves([]string{\"a\", \"b\", \"c\"})", "fmt.Sprint(lo, hi)", "[a] [b c]"},
		{"explicit type argument", "z := Zero[Celsius]()", "fmt.Sprint(z + 1.5)", "1.5"},
		{"generic function value", "f := Filter[int]", "fmt.Sprint(f([]int{1, 5}, func(n int) bool { return n > 2 }))", "[5]"},
		{"beside another value", "a, b := 1, Filter([]int{3, 4}, func(n int) bool { return n > 3 })", "fmt.Sprint(a, b)", "1 [4]"},
		{"composite of a generic type", "p := Pair[string, int]{\"x\", 1}", "fmt.Sprint(p.Key, p.Val)", "x1"},
		{"pointer to a generic type", "st := &Stack[int]{}\nst.Push(3)", "st.Push(4)\nfmt.Sprint(st.items)", "[3 4]"},
		{"slices.Clone", "words := []string{\"go\", \"gopher\"}\nrev := slices.Clone(words)\nslices.Reverse(rev)", "fmt.Sprint(words, rev)", "[go gopher] [gopher go]"},
		{"maps.Clone", "m := map[string]int{\"x\": 1}\nm2 := maps.Clone(m)\nm2[\"z\"] = 3", "fmt.Sprint(m, m2)", "map[x:1] map[x:1 z:3]"},
		{"slices.Sorted of maps.Keys", "ks := slices.Sorted(maps.Keys(map[string]bool{\"b\": true, \"a\": true}))", "fmt.Sprint(ks)", "[a b]"},
		{"slices.BinarySearch", "i, found := slices.BinarySearch([]int{1, 3, 5}, 3)", "fmt.Sprint(i, found)", "1 true"},
		{"String method of a generic type, seen by fmt", "b := Box[int]{3}", "fmt.Sprint(b, \" \", Box[string]{\"x\"})", "box(3) box(x)"},
		{"slices.Max of a named type", "hot := slices.Max([]Celsius{20.5, 31, 19})", "fmt.Sprint(hot)", "31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{Stdlib: symbols.Stdlib})
			r := run(t, s, genericDecls, tt.define, tt.use)
			if r.Err != nil {
				t.Fatalf("%s\n%s: %v\n%s", tt.define, tt.use, r.Err, strings.Join(r.Err.Traceback, "\n"))
			}
			if got := text(r); got != tt.want {
				t.Errorf("%s\n%s = %q, want %q", tt.define, tt.use, got, tt.want)
			}
		})
	}
}
