package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestBundledNotebookQuick runs notebooks/mnist_rnn.ipynb in quick mode,
// the way CI does without Jupyter, and checks the executed notebook.
func TestBundledNotebookQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a network; left out by -short")
	}
	dir := t.TempDir()
	src, err := filepath.Abs("../../notebooks/mnist_rnn.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	r := runBinary(t, dir, "", "-quick", src, "-o", "out.ipynb", "-out", "images")
	if r.status != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s\nstdout:\n%s", r.status, r.stderr, r.stdout)
	}
	out := filepath.Join(dir, "out.ipynb")
	// Last, since it skips the test where Python lacks nbformat.
	defer validateNotebook(t, out)
	nb := readExecuted(t, out)
	code, images := 0, 0
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		code++
		if got := count(c.ExecutionCount); got != fmt.Sprint(code) {
			t.Errorf("cell %d execution_count = %s, want %d", i, got, code)
		}
		for _, o := range c.Outputs {
			if o.Type == "error" {
				t.Errorf("cell %d failed: %s\n%s", i, o.EName, strings.Join(o.Traceback, "\n"))
			}
			if o.Data["image/png"] != nil {
				images++
			}
		}
	}
	// Learning curves, predicted digits, confusion matrix, LSTM activations.
	if images < 4 {
		t.Errorf("the executed notebook holds %d images, want at least 4", images)
	}
	files, err := filepath.Glob(filepath.Join(dir, "images", "*.png"))
	if err != nil || len(files) < 4 {
		t.Errorf("image files written: %v (%v), want at least 4", files, err)
	}
	if !strings.Contains(r.stdout, filepath.Join("images", "mnist_rnn-cell")) {
		t.Errorf("the image paths are not printed:\n%s", r.stdout)
	}
}
