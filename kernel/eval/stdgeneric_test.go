package eval

import (
	"testing"

	"github.com/gornn/gornn/kernel/symbols"
)

// The generic functions of slices and maps that the session adds to the
// interpreter's give what Go gives.
func TestStdGenericFunctions(t *testing.T) {
	tests := []struct {
		name, cell, want string
	}{
		{"Sort", "xs := []float64{3, 1, 2}\nslices.Sort(xs)\nfmt.Sprint(xs)", "[1 2 3]"},
		{"Sort strings", "xs := []string{\"b\", \"c\", \"a\"}\nslices.Sort(xs)\nfmt.Sprint(xs, slices.IsSorted(xs))", "[a b c] true"},
		{"SortFunc", "type p struct{ n string; v int }\nps := []p{{\"x\", 2}, {\"y\", 1}}\nslices.SortFunc(ps, func(a, b p) int { return cmp.Compare(a.v, b.v) })\nfmt.Sprint(ps)", "[{y 1} {x 2}]"},
		{"SortStableFunc", "ws := []string{\"ccc\", \"b\", \"a\", \"dd\"}\nslices.SortStableFunc(ws, func(a, b string) int { return cmp.Compare(len(a), len(b)) })\nfmt.Sprint(ws)", "[b a dd ccc]"},
		{"Min and Max", "fmt.Sprint(slices.Min([]int{4, 2, 9}), slices.Max([]int{4, 2, 9}))", "2 9"},
		{"MinFunc", "fmt.Sprint(slices.MinFunc([]string{\"bb\", \"a\", \"ccc\"}, func(a, b string) int { return len(a) - len(b) }))", "a"},
		{"BinarySearch", "i, ok := slices.BinarySearch([]int{1, 3, 5}, 3)\nj, ok2 := slices.BinarySearch([]int{1, 3, 5}, 4)\nfmt.Sprint(i, ok, j, ok2)", "1 true 2 false"},
		{"Sorted of maps.Keys", "fmt.Sprint(slices.Sorted(maps.Keys(map[string]int{\"z\": 1, \"a\": 2, \"m\": 3})))", "[a m z]"},
		{"Collect of maps.Values", "var vs []int\nvs = slices.Collect(maps.Values(map[string]int{\"z\": 1, \"a\": 2}))\nslices.Sort(vs)\nfmt.Sprint(vs)", "[1 2]"},
		{"Backward", "out := \"\"\nslices.Backward([]string{\"a\", \"b\"})(func(i int, s string) bool { out += fmt.Sprint(i, s, \" \"); return true })\nout", "1b 0a "},
		{"Chunk", "fmt.Sprint(slices.Collect(slices.Chunk([]int{1, 2, 3, 4, 5}, 2)))", "[[1 2] [3 4] [5]]"},
		{"Repeat", "fmt.Sprint(slices.Repeat([]int{1, 2}, 3))", "[1 2 1 2 1 2]"},
		{"maps.Collect of All", "var m map[string]int\nm = maps.Collect(maps.All(map[string]int{\"a\": 1}))\nm[\"b\"] = 2\nfmt.Sprint(m)", "map[a:1 b:2]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{Stdlib: symbols.Stdlib})
			r := run(t, s, "import (\n\t\"cmp\"\n\t\"fmt\"\n\t\"maps\"\n\t\"slices\"\n)", tt.cell)
			if r.Err != nil {
				t.Fatalf("%s: %v", tt.cell, r.Err)
			}
			if got := text(r); got != tt.want {
				t.Errorf("%s = %q, want %q", tt.cell, got, tt.want)
			}
		})
	}
}
