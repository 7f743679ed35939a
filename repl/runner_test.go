package repl

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/preload"
)

// newTestRunner returns a runner writing to buffers and images to a
// temporary folder.
func newTestRunner(t *testing.T) (r *Runner, out, errOut *bytes.Buffer, images string) {
	t.Helper()
	out, errOut = &bytes.Buffer{}, &bytes.Buffer{}
	images = filepath.Join(t.TempDir(), "images")
	r, err := NewRunner(Config{Stdout: out, Stderr: errOut, OutDir: images, Preload: preload.Options}, true)
	if err != nil {
		t.Fatal(err)
	}
	return r, out, errOut, images
}

func TestRunNotebookShowsValuesAndImages(t *testing.T) {
	r, out, errOut, images := newTestRunner(t)
	nb := &Notebook{NBFormat: 4, Cells: []*Cell{
		{Type: "markdown", Source: "x := 1 // not code"},
		{Type: "code", Source: "x := 40"},
		{Type: "code", Source: "x + 2"},
		{Type: "code", Source: "import \"image\"\nimage.NewGray(image.Rect(0, 0, 3, 3))"},
	}}
	if err := r.RunNotebook(context.Background(), nb, "nb", false); err != nil {
		t.Fatalf("RunNotebook: %v\n%s", err, errOut)
	}
	if !strings.Contains(out.String(), "42\n") {
		t.Errorf("output %q lacks the value 42", out)
	}
	path := filepath.Join(images, "nb-cell3-1.png")
	if !strings.Contains(out.String(), path) {
		t.Errorf("output %q lacks the image path %s", out, path)
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("image file: %v", err)
	}
	if nb.Cells[1].ExecutionCount != nil {
		t.Error("a run without recording changed the notebook")
	}
}

func TestRunNotebookStopsAtFailingCell(t *testing.T) {
	r, out, errOut, _ := newTestRunner(t)
	nb := &Notebook{NBFormat: 4, Cells: []*Cell{
		{Type: "code", Source: "a := 1"},
		{Type: "code", Source: "\n"},
		{Type: "code", Source: "b := a\nnotDefined(b)"},
		{Type: "code", Source: "\"after\""},
	}}
	err := r.RunNotebook(context.Background(), nb, "nb", false)
	var ce *CellError
	if !errors.As(err, &ce) {
		t.Fatalf("RunNotebook error = %v, want a *CellError", err)
	}
	// The empty cell is not run and not counted, as in Jupyter.
	if ce.Cell != 2 || ce.Err.Line != 2 || ce.Err.Name != "CompileError" {
		t.Errorf("error = %+v (%v), want a CompileError in cell 2 at line 2", ce.Err, ce)
	}
	if strings.Contains(out.String(), "after") {
		t.Error("the cell after the failing one ran")
	}
	if !strings.Contains(errOut.String(), "notDefined(b)") {
		t.Errorf("the error output does not quote the line:\n%s", errOut)
	}
}

func TestRunNotebookInterrupted(t *testing.T) {
	r, _, _, _ := newTestRunner(t)
	r.cfg.KeepGoing = true
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	nb := &Notebook{NBFormat: 4, Cells: []*Cell{
		{Type: "code", Source: "for {\n}"},
		{Type: "code", Source: "1"},
	}}
	err := r.RunNotebook(ctx, nb, "nb", false)
	var ce *CellError
	if !errors.As(err, &ce) || ce.Cell != 1 || ce.Err.Name != "Interrupted" {
		t.Fatalf("RunNotebook error = %v, want cell 1 Interrupted", err)
	}
}

func TestUpdatesShowTheirLastState(t *testing.T) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	r, err := NewRunner(Config{Stdout: out, Stderr: errOut, OutDir: t.TempDir(), Preload: preload.Options}, false)
	if err != nil {
		t.Fatal(err)
	}
	code := "import \"github.com/gornn/gornn/display\"\n" +
		"h := display.NewDisplay(\"step 0\")\n" +
		"for i := 1; i <= 50; i++ {\n\th.Update(fmt.Sprint(\"step \", i))\n}\n" +
		"display.Display(\"after\")"
	if err := r.RunFile(context.Background(), "updates", "import \"fmt\"\n"+code); err != nil {
		t.Fatalf("RunFile: %v\n%s", err, errOut)
	}
	if want := "step 0\nstep 50\nafter\n"; out.String() != want {
		t.Errorf("output %q, want %q", out, want)
	}
}
