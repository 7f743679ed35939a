package eval

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/symbols"
)

// stdCall is one call of a function of slices or maps: the cell's source,
// and the same code compiled, giving what the cell must print.
type stdCall struct {
	name string
	cell string
	want func() string
}

// stdSlicesCalls calls every exported function of Go's slices package
// once. Each cell ends with its results in fmt.Sprint, as want does.
var stdSlicesCalls = []stdCall{
	{"All", `out := ""
for i, v := range slices.All([]string{"a", "b"}) { out += fmt.Sprint(i, v, " ") }
out`, func() string {
		out := ""
		for i, v := range slices.All([]string{"a", "b"}) {
			out += fmt.Sprint(i, v, " ")
		}
		return out
	}},
	{"AppendSeq", `fmt.Sprint(slices.AppendSeq([]int{1}, slices.Values([]int{2, 3})))`, func() string {
		return fmt.Sprint(slices.AppendSeq([]int{1}, slices.Values([]int{2, 3})))
	}},
	{"Backward", `out := ""
for i, v := range slices.Backward([]string{"a", "b"}) { out += fmt.Sprint(i, v, " ") }
out`, func() string {
		out := ""
		for i, v := range slices.Backward([]string{"a", "b"}) {
			out += fmt.Sprint(i, v, " ")
		}
		return out
	}},
	{"BinarySearch", `fmt.Sprint(slices.BinarySearch([]int{1, 3, 5}, 4))`, func() string {
		return fmt.Sprint(slices.BinarySearch([]int{1, 3, 5}, 4))
	}},
	{"BinarySearch of a named slice, explicit", `type Ints []int
i, found := slices.BinarySearch[Ints](Ints{1, 3, 5}, 5)
fmt.Sprint(i, found)`, func() string {
		type Ints []int
		i, found := slices.BinarySearch[Ints](Ints{1, 3, 5}, 5)
		return fmt.Sprint(i, found)
	}},
	{"BinarySearchFunc", `fmt.Sprint(slices.BinarySearchFunc([]string{"a", "bb", "ccc"}, 2, func(s string, n int) int { return cmp.Compare(len(s), n) }))`, func() string {
		return fmt.Sprint(slices.BinarySearchFunc([]string{"a", "bb", "ccc"}, 2, func(s string, n int) int { return cmp.Compare(len(s), n) }))
	}},
	{"Chunk", `fmt.Sprint(slices.Collect(slices.Chunk([]int{1, 2, 3, 4, 5}, 2)))`, func() string {
		return fmt.Sprint(slices.Collect(slices.Chunk([]int{1, 2, 3, 4, 5}, 2)))
	}},
	{"Clip", `s := slices.Clip(make([]int, 2, 10))
fmt.Sprint(s, len(s), cap(s))`, func() string {
		s := slices.Clip(make([]int, 2, 10))
		return fmt.Sprint(s, len(s), cap(s))
	}},
	{"Clone", `a := []int{1, 2}
b := slices.Clone(a)
b[0] = 9
fmt.Sprint(a, b, slices.Clone([]int(nil)) == nil, slices.Clone([]int{}) == nil)`, func() string {
		a := []int{1, 2}
		b := slices.Clone(a)
		b[0] = 9
		return fmt.Sprint(a, b, slices.Clone([]int(nil)) == nil, slices.Clone([]int{}) == nil)
	}},
	{"Collect", `fmt.Sprint(slices.Collect(slices.Values([]string{"x", "y"})))`, func() string {
		return fmt.Sprint(slices.Collect(slices.Values([]string{"x", "y"})))
	}},
	{"Compact", `s := []int{1, 1, 2, 3, 3, 3, 4}
c := slices.Compact(s)
fmt.Sprint(c, len(c), s[len(c):])`, func() string {
		s := []int{1, 1, 2, 3, 3, 3, 4}
		c := slices.Compact(s)
		return fmt.Sprint(c, len(c), s[len(c):])
	}},
	{"Compact nested", `fmt.Sprint(slices.Compact(slices.Clone([]string{"a", "a", "b"})), slices.Compact([]int(nil)) == nil)`, func() string {
		return fmt.Sprint(slices.Compact(slices.Clone([]string{"a", "a", "b"})), slices.Compact([]int(nil)) == nil)
	}},
	{"CompactFunc", `fmt.Sprint(slices.CompactFunc([]string{"a", "A", "b", "B", "c"}, strings.EqualFold))`, func() string {
		return fmt.Sprint(slices.CompactFunc([]string{"a", "A", "b", "B", "c"}, strings.EqualFold))
	}},
	{"Compare", `fmt.Sprint(slices.Compare([]int{1, 2}, []int{1, 3}), slices.Compare([]int{1, 2}, []int{1}), slices.Compare([]float64{math.NaN()}, []float64{0}))`, func() string {
		return fmt.Sprint(slices.Compare([]int{1, 2}, []int{1, 3}), slices.Compare([]int{1, 2}, []int{1}), slices.Compare([]float64{math.NaN()}, []float64{0}))
	}},
	{"CompareFunc", `fmt.Sprint(slices.CompareFunc([]int{1, 2}, []string{"1", "3"}, func(a int, b string) int { return strings.Compare(fmt.Sprint(a), b) }))`, func() string {
		return fmt.Sprint(slices.CompareFunc([]int{1, 2}, []string{"1", "3"}, func(a int, b string) int { return strings.Compare(fmt.Sprint(a), b) }))
	}},
	{"Concat", `fmt.Sprint(slices.Concat([]int{1}, nil, []int{2, 3}), slices.Concat[[]int]() == nil)`, func() string {
		return fmt.Sprint(slices.Concat([]int{1}, nil, []int{2, 3}), slices.Concat[[]int]() == nil)
	}},
	{"Compact, Insert and Delete of a named slice type", `type Ints []int
xs := Ints{3, 3, 1}
ys := slices.Insert(slices.Compact(xs), 0, 7)
fmt.Sprint(ys, slices.Delete(ys, 0, 1), xs)`, func() string {
		type Ints []int
		xs := Ints{3, 3, 1}
		ys := slices.Insert(slices.Compact(xs), 0, 7)
		return fmt.Sprint(ys, slices.Delete(ys, 0, 1), xs)
	}},
	{"Contains", `fmt.Sprint(slices.Contains([]string{"a", "b"}, "b"), slices.Contains([]string{"a"}, "c"))`, func() string {
		return fmt.Sprint(slices.Contains([]string{"a", "b"}, "b"), slices.Contains([]string{"a"}, "c"))
	}},
	{"ContainsFunc", `fmt.Sprint(slices.ContainsFunc([]int{1, 2}, func(n int) bool { return n > 1 }))`, func() string {
		return fmt.Sprint(slices.ContainsFunc([]int{1, 2}, func(n int) bool { return n > 1 }))
	}},
	{"Delete", `s := []int{0, 1, 2, 3, 4}
d := slices.Delete(s, 1, 3)
fmt.Sprint(d, s)`, func() string {
		s := []int{0, 1, 2, 3, 4}
		d := slices.Delete(s, 1, 3)
		return fmt.Sprint(d, s)
	}},
	{"DeleteFunc", `s := []int{0, 1, 2, 3, 4}
d := slices.DeleteFunc(s, func(n int) bool { return n%2 == 1 })
fmt.Sprint(d, s)`, func() string {
		s := []int{0, 1, 2, 3, 4}
		d := slices.DeleteFunc(s, func(n int) bool { return n%2 == 1 })
		return fmt.Sprint(d, s)
	}},
	{"Equal", `fmt.Sprint(slices.Equal([]int{1, 2}, []int{1, 2}), slices.Equal([]int{}, nil), slices.Equal([]float64{math.NaN()}, []float64{math.NaN()}))`, func() string {
		return fmt.Sprint(slices.Equal([]int{1, 2}, []int{1, 2}), slices.Equal([]int{}, nil), slices.Equal([]float64{math.NaN()}, []float64{math.NaN()}))
	}},
	{"EqualFunc", `fmt.Sprint(slices.EqualFunc([]int{1, 2}, []string{"1", "2"}, func(a int, b string) bool { return fmt.Sprint(a) == b }))`, func() string {
		return fmt.Sprint(slices.EqualFunc([]int{1, 2}, []string{"1", "2"}, func(a int, b string) bool { return fmt.Sprint(a) == b }))
	}},
	{"Grow", `g := slices.Grow([]int{1}, 10)
fmt.Sprint(g, len(g), cap(g) >= 11)`, func() string {
		g := slices.Grow([]int{1}, 10)
		return fmt.Sprint(g, len(g), cap(g) >= 11)
	}},
	{"Index", `fmt.Sprint(slices.Index([]string{"a", "b"}, "b"), slices.Index([]string{"a"}, "z"))`, func() string {
		return fmt.Sprint(slices.Index([]string{"a", "b"}, "b"), slices.Index([]string{"a"}, "z"))
	}},
	{"IndexFunc", `fmt.Sprint(slices.IndexFunc([]int{5, 6, 7}, func(n int) bool { return n > 5 }))`, func() string {
		return fmt.Sprint(slices.IndexFunc([]int{5, 6, 7}, func(n int) bool { return n > 5 }))
	}},
	{"Insert", `fmt.Sprint(slices.Insert([]int{1, 4}, 1, 2, 3), slices.Insert([]int{1}, 1))`, func() string {
		return fmt.Sprint(slices.Insert([]int{1, 4}, 1, 2, 3), slices.Insert([]int{1}, 1))
	}},
	{"Insert in place, from itself", `s := make([]int, 4, 10)
copy(s, []int{1, 2, 3, 4})
r := slices.Insert(s, 1, s[2:]...)
fmt.Sprint(r, s)`, func() string {
		s := make([]int, 4, 10)
		copy(s, []int{1, 2, 3, 4})
		r := slices.Insert(s, 1, s[2:]...)
		return fmt.Sprint(r, s)
	}},
	{"IsSorted", `fmt.Sprint(slices.IsSorted([]int{1, 2, 2}), slices.IsSorted([]string{"b", "a"}))`, func() string {
		return fmt.Sprint(slices.IsSorted([]int{1, 2, 2}), slices.IsSorted([]string{"b", "a"}))
	}},
	{"IsSortedFunc", `fmt.Sprint(slices.IsSortedFunc([]string{"a", "bb"}, func(a, b string) int { return len(a) - len(b) }))`, func() string {
		return fmt.Sprint(slices.IsSortedFunc([]string{"a", "bb"}, func(a, b string) int { return len(a) - len(b) }))
	}},
	{"Max", `fmt.Sprint(slices.Max([]int{3, 9, 2}), slices.Max([]float64{1, math.NaN()}), slices.Max([]float64{math.NaN(), 1}))`, func() string {
		return fmt.Sprint(slices.Max([]int{3, 9, 2}), slices.Max([]float64{1, math.NaN()}), slices.Max([]float64{math.NaN(), 1}))
	}},
	{"MaxFunc", `fmt.Sprint(slices.MaxFunc([]string{"bb", "a", "cc"}, func(a, b string) int { return len(a) - len(b) }))`, func() string {
		return fmt.Sprint(slices.MaxFunc([]string{"bb", "a", "cc"}, func(a, b string) int { return len(a) - len(b) }))
	}},
	{"Min", `fmt.Sprint(slices.Min([]int{3, 9, 2}), slices.Min([]float64{1, math.NaN()}), slices.Min([]float64{math.NaN(), 1}))`, func() string {
		return fmt.Sprint(slices.Min([]int{3, 9, 2}), slices.Min([]float64{1, math.NaN()}), slices.Min([]float64{math.NaN(), 1}))
	}},
	{"MinFunc", `fmt.Sprint(slices.MinFunc([]string{"bb", "a", "c"}, func(a, b string) int { return len(a) - len(b) }))`, func() string {
		return fmt.Sprint(slices.MinFunc([]string{"bb", "a", "c"}, func(a, b string) int { return len(a) - len(b) }))
	}},
	{"Repeat", `fmt.Sprint(slices.Repeat([]int{1, 2}, 2))`, func() string {
		return fmt.Sprint(slices.Repeat([]int{1, 2}, 2))
	}},
	{"Replace", `s := []int{0, 1, 2, 3}
r := slices.Replace(s, 1, 3, 7, 8, 9)
fmt.Sprint(r, slices.Replace([]int{0, 1, 2, 3}, 0, 2, 5))`, func() string {
		s := []int{0, 1, 2, 3}
		r := slices.Replace(s, 1, 3, 7, 8, 9)
		return fmt.Sprint(r, slices.Replace([]int{0, 1, 2, 3}, 0, 2, 5))
	}},
	{"Replace in place, from itself", `s := make([]int, 5, 10)
copy(s, []int{0, 1, 2, 3, 4})
r := slices.Replace(s, 1, 2, s[2:]...)
t := []int{0, 1, 2, 3, 4, 5}
u := slices.Replace(t, 1, 4, t[4:]...)
fmt.Sprint(r, s, u, t)`, func() string {
		s := make([]int, 5, 10)
		copy(s, []int{0, 1, 2, 3, 4})
		r := slices.Replace(s, 1, 2, s[2:]...)
		t := []int{0, 1, 2, 3, 4, 5}
		u := slices.Replace(t, 1, 4, t[4:]...)
		return fmt.Sprint(r, s, u, t)
	}},
	{"Reverse", `s := []string{"a", "b", "c"}
slices.Reverse(s)
fmt.Sprint(s)`, func() string {
		s := []string{"a", "b", "c"}
		slices.Reverse(s)
		return fmt.Sprint(s)
	}},
	{"Sort", `s := []float64{3, math.NaN(), 1}
slices.Sort(s)
fmt.Sprint(s)`, func() string {
		s := []float64{3, math.NaN(), 1}
		slices.Sort(s)
		return fmt.Sprint(s)
	}},
	{"SortFunc", `s := []string{"ccc", "a", "bb"}
slices.SortFunc(s, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
fmt.Sprint(s)`, func() string {
		s := []string{"ccc", "a", "bb"}
		slices.SortFunc(s, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
		return fmt.Sprint(s)
	}},
	{"SortStableFunc", `s := []string{"bb", "a", "cc", "b"}
slices.SortStableFunc(s, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
fmt.Sprint(s)`, func() string {
		s := []string{"bb", "a", "cc", "b"}
		slices.SortStableFunc(s, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
		return fmt.Sprint(s)
	}},
	{"Sorted", `fmt.Sprint(slices.Sorted(slices.Values([]int{3, 1, 2})))`, func() string {
		return fmt.Sprint(slices.Sorted(slices.Values([]int{3, 1, 2})))
	}},
	{"SortedFunc", `fmt.Sprint(slices.SortedFunc(slices.Values([]int{3, 1, 2}), func(a, b int) int { return b - a }))`, func() string {
		return fmt.Sprint(slices.SortedFunc(slices.Values([]int{3, 1, 2}), func(a, b int) int { return b - a }))
	}},
	{"SortedStableFunc", `fmt.Sprint(slices.SortedStableFunc(slices.Values([]string{"bb", "a", "cc", "b"}), func(a, b string) int { return len(a) - len(b) }))`, func() string {
		return fmt.Sprint(slices.SortedStableFunc(slices.Values([]string{"bb", "a", "cc", "b"}), func(a, b string) int { return len(a) - len(b) }))
	}},
	{"Values", `out := ""
for v := range slices.Values([]string{"a", "b"}) { out += v }
out`, func() string {
		out := ""
		for v := range slices.Values([]string{"a", "b"}) {
			out += v
		}
		return out
	}},
}

// stdMapsCalls calls every exported function of Go's maps package once.
var stdMapsCalls = []stdCall{
	{"All", `fmt.Sprint(maps.Collect(maps.All(map[string]int{"a": 1, "b": 2})))`, func() string {
		return fmt.Sprint(maps.Collect(maps.All(map[string]int{"a": 1, "b": 2})))
	}},
	{"Clone", `m := map[string]int{"a": 1}
c := maps.Clone(m)
c["b"] = 2
var nilMap map[string]int
fmt.Sprint(m, c, maps.Clone(nilMap) == nil, maps.Clone(map[int]bool{}) == nil)`, func() string {
		m := map[string]int{"a": 1}
		c := maps.Clone(m)
		c["b"] = 2
		var nilMap map[string]int
		return fmt.Sprint(m, c, maps.Clone(nilMap) == nil, maps.Clone(map[int]bool{}) == nil)
	}},
	{"Collect", `fmt.Sprint(maps.Collect(slices.All([]string{"x", "y"})))`, func() string {
		return fmt.Sprint(maps.Collect(slices.All([]string{"x", "y"})))
	}},
	{"Copy", `dst := map[string]int{"a": 1, "b": 1}
maps.Copy(dst, map[string]int{"b": 2, "c": 3})
fmt.Sprint(dst)`, func() string {
		dst := map[string]int{"a": 1, "b": 1}
		maps.Copy(dst, map[string]int{"b": 2, "c": 3})
		return fmt.Sprint(dst)
	}},
	{"DeleteFunc", `m := map[string]int{"a": 1, "b": 2, "c": 3}
maps.DeleteFunc(m, func(k string, v int) bool { return v%2 == 1 })
fmt.Sprint(m)`, func() string {
		m := map[string]int{"a": 1, "b": 2, "c": 3}
		maps.DeleteFunc(m, func(k string, v int) bool { return v%2 == 1 })
		return fmt.Sprint(m)
	}},
	{"Equal", `fmt.Sprint(maps.Equal(map[string]int{"a": 1}, map[string]int{"a": 1}), maps.Equal(map[string]int{"a": 1}, map[string]int{"a": 2}))`, func() string {
		return fmt.Sprint(maps.Equal(map[string]int{"a": 1}, map[string]int{"a": 1}), maps.Equal(map[string]int{"a": 1}, map[string]int{"a": 2}))
	}},
	{"EqualFunc", `fmt.Sprint(maps.EqualFunc(map[string]int{"a": 1}, map[string]string{"a": "1"}, func(v int, s string) bool { return fmt.Sprint(v) == s }))`, func() string {
		return fmt.Sprint(maps.EqualFunc(map[string]int{"a": 1}, map[string]string{"a": "1"}, func(v int, s string) bool { return fmt.Sprint(v) == s }))
	}},
	{"Insert", `m := map[int]string{9: "z"}
maps.Insert(m, slices.All([]string{"a", "b"}))
fmt.Sprint(m)`, func() string {
		m := map[int]string{9: "z"}
		maps.Insert(m, slices.All([]string{"a", "b"}))
		return fmt.Sprint(m)
	}},
	{"Keys", `fmt.Sprint(slices.Sorted(maps.Keys(map[string]int{"b": 1, "a": 2})))`, func() string {
		return fmt.Sprint(slices.Sorted(maps.Keys(map[string]int{"b": 1, "a": 2})))
	}},
	{"Values", `fmt.Sprint(slices.Sorted(maps.Values(map[string]int{"b": 1, "a": 2})))`, func() string {
		return fmt.Sprint(slices.Sorted(maps.Values(map[string]int{"b": 1, "a": 2})))
	}},
}

// stdImports is the cell that imports what the calls use.
const stdImports = "import (\n\t\"cmp\"\n\t\"fmt\"\n\t\"maps\"\n\t\"math\"\n\t\"slices\"\n\t\"strings\"\n)"

// Every exported function of slices and maps, called from a cell, gives
// what the compiled function gives.
func TestStdGenericAll(t *testing.T) {
	for _, group := range []struct {
		pkg   string
		calls []stdCall
	}{{"slices", stdSlicesCalls}, {"maps", stdMapsCalls}} {
		for _, c := range group.calls {
			t.Run(group.pkg+"."+c.name, func(t *testing.T) {
				s := newSession(t, Options{Stdlib: symbols.Stdlib})
				r := run(t, s, stdImports, c.cell)
				if r.Err != nil {
					t.Fatalf("%s\n%v", c.cell, r.Err)
				}
				if got, want := text(r), c.want(); got != want {
					t.Errorf("%s\n= %q, want %q", c.cell, got, want)
				}
			})
		}
	}
}
