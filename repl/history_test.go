package repl

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestHistoryPath(t *testing.T) {
	home := t.TempDir()
	tests := []struct {
		name, xdg, want string
	}{
		{"XDG_DATA_HOME", "/data", "/data/gornn/repl_history"},
		{"default", "", filepath.Join(home, ".local/share/gornn/repl_history")},
		{"relative XDG_DATA_HOME is ignored", "rel/data", filepath.Join(home, ".local/share/gornn/repl_history")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("HOME", home)
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			got, err := HistoryPath()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("HistoryPath() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHistoryEntries(t *testing.T) {
	tests := []struct {
		name, cell, line string
		lines            []string // what the line reads back as
	}{
		{"one line is unchanged", "x := 1", "x := 1", []string{"x := 1"}},
		{"a cell of several lines is one line",
			"func f() {\n\n\treturn\n}", "func f() {↵↵\treturn↵}", []string{"func f() {", "", "\treturn", "}"}},
		{"CRLF", "a\r\nb", "a↵b", []string{"a", "b"}},
		{"the sign in a string keeps its meaning", `s := "↵"` + "\nlen(s)", `s := "\u21b5"↵len(s)`, []string{`s := "\u21b5"`, "len(s)"}},
		{"a colon command", ":doc fmt.Println", ":doc fmt.Println", []string{":doc fmt.Println"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line := encodeEntry(tt.cell)
			if line != tt.line {
				t.Errorf("encodeEntry(%q) = %q, want %q", tt.cell, line, tt.line)
			}
			if strings.ContainsAny(line, "\r\n") {
				t.Errorf("encodeEntry(%q) = %q spans lines", tt.cell, line)
			}
			if got := decodeEntry(line); !equalStrings(got, tt.lines) {
				t.Errorf("decodeEntry(%q) = %q, want %q", line, got, tt.lines)
			}
		})
	}
}

// Lines of a history file written before cells of several lines were kept
// whole read back as they were.
func TestOldHistoryLines(t *testing.T) {
	for _, line := range []string{"totalApples := addUp(20000, 3456)", "}", "", `fmt.Println("a\nb")`} {
		if got := decodeEntry(line); len(got) != 1 || got[0] != line {
			t.Errorf("decodeEntry(%q) = %q", line, got)
		}
	}
}
