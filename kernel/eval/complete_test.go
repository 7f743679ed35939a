package eval

import (
	"strings"
	"testing"
)

func TestComplete(t *testing.T) {
	s := newSession(t, Options{})
	run(t, s,
		"import (\n\t\"fmt\"\n\t\"strings\"\n\t\"github.com/gornn/gornn/rnn\"\n)",
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
		{"preloaded package", "rnn.MatM", -1, []string{"MatMul"}, 4, 8},
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
		{"import path", "import \"gonum.org/v1/gonum/ma", -1, []string{"gonum.org/v1/gonum/mat"}, 8, 29},
		{"import path in a block", "import (\n\t\"fmt\"\n\tplt \"gonum.org/v1/plot/plott\"\n)", 45, []string{"gonum.org/v1/plot/plotter"}, 22, 45},
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestInspect(t *testing.T) {
	s := newSession(t, Options{})
	run(t, s,
		"import (\n\t\"fmt\"\n\t\"github.com/gornn/gornn/rnn\"\n)",
		"answer := 42",
		"func add(a, b int) int { return a + b }",
		"type Pair struct{ A, B int }\nfunc (p *Pair) Swap() { p.A, p.B = p.B, p.A }\npr := &Pair{1, 2}",
		"import \"gonum.org/v1/gonum/mat\"\nm := mat.NewDense(2, 2, nil)",
	)
	tests := []struct {
		code   string
		cursor int
		want   string // "" means not found
	}{
		{"fmt.Println(1)", 6, "func Println(a ...any)"},
		{"fmt.Println(", 12, "Println formats"},
		{"rnn.MatMul(a, b)", 5, "func MatMul("},
		{"answer", 2, "var answer int\n\n42"},
		{"add(1, 2)", 1, "func add(a, b int) int"},
		{"Pair{}", 1, "type Pair struct{ A, B int }"},
		{"fmt", 1, "package fmt"},
		{"m.Mul(a, b)", 3, "func (m *Dense) Mul(a, b Matrix)"},
		{"m", 0, "var m *mat.Dense"},
		{"pr.Swap()", 4, "func (p *Pair) Swap()"},
		{"append(xs, 1)", 2, "func append(slice []Type, elems ...Type) []Type"},
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
