package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A program is cut, for the notebook way, into its declarations without
// the package clause and main, and main's body one tab less indented.
func TestCorpusCells(t *testing.T) {
	src := "// Command x.\npackage main\n\nimport \"fmt\"\n\n// main greets.\nfunc main() {\n\tfmt.Println(hi())\n\tif true {\n\t\tfmt.Println(2)\n\t}\n}\n\nfunc hi() string { return \"hi\" }\n"
	cells, err := corpusCells(src)
	if err != nil {
		t.Fatal(err)
	}
	if got := cells[wayCell]; len(got) != 1 || got[0] != src {
		t.Errorf("one cell = %q, want the file", got)
	}
	nb := cells[wayNotebook]
	if len(nb) != 2 {
		t.Fatalf("notebook cells = %q, want 2", nb)
	}
	wantDecls := "// Command x.\n            \n\nimport \"fmt\"\n\n\n\nfunc hi() string { return \"hi\" }\n"
	if nb[0] != wantDecls {
		t.Errorf("declarations = %q, want %q", nb[0], wantDecls)
	}
	if want := "fmt.Println(hi())\nif true {\n\tfmt.Println(2)\n}\n"; nb[1] != want {
		t.Errorf("main's body = %q, want %q", nb[1], want)
	}
	if _, err := corpusCells("package main\n\nfunc helper() {}\n"); err == nil {
		t.Error("a file without func main was accepted")
	}
}

func TestReadKnownFailures(t *testing.T) {
	programs := map[string]bool{"maps/sets": true}
	tests := []struct {
		name, text, err string
		want            int
	}{
		{"good", "# comment\n\nmaps/sets cell a reason in words\nmaps/sets notebook another one\n", "", 2},
		{"no reason", "maps/sets cell\n", "want \"CATEGORY/NAME WAY REASON\"", 0},
		{"unknown program", "maps/nope cell reason\n", "no program maps/nope", 0},
		{"unknown way", "maps/sets repl reason\n", "way \"repl\"", 0},
		{"twice", "maps/sets cell one\nmaps/sets cell two\n", "already listed on line 1", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "KNOWN_FAILURES")
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			known, err := readKnownFailures(path, programs)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil || len(known) != tt.want {
				t.Fatalf("got %d entries, %v; want %d", len(known), err, tt.want)
			}
			if k := known[[2]string{"maps/sets", wayCell}]; k.reason != "a reason in words" || k.line != 3 {
				t.Errorf("entry = %+v", k)
			}
		})
	}
}
