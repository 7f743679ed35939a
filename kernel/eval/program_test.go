package eval

import (
	"context"
	"strings"
	"testing"
)

func TestStripPackageClause(t *testing.T) {
	tests := []struct {
		name, in, want string
		program        bool
	}{
		{"plain cell", "x := 1\nx", "x := 1\nx", false},
		{"package clause", "package main\n\nvar x = 1\n", "            \n\nvar x = 1\n", true},
		{"after comments", "// Command x.\npackage main // the program\nvar a = 1\n", "// Command x.\n             // the program\nvar a = 1\n", true},
		{"package as a word later", "x := 1\n// package main\n", "x := 1\n// package main\n", false},
		{"incomplete clause", "package\n", "package\n", false},
		{"clause over lines", "package /* é\n */ main\nx := 1", "             \n        \nx := 1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, program := stripPackageClause(tt.in)
			if got != tt.want || program != tt.program {
				t.Errorf("stripPackageClause(%q) = %q, %v; want %q, %v", tt.in, got, program, tt.want, tt.program)
			}
		})
	}
}

func FuzzStripPackageClause(f *testing.F) {
	f.Add("package main\nfunc main() {}\n")
	f.Add("/* c */ package p; var x = 1")
	f.Add("x := `package`")
	f.Fuzz(func(t *testing.T, code string) {
		got, _ := stripPackageClause(code)
		if len(got) != len(code) {
			t.Fatalf("stripPackageClause changed the length: %d -> %d", len(code), len(got))
		}
		for i := range len(code) {
			if got[i] != code[i] && got[i] != ' ' {
				t.Fatalf("stripPackageClause changed byte %d of %q to %q instead of blanking it", i, code, got[i])
			}
		}
	})
}

// A Go file run as a cell reports a panic at the file's lines, in its
// own func main, without the call the session adds.
func TestProgramPanicTraceback(t *testing.T) {
	tests := []struct {
		name      string
		prog      string
		line, col int
		frames    []string
	}{
		{"in main", "package main\n\nfunc main() {\n\tpanic(\"boom\")\n}\n", 4, 2, []string{"main.main(...)", "\tcell:4:2\tpanic(\"boom\")"}},
		{"in a helper", "package main\n\nfunc helper(xs []int) int {\n\treturn xs[3]\n}\n\nfunc main() {\n\thelper(nil)\n}\n",
			4, 2, []string{"main.helper(...)", "\tcell:4:2\treturn xs[3]", "main.main(...)", "\tcell:8:2\thelper(nil)"}},
		{"in a closure of main", "package main\n\nfunc main() {\n\tf := func() {\n\t\tpanic(\"inner\")\n\t}\n\tf()\n}\n",
			5, 3, []string{"main.main.func(...)", "\tcell:5:3\tpanic(\"inner\")", "main.main(...)", "\tcell:7:2\tf()"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := s.Execute(context.Background(), tt.prog)
			if r.Err == nil || r.Err.Name != "Panic" {
				t.Fatalf("Execute = %+v, want a panic", r.Err)
			}
			if r.Err.Line != tt.line || r.Err.Column != tt.col {
				t.Errorf("panic at %d:%d, want %d:%d\n%s", r.Err.Line, r.Err.Column, tt.line, tt.col, strings.Join(r.Err.Traceback, "\n"))
			}
			var frames []string
			for _, l := range r.Err.Traceback {
				if strings.HasPrefix(l, "main.") || strings.HasPrefix(l, "\t") {
					frames = append(frames, l)
				}
				if strings.Contains(l, mainName) {
					t.Errorf("the traceback shows the session's renaming: %q", l)
				}
			}
			if strings.Join(frames, "\n") != strings.Join(tt.frames, "\n") {
				t.Errorf("frames\n%s\nwant\n%s", strings.Join(frames, "\n"), strings.Join(tt.frames, "\n"))
			}
		})
	}
}
