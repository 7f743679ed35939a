package gocheck

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/traefik/yaegi/stdlib"

	"github.com/gornn/gornn/kernel/symbols"
)

var (
	tablesOnce sync.Once
	allTables  Tables
)

// kernelTables returns the symbol tables the kernel loads.
func kernelTables() Tables {
	tablesOnce.Do(func() {
		allTables = Tables{}
		for _, t := range []Tables{stdlib.Symbols, symbols.Symbols} {
			for k, v := range t {
				allTables[k] = v
			}
		}
	})
	return allTables
}

// newChecker returns a Checker without imports that add themselves, to
// test the checking on its own.
func newChecker() *Checker {
	imp := NewTableImporter(kernelTables())
	return New(Options{Importer: imp, MayLack: func(path, _ string) bool { return imp.Has(path) }})
}

// testParts cuts a test cell into parts the way the kernel does for the
// gofmt-formatted cells of these tests: a line that is not blank starts a
// new part when every bracket before it is closed; import, type and
// func NAME are declarations, var and const too until the first
// statement.
func testParts(src string) []Part {
	var parts []Part
	off, depth, sawStmt := 0, 0, false
	for _, line := range strings.SplitAfter(src, "\n") {
		t := strings.TrimRight(line, "\n")
		switch {
		case depth > 0 && len(parts) > 0, strings.TrimSpace(t) == "" && len(parts) > 0:
			parts[len(parts)-1].End = off + len(t)
		case strings.TrimSpace(t) != "":
			k := Stmt
			switch {
			case strings.HasPrefix(t, "import"):
				k = Import
			case strings.HasPrefix(t, "type "), strings.HasPrefix(t, "func ") && !strings.HasPrefix(t, "func("):
				k = Decl
			case (strings.HasPrefix(t, "var ") || strings.HasPrefix(t, "const ")) && !sawStmt:
				k = Decl
			}
			if k == Stmt {
				sawStmt = true
			}
			parts = append(parts, Part{Kind: k, Start: off, End: off + len(t)})
		}
		depth += strings.Count(t, "{") + strings.Count(t, "(") + strings.Count(t, "[") -
			strings.Count(t, "}") - strings.Count(t, ")") - strings.Count(t, "]")
		off += len(line)
	}
	return parts
}

