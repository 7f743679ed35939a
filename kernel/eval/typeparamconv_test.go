package eval

import (
	"testing"

	"github.com/gornn/gornn/kernel/symbols"
)

// Conversions to a type parameter run with type arguments of cells and
// packages, which the interpreter's own instantiation cannot convert to.
func TestTypeParamConversions(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"constant to a cell's named float", []string{
			"import \"fmt\"\n\nfunc Reduce[T, A any](xs []T, init A, f func(A, T) A) A {\n\tacc := init\n\tfor _, x := range xs {\n\t\tacc = f(acc, x)\n\t}\n\treturn acc\n}\n\nfunc Sum[T ~int | ~float64](xs []T) T {\n\treturn Reduce(xs, T(0), func(a, b T) T { return a + b })\n}\n\ntype Celsius float64",
			"temps := []Celsius{20.5, 22, 19.25}\nfmt.Sprintf(\"%.2f\", Sum[Celsius](temps)/Celsius(len(temps)))"}, "20.58"},
		{"constant to a package's named integer", []string{
			"import (\n\t\"fmt\"\n\t\"time\"\n)\n\nfunc Twice[T ~int64](x T) T { return x * T(2) }",
			"fmt.Sprint(Twice(time.Second), Twice(int64(4)))"}, "2s 8"},
		{"value of another type", []string{
			"import \"fmt\"\n\ntype Meters float64\n\nfunc Mean[T ~float64](xs []T) T {\n\tvar s T\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn s / T(len(xs))\n}",
			"fmt.Sprint(Mean([]Meters{1, 2, 4.5}))"}, "2.5"},
		{"value named like the result", []string{
			"import \"fmt\"\n\ntype ID int64\n\nfunc Conv[T ~int64, U ~int](v U) T { return T(v) }",
			"fmt.Sprint(Conv[ID](7) + 1)"}, "8"},
		{"constant to a string type parameter", []string{
			"import \"fmt\"\n\ntype Name string\n\nfunc Greet[T ~string](n T) T { return T(\"hi \") + n }",
			"fmt.Sprint(Greet(Name(\"gopher\")))"}, "hi gopher"},
		{"constant in a loop of a generic method", []string{
			"import \"fmt\"\n\ntype Vec[T ~int | ~float64] []T\n\nfunc (v Vec[T]) Scaled() Vec[T] {\n\tout := make(Vec[T], len(v))\n\tfor i, x := range v {\n\t\tout[i] = x * T(2)\n\t}\n\treturn out\n}\n\ntype Meters float64",
			"fmt.Sprint(Vec[Meters]{1, 2.5}.Scaled())"}, "[2 5]"},
		{"nil", []string{
			"import \"fmt\"\n\nfunc None[T ~[]int | ~map[string]int]() T { return T(nil) }\n\ntype Counts map[string]int",
			"fmt.Sprint(None[Counts]() == nil, len(None[[]int]()))"}, "true 0"},
		{"string from bytes", []string{
			"import \"fmt\"\n\ntype Name string\n\nfunc FromBytes[T ~string](b []byte) T { return T(b) }",
			"fmt.Sprint(FromBytes[Name]([]byte(\"gopher\")))"}, "gopher"},
		{"explicit type parameter given by an argument", []string{
			"import \"fmt\"\n\ntype Celsius float64\n\nfunc Id[T any](x T) T { return x }\n\nfunc Twice[T any](x T) [2]T { return [2]T{Id[T](x), Id[T](x)} }",
			"fmt.Sprint(Twice[Celsius](1.5), Twice([]int{1}), Twice(3))"}, "[1.5 1.5] [[1] [1]] [3 3]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{Stdlib: symbols.Stdlib})
			checkValue(t, run(t, s, tt.cells...), tt.want)
		})
	}
}
