package repl

import (
	"strings"
	"testing"
)

func TestAsCell(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain cell", "x := 1\nx", "x := 1\nx"},
		{"package clause", "package main\n\nvar x = 1\n", "            \n\nvar x = 1\n"},
		{"func main renamed", "package main\n\nfunc main() {}\n", "            \n\nfunc fileMain() {}\n"},
		{"main in a cell is left to the core", "func main() {}\n", "func main() {}\n"},
		{"a method main stays", "package p\ntype T int\nfunc (T) main() {}\n", "         \ntype T int\nfunc (T) main() {}\n"},
		{"after comments", "// Command x.\npackage main // the program\nvar a = 1\n", "// Command x.\n             // the program\nvar a = 1\n"},
		{"package as a word later", "x := 1\n// package main\n", "x := 1\n// package main\n"},
		{"incomplete clause", "package\n", "package\n"},
		{"clause over lines", "package /* é\n */ main\nx := 1", "             \n        \nx := 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := asCell(tt.in).code; got != tt.want {
				t.Errorf("asCell(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzAsCell(f *testing.F) {
	f.Add("package main\nfunc main() {}\n")
	f.Add("/* c */ package p; var x = 1")
	f.Add("x := `package`")
	f.Fuzz(func(t *testing.T, code string) {
		prog := asCell(code)
		got := prog.code
		if prog.hasMain {
			// Only the renaming changes the length.
			if len(got) != len(code)+len(mainName)-len("main") {
				t.Fatalf("asCell(%q) = %q: the length changed by more than the renaming", code, got)
			}
			return
		}
		if len(got) != len(code) {
			t.Fatalf("asCell changed the length: %d -> %d", len(code), len(got))
		}
		if strings.Count(got, "\n") != strings.Count(code, "\n") {
			t.Fatalf("asCell changed the lines of %q", code)
		}
		for i := range len(code) {
			if got[i] != code[i] && got[i] != ' ' {
				t.Fatalf("asCell changed byte %d of %q to %q instead of blanking it", i, code, got[i])
			}
		}
	})
}
