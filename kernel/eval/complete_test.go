package eval

import (
	"reflect"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
)

func TestComplete(t *testing.T) {
	s := newSession(t, Options{Packages: testPackages})
	run(t, s,
		"import (\n\t\"fmt\"\n\t\"strings\"\n\t\"example.com/geom\"\n)",
		"type Point struct{ Alpha, Beta int }\nfunc (p Point) Norm1() int { return p.Alpha + p.Beta }\npt := Point{1, 2}",
		"sb := &strings.Builder{}",
		"myVariable := 1\nfunc myFunction() {}",
	)
	tests := []struct {
		name       string
		code       string
		cursor     int // -1: end of code
		want       []string
		start, end int
	}{
		{"package member", "fmt.Pr", -1, []string{"Print", "Printf", "Println"}, 4, 6},
		{"middle of a name", "fmt.Prinxx", 8, []string{"Print", "Printf", "Println"}, 4, 10},
		{"preloaded package", "geom.Di", -1, []string{"Dist"}, 5, 7},
		{"earlier cell names", "x := myV", -1, []string{"myVariable"}, 5, 8},
		{"earlier cell func", "myF", -1, []string{"myFunction"}, 0, 3},
		{"fields of a cell value", "pt.Al", -1, []string{"Alpha"}, 3, 5},
		{"methods of a cell value", "pt.No", -1, []string{"Norm1"}, 3, 5},
		{"methods of a compiled value", "sb.WriteS", -1, []string{"WriteString"}, 3, 9},
		{"keyword", "fo", -1, []string{"for"}, 0, 2},
		{"name declared earlier in the same cell", "localCount := 3\nlocalC", -1, []string{"localCount"}, 16, 22},
		{"builtin", "appe", -1, []string{"append"}, 0, 4},
		{"unicode before the name", "s := \"é\" + myVa", -1, []string{"myVariable"}, 12, 16},
		{"unknown operand", "nothing.X", -1, nil, 8, 9},
		{"import path", "import \"example.com/ge", -1, []string{"example.com/geom"}, 8, 22},
		{"import path in a block", "import (\n\t\"fmt\"\n\tg \"example.com/geom/pla\"\n)", 40, []string{"example.com/geom/plane"}, 20, 40},
		{"standard library path", "import \"encoding/js", -1, []string{"encoding/json"}, 8, 19},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cursor := tt.cursor
			if cursor < 0 {
				cursor = len(tt.code)
			}
			got, start, end := s.Complete(tt.code, cursor)
			for _, w := range tt.want {
				if !contains(got, w) {
					t.Errorf("Complete(%q, %d) = %v, missing %q", tt.code, cursor, got, w)
				}
			}
			if tt.want == nil && len(got) > 0 {
				t.Errorf("Complete(%q) = %v, want nothing", tt.code, got)
			}
			for _, g := range got {
				if strings.HasPrefix(g, "__gornn") {
					t.Errorf("internal name %q offered", g)
				}
			}
			if start != tt.start || end != tt.end {
				t.Errorf("Complete(%q) range = [%d, %d), want [%d, %d)", tt.code, start, end, tt.start, tt.end)
			}
		})
	}
}

