package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A panic in a function an earlier cell declared is reported, on stderr
// and in the executed notebook, at the failing statement of that cell and
// at the call in the cell that ran, with Go's text.
func TestNotebookRuntimeError(t *testing.T) {
	dir := t.TempDir()
	writeNotebook(t, filepath.Join(dir, "r.ipynb"),
		"func lookup(m map[string]int, k string) {\n\tn := len(m)\n\tm[k] = n\n}",
		"var m map[string]int\nlookup(m, \"a\")",
	)
	r := runBinary(t, dir, "", "r.ipynb", "-o", "r-out.ipynb")
	if want := "cell 2, line 2:1: Panic: assignment to entry in nil map"; r.status != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("status %d, stderr %q: want status 1 and %q", r.status, r.stderr, want)
	}
	if n := strings.Count(r.stderr, "assignment to entry in nil map"); n != 1 {
		t.Errorf("stderr names the error %d times, want once:\n%s", n, r.stderr)
	}
	nb := readExecuted(t, filepath.Join(dir, "r-out.ipynb"))
	o := nb.Cells[1].Outputs
	if len(o) != 1 || o[0].Type != "error" || o[0].EName != "Panic" {
		t.Fatalf("cell 2 outputs = %+v, want a Panic", o)
	}
	want := []string{
		"panic: assignment to entry in nil map",
		"",
		"goroutine 1 [running]:",
		"main.lookup(...)",
		"\tIn [1]:3:2\tm[k] = n",
		"main.main()",
		"\tcell:2:1\tlookup(m, \"a\")",
		"cell:2:1: assignment to entry in nil map",
		"    lookup(m, \"a\")",
		"    ^",
	}
	if got := o[0].Traceback; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("traceback\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
