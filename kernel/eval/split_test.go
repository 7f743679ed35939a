package eval

import (
	"go/token"
	"strings"
	"testing"
)

func TestSplitCell(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // kind:text of each chunk
	}{
		{"empty", "", nil},
		{"comment only", "// nothing\n/* here */", nil},
		{"expression", "1 + 2", []string{"stmt:1 + 2"}},
		{"import then statement", "import \"fmt\"\nfmt.Println(1)", []string{"import:import \"fmt\"", "stmt:fmt.Println(1)"}},
		{"grouped import", "import (\n\t\"fmt\"\n\t\"os\"\n)", []string{"import:import (\n\t\"fmt\"\n\t\"os\"\n)"}},
		{"func decl", "func f() int {\n\treturn 1\n}\nf()", []string{"decl:func f() int {\n\treturn 1\n}", "stmt:f()"}},
		{"method decl", "func (t T) M() {}", []string{"decl:func (t T) M() {}"}},
		{"pointer method", "func (t *T) M(x int) {}", []string{"decl:func (t *T) M(x int) {}"}},
		{"func literal call", "func() { println(1) }()", []string{"stmt:func() { println(1) }()"}},
		{"func literal with results", "func(x int) (int, error) { return x, nil }(1)", []string{"stmt:func(x int) (int, error) { return x, nil }(1)"}},
		{"type and var", "type T struct{ A int }\nvar v = T{1}", []string{"decl:type T struct{ A int }", "decl:var v = T{1}"}},
		{"var after statement stays a statement", "x := 1\nvar y = x", []string{"stmt:x := 1", "stmt:var y = x"}},
		{"semicolons", "a := 1; b := 2", []string{"stmt:a := 1", "stmt:b := 2"}},
		{"for clauses", "for i := 0; i < 3; i++ {\n}\nx", []string{"stmt:for i := 0; i < 3; i++ {\n}", "stmt:x"}},
		{"if with init", "if v, ok := m[1]; ok {\n} else {\n}", []string{"stmt:if v, ok := m[1]; ok {\n} else {\n}"}},
		{"switch with init", "switch x := f(); x {\ncase 1:\n}", []string{"stmt:switch x := f(); x {\ncase 1:\n}"}},
		{"multi-line call", "f(1,\n\t2)", []string{"stmt:f(1,\n\t2)"}},
		{"comments between", "a := 1 // one\n// two\nb := 2", []string{"stmt:a := 1", "stmt:b := 2"}},
		{"labelled loop", "outer:\nfor {\n\tbreak outer\n}", []string{"stmt:outer:\nfor {\n\tbreak outer\n}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chunks, err := splitCell(tt.src)
			if err != nil {
				t.Fatalf("splitCell(%q): %v", tt.src, err)
			}
			var got []string
			for _, c := range chunks {
				got = append(got, c.Kind.String()+":"+tt.src[c.Start:c.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("splitCell(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestSplitCellErrors(t *testing.T) {
	tests := []struct {
		src    string
		offset int
	}{
		{"f(1, 2", 6},
		{"x := )", 5},
		{"a := [1}", 7},
		{"s := \"unterminated", 5},
	}
	for _, tt := range tests {
		_, err := splitCell(tt.src)
		se, ok := err.(*splitError)
		if !ok {
			t.Errorf("splitCell(%q) error = %v, want a *splitError", tt.src, err)
			continue
		}
		if se.Offset != tt.offset {
			t.Errorf("splitCell(%q) error at offset %d (%s), want %d", tt.src, se.Offset, se.Msg, tt.offset)
		}
	}
}

func FuzzSplitCell(f *testing.F) {
	for _, s := range []string{"", "import \"fmt\"\nfmt.Println(1)", "func f() {}\nf()", "for i := range 3 {}",
		"func (t T) M() {", "x := []int{1, 2}[0]", "go f(a, b...)", "/* unterminated", "\"\\x", "a := min(1, 2)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		chunks, _ := splitCell(src)
		last := 0
		for _, c := range chunks {
			if c.Start < last || c.End < c.Start || c.End > len(src) {
				t.Fatalf("chunk %+v out of order or range for %q", c, src)
			}
			last = c.End
		}
		// The whole pipeline up to the interpreter must not panic either.
		pieces, err := parseCell(token.NewFileSet(), src)
		if err == nil {
			applyEdits(src, rewriteCell(src, pieces, nil))
		}
	})
}
