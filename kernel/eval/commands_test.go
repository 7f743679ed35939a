package eval

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/magic"
)

// TestCommandsInCells runs notebook commands mixed with Go, as a user
// types them: each check is the value of the last cell, or its error.
func TestCommandsInCells(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"a command line and Go in one cell", []string{"%time x := 6\nx * 7"}, "42"},
		{"a cell timed as a whole", []string{"%%time\ny := 2\ny + 1"}, "3"},
		{"the Go after a command keeps its line", []string{"%who\nundefinedName"}, "error CompileError 2:1: undefined: undefinedName"},
		{"%env reaches os.Getenv in cells", []string{"%env GORNN_EVAL_TEST=on", `import "os"`, `os.Getenv("GORNN_EVAL_TEST")`}, "on"},
		{"%timeit runs the statement", []string{"n := 0", "%timeit -n 5 n++", "n"}, "5"},
		{"%reset forgets", []string{"z := 1", "%reset", "z"}, "error CompileError 1:1: undefined: z"},
		{"an unknown command", []string{"x := 1\n%nosuch"}, "error CommandError 2:0: unknown command %nosuch (%help lists the commands)"},
		{"an error in a timed statement is the cell's", []string{"%time undefinedName"}, "error CompileError 1:1: undefined: undefinedName"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, tt.cells...)
			got := text(r)
			if r.Err != nil {
				got = "error " + r.Err.Name + " " + strconv.Itoa(r.Err.Line) + ":" + strconv.Itoa(r.Err.Column) + ": " + r.Err.Message
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHelpGoesToThePager(t *testing.T) {
	var pages []string
	s := newSession(t, Options{Page: func(text string) { pages = append(pages, text) }})
	r := run(t, s, "// Twice doubles n.\nfunc Twice(n int) int { return 2 * n }", "Twice?")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if len(pages) != 1 || !strings.Contains(pages[0], "Twice") {
		t.Errorf("pages = %q, want one documenting Twice", pages)
	}
	r = run(t, s, "Nothing?")
	if r.Err == nil || !strings.Contains(r.Err.Message, "no documentation found for Nothing") {
		t.Errorf("err = %v, want no documentation found", r.Err)
	}
}

func TestWhoListsTheSessionsNames(t *testing.T) {
	s := newSession(t, Options{})
	run(t, s, "count := 3", "func double(n int) int { return 2 * n }", "type point struct{ x, y int }", `import "strings"`)
	got := map[string]magic.Binding{}
	for _, b := range (commandHost{s}).Names() {
		got[b.Name] = b
	}
	for name, kind := range map[string]string{"count": "var", "double": "func", "point": "type", "strings": "pkg"} {
		if got[name].Kind != kind {
			t.Errorf("%s: %+v, want kind %s (all: %v)", name, got[name], kind, got)
		}
	}
	if got["count"].Type != "int" {
		t.Errorf("count's type is %q, want int", got["count"].Type)
	}
	for name := range got {
		if strings.HasPrefix(name, "gornn") || strings.HasPrefix(name, "_") {
			t.Errorf("%%who shows the session's own helper %s", name)
		}
	}
}

func TestCommandInterrupt(t *testing.T) {
	s := newSession(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := s.Execute(ctx, "!sleep 5")
	if r.Err == nil || r.Err.Name != "Interrupted" {
		t.Errorf("err = %v, want Interrupted", r.Err)
	}
}
