package eval

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/symbols"
)

// TestGoErrorsAndImports runs the examples of issue 11 that type checking
// and imports that add themselves cover: each cell either gives a value
// or Go's own error at the cell's line and column.
func TestGoErrorsAndImports(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string // the last cell's value, or "error L:C: message"
	}{
		{"rnn without import", []string{"sess := rnn.NewSession()\nsess != nil"}, "true"},
		{"time without import", []string{"t0 := time.Now()\ntime.Since(t0) < time.Hour"}, "true"},
		{"package used in a function", []string{"func year() int { return time.Now().Year() }\nyear() > 2000"}, "true"},
		{"fmt without import", []string{"fmt.Sprint(1 + 1)"}, "2"},
		{"later cells see the import", []string{"t0 := time.Now()", "time.Since(t0) >= 0"}, "true"},
		{"os.Args", []string{"arg := len(os.Args)\narg > 0"}, "true"},
		{"gonum", []string{"m := mat.NewDense(2, 3, nil)\nr, c := m.Dims()\nr * c"}, "6"},
		{"explicit alias", []string{"import input_data \"github.com/gornn/gornn/rnn/mnist\"", "f := input_data.ReadDataSets\nf != nil"}, "true"},
		{"a local variable shadows a package", []string{"strings := []string{\"a\", \"b\"}\nlen(strings)"}, "2"},
		{"unused variables and imports are fine", []string{"import \"os\"\nfunc f() { unused := 1 }\n1"}, "1"},
		{"misuse", []string{"t0 := time.Now()\nvar label string = t0"},
			"error 2:20: cannot use t0 (variable of struct type time.Time) as string value in variable declaration"},
		{"two results as one value", []string{"n := strconv.Atoi(\"42\")"},
			"error 1:6: assignment mismatch: 1 variable but strconv.Atoi returns 2 values"},
		{"two results in an expression", []string{"func div(a, b int) (int, error) { return a / b, nil }\nx := div(6, 3) + 1"},
			"error 2:6: multiple-value div(6, 3) (value of type (int, error)) in single-value context"},
		{"missing method in a chain", []string{"x := rnn.Placeholder(rnn.Float32, rnn.None, 28, 28)\ny := rnn.Reshape(x, 5, 28, 28).Transpose(0, 2, 1)"},
			"error 2:32: rnn.Reshape(x, 5, 28, 28).Transpose undefined (type *rnn.Node has no field or method Transpose)"},
		{"undefined name", []string{"total := 1\ntotl + 1"}, "error 2:1: undefined: totl"},
		{"misspelled package member", []string{"sess := rnn.NewSesion()"}, "error 1:13: undefined: rnn.NewSesion"},
		{"ambiguous package name", []string{"x := 1\nrand.Float64()"},
			"error 2:1: undefined: rand (2 packages are named rand: import one of \"math/rand\", \"math/rand/v2\")"},
		{"the names a cell uses decide", []string{"rand.Intn(1)"}, "0"},
		{"a declaration cell run again", []string{"type P struct{ X int }\nfunc (p P) Get() int { return p.X }", "p := P{2}", "type P struct{ X int }\nfunc (p P) Get() int { return p.X }", "func get(q P) int { return q.Get() }\nget(p)"}, "2"},
		{"methods in a later cell", []string{"type P struct{ x int }", "func (p P) Twice() int { return 2 * p.x }", "P{3}.Twice()"}, "6"},
		{"misused method of a later cell", []string{"type P struct{ x int }", "func (p P) Twice() int { return 2 * p.x }", "var s string = P{3}.Twice()"},
			"error 1:16: cannot use P{…}.Twice() (value of type int) as string value in variable declaration"},
		{"dot import", []string{"import . \"strings\"", "ToUpper(\"a\")"}, "A"},
		{"what the checker cannot follow still runs", []string{"type G[T any] struct{ v T }", "func (g G[T]) Get() T { return g.v }", "G[int]{4}.Get()"}, "4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// gornn's packages, as the binaries preload them.
			s := newSession(t, Options{Packages: symbols.Symbols})
			r := run(t, s, tt.cells...)
			got := text(r)
			if r.Err != nil {
				got = fmt.Sprintf("error %d:%d: %s", r.Err.Line, r.Err.Column, r.Err.Message)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestRefusedCellChangesNothing checks that a cell with Go errors does not
// run, and that the names it would have redefined keep their definitions.
func TestRefusedCellChangesNothing(t *testing.T) {
	s := newSession(t, Options{})
	run(t, s, "x := 1\nran := false")
	if r := run(t, s, "ran = true\nx := \"a\"\nvar n int = x"); r.Err == nil {
		t.Fatal("the cell ran")
	}
	if r := run(t, s, "x + 1"); text(r) != "2" {
		t.Errorf("x + 1 = %s (%v)", text(r), r.Err)
	}
	if r := run(t, s, "ran"); text(r) != "false" {
		t.Errorf("ran = %s: the refused cell ran", text(r))
	}
}

// TestGoErrorTraceback checks that a checked error quotes the cell's line
// with a caret under Go's column.
func TestGoErrorTraceback(t *testing.T) {
	s := newSession(t, Options{})
	r := run(t, s, "t0 := time.Now()\nvar label string = t0\nvar n int = \"x\"")
	if r.Err == nil {
		t.Fatal("no error")
	}
	want := []string{
		"cell:2:20: cannot use t0 (variable of struct type time.Time) as string value in variable declaration",
		"    var label string = t0",
		"                       ^",
		"cell:3:13: cannot use \"x\" (untyped string constant) as int value in variable declaration",
	}
	if r.Err.Name != "CompileError" || strings.Join(r.Err.Traceback, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n%s\nwant\n%s", r.Err.Name, strings.Join(r.Err.Traceback, "\n"), strings.Join(want, "\n"))
	}
}
