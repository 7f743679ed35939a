package gocheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidPrograms checks that ordinary Go programs pass, the two ways a
// notebook holds them: the whole file as one cell, and its declarations
// in one cell with main's body in the next. The programs are .go.txt so
// that go vet and go build leave them alone.
func TestValidPrograms(t *testing.T) {
	files, err := filepath.Glob("testdata/programs/*.go.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no programs", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := strings.Replace(string(b), "package main", "            ", 1)
		t.Run(filepath.Base(f)+"/one cell", func(t *testing.T) {
			c := ForTables(kernelTables())
			if r := c.Check(src, testParts(src)); r.Undecided != "" || len(r.Errors) > 0 {
				t.Errorf("%+v", r)
			}
		})
		t.Run(filepath.Base(f)+"/declarations then main's body", func(t *testing.T) {
			start := strings.Index(src, "\nfunc main() {\n")
			end := strings.LastIndex(src, "\n}")
			decls := src[:start]
			var body []string
			for _, line := range strings.Split(src[start+len("\nfunc main() {\n"):end], "\n") {
				body = append(body, strings.TrimPrefix(line, "\t"))
			}
			c := ForTables(kernelTables())
			for _, cell := range []string{decls, strings.Join(body, "\n")} {
				if r := c.Check(cell, testParts(cell)); r.Undecided != "" || len(r.Errors) > 0 {
					t.Errorf("%+v\n%s", r, cell)
				}
			}
		})
	}
}
