package gocheck

import (
	"go/types"
	"slices"
	"strings"
	"testing"
)

func TestAutoImport(t *testing.T) {
	tests := []struct {
		name    string
		cells   []step
		imports []string // paths added by the cells, in order
	}{
		{"time", []step{{"t0 := time.Now()", ""}, {"time.Since(t0).Seconds()", ""}}, []string{"time"}},
		{"rnn", []step{{"sess := rnn.NewSession()\nsess", ""}}, []string{"github.com/gornn/gornn/rnn"}},
		{"misuse after import", []step{{"t0 := time.Now()\nvar s string = t0", "2:16: cannot use t0 (variable of struct type time.Time) as string value in variable declaration"}}, []string{"time"}},
		{"ambiguous", []step{{"x := 2\nf := rand.Float64()", "2:6: undefined: rand (2 packages are named rand: import one of \"math/rand\", \"math/rand/v2\")"}}, nil},
		{"explicit alias", []step{{"import input_data \"github.com/gornn/gornn/rnn/mnist\"\nds, err := input_data.ReadDataSets(\"\", true)", ""}}, nil},
		{"explicit import wins", []step{{"import r \"crypto/rand\"\nr.Read(nil)", ""}, {"rand.Intn(3)", ""}}, []string{"math/rand"}},
		{"local shadows", []step{{"strings := []string{\"a\"}\nstrings.Join(strings, \",\")", "2:9: strings.Join undefined (type []string has no field or method Join)"}}, nil},
		{"earlier cell shadows", []step{{"fmt := 3", ""}, {"fmt.Println()", "1:5: fmt.Println undefined (type int has no field or method Println)"}}, nil},
		{"imports stay after an error", []step{{"fmt.Println(1)\nvar s string = 1", "2:16: cannot use 1 (untyped int constant) as string value in variable declaration"}, {"fmt.Println(2)", ""}}, []string{"fmt"}},
		{"a refused cell's imports stay", []step{{"import input_data \"github.com/gornn/gornn/rnn/mnist\"\nvar s string = 1", "2:16: cannot use 1 (untyped int constant) as string value in variable declaration"}, {"f := input_data.ReadDataSets\nf", ""}}, nil},
		{"imports of a cell the checker cannot follow stay", []step{
			{"type P[T any] struct{}", ""},
			{"func (P[T]) M() {}", "?"},
			{"import r \"math/rand\"\nvar p P[int]\nfmt.Println(p)", "?"},
			{"r.Intn(2) + 1", ""},
		}, []string{"fmt"}},
		{"several", []step{{"fmt.Println(strings.ToUpper(\"a\"), math.Pi)\nm := mat.NewDense(1, 1, nil)\nm", ""}}, []string{"fmt", "strings", "math", "gonum.org/v1/gonum/mat"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ForTables(kernelTables())
			var imports []string
			for i, s := range tt.cells {
				res := c.Check(s.cell, testParts(s.cell))
				if got := verdict(res); got != s.want {
					t.Fatalf("cell %d %q: got %q (%+v), want %q", i+1, s.cell, got, res, s.want)
				}
				for _, imp := range res.Imports {
					imports = append(imports, imp.Path)
				}
			}
			if !slices.Equal(imports, tt.imports) {
				t.Errorf("imports %q, want %q", imports, tt.imports)
			}
		})
	}
}

// FuzzCheck checks that any cell gets a verdict with positions inside
// the cell, and that a cell with errors leaves the Checker's names as
// they were, apart from the imports it added.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"x := 1\nx",
		"t0 := time.Now()\nvar s string = t0",
		"func f() (int, error) { return 0, nil }\nn := f()",
		"type T struct{ a int }\nfunc (t T) M() int { return t.a }\nT{1}.M()",
		"import \"fmt\"\nfmt.Println(\"a\"",
		"for i := range 3 {\n\tfmt.Println(i)\n}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c := ForTables(kernelTables())
		c.Check("x := 1\ntype T struct{ a int }", testParts("x := 1\ntype T struct{ a int }"))
		before := c.pkg.Scope().Names()
		res := c.Check(src, testParts(src))
		lines := strings.Count(src, "\n") + 1
		for _, e := range res.Errors {
			if e.Line < 0 || e.Line > lines || e.Column < 0 {
				t.Fatalf("error %+v outside the cell's %d lines", e, lines)
			}
		}
		if len(res.Errors) > 0 {
			imported := func(n string) bool {
				_, ok := c.pkg.Scope().Lookup(n).(*types.PkgName)
				return ok
			}
			before = slices.DeleteFunc(before, imported)
			after := slices.DeleteFunc(c.pkg.Scope().Names(), imported)
			if !slices.Equal(before, after) {
				t.Fatalf("names %q after a failed cell, %q before", after, before)
			}
		}
	})
}