// step is one cell and what checking it gives: "" for no error,
// "?" for undecided, or the first error as "L:C: msg".
type step struct {
	cell, want string
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		cells []step
	}{
		{"missing import", []step{{"t0 := time.Now()", "1:7: undefined: time"}}},
		{"import then use", []step{{"import \"time\"\nt0 := time.Now()\nt0", ""}}},
		{"import persists", []step{{"import \"time\"", ""}, {"t0 := time.Now()", ""}, {"d := time.Since(t0)\nd.Seconds()", ""}}},
		{"assignment type", []step{{"x := 1\nvar s string\ns = x", "3:5: cannot use x (variable of type int) as string value in assignment"}}},
		{"two results as one", []step{
			{"import \"strconv\"\nn := strconv.Atoi(\"3\")", "2:6: assignment mismatch: 1 variable but strconv.Atoi returns 2 values"},
		}},
		{"unused is fine", []step{{"x := 1\nfunc f() { y := 2 }\nimport \"os\"", ""}}},
		{"trailing expression", []step{{"x := 1\nx", ""}, {"x\nx", "1:1: x (variable of type int) is not used"}}},
		{"globals persist", []step{{"x := 1", ""}, {"y := x + 1\nvar s string = y", "2:16: cannot use y (variable of type int) as string value in variable declaration"}}},
		{"redefine func", []step{{"func f() int { return 1 }", ""}, {"func f() string { return \"a\" }", ""}, {"var s string = f()", ""}}},
		{"redefine var with new type", []step{{"x := 1", ""}, {"x := \"a\"", ""}, {"x + \"b\"", ""}}},
		{"failed cell changes nothing", []step{{"func f() int { return 1 }", ""}, {"func f() string { return 1 }", "1:26: cannot use 1 (untyped int constant) as string value in return statement"}, {"f() + 1", ""}}},
		{"types and methods", []step{
			{"type P struct{ x, y float64 }\nfunc (p P) Norm() float64 { return p.x*p.x + p.y*p.y }", ""},
			{"p := P{3, 4}\np.Norm()", ""},
			{"p.x = \"a\"", "1:7: cannot use \"a\" (untyped string constant) as float64 value in assignment"},
		}},
		{"methods added to a type of an earlier cell", []step{
			{"import \"fmt\"\ntype P struct{ x float64 }\np := P{1}", ""},
			{"func (p P) Double() float64 { return 2 * p.x }", ""},
			{"p.Double()", ""},
			{"var s string = p.Double()", "1:16: cannot use p.Double() (value of type float64) as string value in variable declaration"},
			{"func (q *P) Scale(k float64) { q.x *= k }\np.Scale(2)\np.Double()", ""},
			{"func (P) String() string { return \"P\" }", ""},
			{"var st fmt.Stringer = p\nvar sp fmt.Stringer = &p\nst.String() + sp.String()", ""},
			{"func (p P) Bad() int { return p.y }", "1:33: p.y undefined (type P has no field or method y)"},
			{"p.Bad()", "1:3: p.Bad undefined (type P has no field or method Bad)"},
			{"func (p P) Worse() int { return \"s\" }\np.Worse()", "1:33: cannot use \"s\" (untyped string constant) as int value in return statement"},
			{"p.Double()", "?"},
			{"q := 1\nq", ""},
		}},
		{"a method of a generic type of an earlier cell is left to the interpreter", []step{
			{"type G[T any] struct{ v T }\ng := G[int]{1}", ""},
			{"func (g G[T]) Get() T { return g.v }", "?"},
			{"g.Get()", "?"},
		}},
		{"dot import", []step{
			{"import . \"strings\"", ""},
			{"ToUpper(\"a\")", ""},
			{"var n int = ToUpper(\"a\")", "1:13: cannot use ToUpper(\"a\") (value of type string) as int value in variable declaration"},
			{"nosuch()", "?"},
		}},
		{"a declaration cell run again keeps its type", []step{
			{"type Q struct{ A int }\nfunc (q Q) Get() int { return q.A }", ""},
			{"q := Q{1}", ""},
			{"type Q struct{ A int }\nfunc (q Q) Get() int {\n\treturn q.A\n}\nfunc twice(q Q) int { return 2 * q.Get() }", ""},
			{"var r Q = q\ntwice(r) + r.Get()", ""},
			{"type Q struct{ A int }\nfunc (q Q) Get() int { return -q.A }", "?"},
		}},
		{"a type declared anew is a new type", []step{
			{"type Q struct{ A int }\nq := Q{1}", ""},
			{"type Q struct{ A, B int }\nvar r Q = q", "2:11: cannot use q (variable of struct type Q) as Q value in variable declaration"},
		}},
		{"statements then declarations", []step{{"x := 5\nfunc f() int { return x }\nf()", ""}}},
		{"preloaded packages", []step{
			{"import \"github.com/gornn/gornn/rnn\"\nsess := rnn.NewSession()\nx := rnn.Placeholder(rnn.Float32, rnn.None, 28, 28)\nsess", ""},
			{"var n int = x", "1:13: cannot use x (variable of type *rnn.Node) as int value in variable declaration"},
		}},
		{"gonum", []step{{"import \"gonum.org/v1/gonum/mat\"\nm := mat.NewDense(2, 2, nil)\nr, c := m.Dims()\nr + c", ""}}},
		{"missing generic is undecided", []step{{"import \"slices\"\nxs := []int{3, 1}\nslices.Sort(xs)", "?"}}},
		{"typed constants", []step{{"import \"time\"\nvar d time.Duration = 2 * time.Second\nvar i int = time.Second", "3:13: cannot use time.Second (constant 1000000000 of int64 type time.Duration) as int value in variable declaration"}}},
		{"interfaces", []step{{"import (\n\t\"fmt\"\n\t\"os\"\n\t\"io\"\n)\nvar w io.Writer = os.Stdout\nfmt.Fprintln(w, 1)\nvar e error = fmt.Errorf(\"x\")\ne.Error()", ""}}},
		{"cell types satisfy interfaces", []step{{"import \"fmt\"\ntype T struct{}\nfunc (T) String() string { return \"t\" }\nvar s fmt.Stringer = T{}", ""}}},
		{"builtins of recent Go", []step{{"n := min(3, 4)\nfor i := range n {\n\t_ = i\n}\nm := map[int]int{}\nclear(m)", ""}}},
		{"generic function in a cell", []step{{"func Map[T, U any](xs []T, f func(T) U) []U { return nil }\nys := Map([]int{1}, func(i int) string { return \"\" })\nvar s []string = ys", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChecker()
			for i, s := range tt.cells {
				res := c.Check(s.cell, testParts(s.cell))
				if got := verdict(res); got != s.want {
					t.Fatalf("cell %d %q: got %q (%+v), want %q", i+1, s.cell, got, res, s.want)
				}
			}
		})
	}
}

// verdict renders a Result as steps want it.
func verdict(res Result) string {
	switch {
	case res.Undecided != "":
		return "?"
	case len(res.Errors) > 0:
		e := res.Errors[0]
		return strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column) + ": " + e.Msg
	}
	return ""
}