// TestCompleteFields: after "v." a cell is offered the fields it can
// use, under the names it uses.
func TestCompleteFields(t *testing.T) {
	s := newSession(t, Options{})
	run(t, s,
		"import \"strings\"\nsb := &strings.Builder{}",
		"type counter struct{ hits int; Name string }\nct := counter{}",
	)
	tests := []struct {
		name         string
		code         string
		want, absent []string
	}{
		{"no unexported fields of another package", "sb.", []string{"String", "WriteString"}, []string{"addr", "buf"}},
		{"a cell's own unexported fields, as the cell named them", "ct.", []string{"hits", "Name"}, []string{"Xhits"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := s.Complete(tt.code, len(tt.code))
			for _, w := range tt.want {
				if !contains(got, w) {
					t.Errorf("Complete(%q) = %v, missing %q", tt.code, got, w)
				}
			}
			for _, a := range tt.absent {
				if contains(got, a) {
					t.Errorf("Complete(%q) = %v, offers %q", tt.code, got, a)
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestInspect(t *testing.T) {
	s := newSession(t, Options{Packages: testPackages, Doc: testDoc})
	run(t, s,
		"import (\n\t\"fmt\"\n\t\"example.com/geom\"\n)",
		"answer := 42",
		"func add(a, b int) int { return a + b }",
		"type Pair struct{ A, B int }\nfunc (p *Pair) Swap() { p.A, p.B = p.B, p.A }\npr := &Pair{1, 2}",
		"v := geom.NewVec(3, 4)",
	)
	tests := []struct {
		code   string
		cursor int
		want   string // "" means not found
	}{
		{"fmt.Println(1)", 6, "fmt.Println func(...interface {}) (int, error)"},
		{"fmt.Println(", 12, "fmt.Println func("},
		{"geom.Dist(a, b)", 6, "func Dist(a, b *Vec) float64\n\nDist is the distance"},
		{"geom.NewVec(1, 2)", 6, "geom.NewVec func(float64, float64) *eval.Vec"},
		{"answer", 2, "var answer int\n\n42"},
		{"add(1, 2)", 1, "func add(a, b int) int"},
		{"Pair{}", 1, "type Pair struct{ A, B int }"},
		{"fmt", 1, "package fmt"},
		{"v.Norm()", 3, "func (v *Vec) Norm() float64\n\nNorm is the length"},
		{"v.Scale(2)", 3, "func (eval.Vec) Scale("},
		{"v", 0, "var v *eval.Vec"},
		{"pr.Swap()", 4, "func (p *Pair) Swap()"},
		{"append(xs, 1)", 2, "func append(slice []Type, elems ...Type) []Type"},
		{"geom", 2, "package geom // import \"example.com/geom\"\n\nPackage geom is"},
		{"nosuchname", 3, ""},
		{"   ", 1, ""},
	}
	for _, tt := range tests {
		doc, found := s.Inspect(tt.code, tt.cursor)
		if tt.want == "" {
			if found {
				t.Errorf("Inspect(%q, %d) found %q, want nothing", tt.code, tt.cursor, doc)
			}
			continue
		}
		if !found || !strings.Contains(doc, tt.want) {
			t.Errorf("Inspect(%q, %d) = %q, %v; want it to contain %q", tt.code, tt.cursor, doc, found, tt.want)
		}
	}
}

// Vec is the type of the compiled test package example.com/geom.
type Vec struct{ X, Y float64 }

// Norm is the vector's length.
func (v *Vec) Norm() float64 { return v.X*v.X + v.Y*v.Y }

// Scale multiplies the vector by f.
func (v *Vec) Scale(f float64) { v.X, v.Y = v.X*f, v.Y*f }

// testPackages are compiled packages that a session preloads: the
// evaluation core knows no particular library.
var testPackages = interp.Exports{
	"example.com/geom/geom": {
		"Dist":   reflect.ValueOf(func(a, b *Vec) float64 { return 0 }),
		"NewVec": reflect.ValueOf(func(x, y float64) *Vec { return &Vec{x, y} }),
		"Vec":    reflect.ValueOf((*Vec)(nil)),
	},
	"example.com/geom/plane/plane": {
		"Origin": reflect.ValueOf(&Vec{}).Elem(),
	},
}

// testDoc documents testPackages (methods by the package path of their
// type, which for Vec is this one) and a builtin. The standard library
// has no documentation here: Inspect falls back to the symbol's type.
func testDoc(path, name string) (string, bool) {
	docs := map[[2]string]string{
		{"example.com/geom", ""}:                           "Package geom is plane geometry.",
		{"example.com/geom", "Dist"}:                       "func Dist(a, b *Vec) float64\n\nDist is the distance between a and b.",
		{"github.com/gornn/gornn/kernel/eval", "Vec.Norm"}: "func (v *Vec) Norm() float64\n\nNorm is the length of v.",
		{"builtin", "append"}:                              "func append(slice []Type, elems ...Type) []Type\n\nThe append built-in function appends elements.",
	}
	d, ok := docs[[2]string{path, name}]
	return d, ok
}
