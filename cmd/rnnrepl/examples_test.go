package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestExampleNotebooksQuick runs each notebook of notebooks/examples (the
// TensorFlow-Examples programs in Go) in quick mode and fails if a cell
// fails.
func TestExampleNotebooksQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("trains networks; left out by -short")
	}
	notebooks, err := filepath.Glob("../../notebooks/examples/*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(notebooks) == 0 {
		t.Fatal("no notebooks in notebooks/examples")
	}
	for _, nb := range notebooks {
		name := strings.TrimSuffix(filepath.Base(nb), ".ipynb")
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			src, err := filepath.Abs(nb)
			if err != nil {
				t.Fatal(err)
			}
			r := runBinary(t, dir, "", "-quick", src, "-o", "out.ipynb", "-out", "images")
			if r.status != 0 {
				t.Fatalf("exit status %d\nstderr:\n%s\nstdout:\n%s", r.status, r.stderr, r.stdout)
			}
			out := filepath.Join(dir, "out.ipynb")
			defer validateNotebook(t, out)
			for i, c := range readExecuted(t, out).Cells {
				for _, o := range c.Outputs {
					if o.Type == "error" {
						t.Errorf("cell %d failed: %s\n%s", i, o.EName, strings.Join(o.Traceback, "\n"))
					}
				}
			}
		})
	}
}
