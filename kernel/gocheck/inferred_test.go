package gocheck

import (
	"fmt"
	"testing"
)

// A cell that passes lists its implicit instantiations of generic
// functions, at the end of the function's name, with Go's type arguments,
// the missing ones of a partial instantiation at its closing bracket, and
// none that are explicit or of types a cell
// cannot name.
func TestInferred(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // "offset:type args packages"
	}{
		{"function argument's result", "import \"strconv\"\nfunc Map[T, U any](xs []T, f func(T) U) []U { return nil }\nvar r = Map([]int{1}, strconv.Itoa)",
			[]string{"87:int, string map[]"}},
		{"explicit", "func Id[T any](x T) T { return x }\nvar r = Id[int](1)", nil},
		{"partly explicit", "func Conv[T, U any](x U) T { var t T; return t }\nvar r = Conv[string](1)",
			[]string{"68:int map[] rest"}},
		{"partly explicit, of a package", "import \"slices\"\nvar r = slices.Concat[[]int]()",
			[]string{"43:int map[] rest"}},
		{"package of a type argument", "import (\n\t\"slices\"\n\t\"time\"\n)\nvar ds = []time.Duration{2, 1}\nfunc f() { slices.Sort(ds) }",
			[]string{"82:[]time.Duration, time.Duration map[time:time]"}},
		{"statement cell", "import \"slices\"\nxs := []int{2, 1}\nslices.Sort(xs)",
			[]string{"45:[]int, int map[]"}},
		{"several results", "import \"slices\"\nvar i, ok = slices.BinarySearch([]int{1}, 1)", []string{"47:[]int, int map[]"}},
		{"type declared in a function", "func Id[T any](x T) T { return x }\nfunc f() {\n\ttype local int\n\tId(local(1))\n}", nil},
		{"inside a generic function", "func Id[T any](x T) T { return x }\nfunc Twice[T any](x T) T { return Id(x) }", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ForTables(kernelTables())
			r := c.Check(tt.src, testParts(tt.src))
			if r.Undecided != "" || len(r.Errors) > 0 {
				t.Fatalf("%+v", r)
			}
			var got []string
			for _, in := range r.Inferred {
				g := fmt.Sprintf("%d:%s %v", in.Offset, in.TypeArgs, in.Packages)
				if in.Rest {
					g += " rest"
				}
				got = append(got, g)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Inferred = %q, want %q", got, tt.want)
			}
		})
	}
}
