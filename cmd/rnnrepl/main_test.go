package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// binary is the rnnrepl built for the tests.
var binary string

// buildFlags are extra flags for building binary.
var buildFlags []string

// testEnv is the environment rnnrepl runs in, before HOME is set.
var testEnv []string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rnnrepl-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "rnnrepl")
	args := append([]string{"build", "-o", binary}, buildFlags...)
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), append(args, ".")...)
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building rnnrepl: %v\n%s", err, out)
		os.Exit(1)
	}
	// The tests give rnnrepl a home folder of their own; the module
	// cache, where the MNIST files are, stays the real one.
	modCache, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "env", "GOMODCACHE").Output()
	if err != nil {
		fmt.Fprintf(os.Stderr, "go env GOMODCACHE: %v\n", err)
		os.Exit(1)
	}
	testEnv = append(os.Environ(), "GOMODCACHE="+strings.TrimSpace(string(modCache)), "GORNN_QUICK=")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what a run of the binary did.
type result struct {
	stdout, stderr string
	status         int
}

// runBinary runs rnnrepl in dir with args and stdin, with a home folder
// of its own.
func runBinary(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(testEnv, "HOME="+dir, "XDG_DATA_HOME="+filepath.Join(dir, "data"))
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	status := 0
	if ee, ok := err.(*exec.ExitError); ok {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running rnnrepl: %v", err)
	}
	return result{out.String(), errOut.String(), status}
}

// writeNotebook writes a notebook whose cells are the given sources,
// markdown for those starting with "#", code for the others.
func writeNotebook(t *testing.T, path string, sources ...string) {
	t.Helper()
	var cells []map[string]any
	for i, src := range sources {
		c := map[string]any{"id": fmt.Sprintf("c%d", i), "metadata": map[string]any{}, "source": src}
		if strings.HasPrefix(src, "#") {
			c["cell_type"] = "markdown"
		} else {
			c["cell_type"] = "code"
			c["outputs"] = []any{}
			c["execution_count"] = nil
		}
		cells = append(cells, c)
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "cells": cells,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "gornn", "display_name": "Go (gornn)", "language": "go"}},
	}
	b, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// executed is the part of an executed notebook the tests check.
type executed struct {
	Cells []struct {
		Type           string `json:"cell_type"`
		ExecutionCount *int   `json:"execution_count"`
		Outputs        []struct {
			Type           string            `json:"output_type"`
			Name           string            `json:"name"`
			Text           []string          `json:"text"`
			Data           map[string]any    `json:"data"`
			ExecutionCount int               `json:"execution_count"`
			EName          string            `json:"ename"`
			Traceback      []string          `json:"traceback"`
			Metadata       map[string]any    `json:"metadata"`
			Transient      map[string]string `json:"transient"`
		} `json:"outputs"`
	} `json:"cells"`
}

// validateNotebook checks the file against the nbformat schema with
// Python's nbformat (Debian's python3-nbformat). Without it the test is
// skipped, after the checks that need no Python have run.
func validateNotebook(t *testing.T, path string) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skipf("skipping the nbformat schema check: no python3 (%v); install python3-nbformat to run it", err)
	}
	if out, err := exec.Command(py, "-c", "import nbformat").CombinedOutput(); err != nil {
		t.Skipf("skipping the nbformat schema check: %s cannot import nbformat (%v: %s); install python3-nbformat to run it", py, err, bytes.TrimSpace(out))
	}
	out, err := exec.Command(py, "-c",
		"import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], 4))", path).CombinedOutput()
	if err != nil {
		t.Fatalf("nbformat rejects %s: %v\n%s", path, err, out)
	}
}

func readExecuted(t *testing.T, path string) executed {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb executed
	if err := json.Unmarshal(b, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return nb
}

func count(n *int) string {
	if n == nil {
		return "null"
	}
	return fmt.Sprint(*n)
}

func TestNotebookRun(t *testing.T) {
	dir := t.TempDir()
	writeNotebook(t, filepath.Join(dir, "t.ipynb"),
		"# A test notebook",
		"import \"fmt\"\nfmt.Println(\"hello from cell 1\")\nx := 20",
		"x + 22",
		"",
		"import (\n\t\"image\"\n\n\t\"github.com/gornn/gornn/display\"\n)\n"+
			"display.Display(image.NewGray(image.Rect(0, 0, 8, 8)))\n"+
			"h := display.NewDisplay(\"step 0\")\nh.Update(\"step 1\")",
		"fmt.Println(\"before the error\")\nvar s []int\ns[3]++",
		"fmt.Println(\"not reached\")",
	)
	r := runBinary(t, dir, "", "t.ipynb", "-o", "out.ipynb", "-out", "images")

	if r.status != 1 {
		t.Errorf("exit status %d, want 1\nstderr:\n%s", r.status, r.stderr)
	}
	if want := "cell 4, line "; !strings.Contains(r.stderr, want) || strings.Count(r.stderr, "index out of range") != 1 {
		t.Errorf("stderr lacks %q about the index out of range, or names it more than once:\n%s", want, r.stderr)
	}
	for _, want := range []string{"hello from cell 1", "42", filepath.Join("images", "t-cell3-1.png"), "step 1", "before the error"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "not reached") {
		t.Error("the cell after the failing one ran")
	}
	png, err := os.ReadFile(filepath.Join(dir, "images", "t-cell3-1.png"))
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("image file: %v, starts %q", err, png[:min(len(png), 8)])
	}

	out := filepath.Join(dir, "out.ipynb")
	// Last, since it skips the test where Python lacks nbformat.
	defer validateNotebook(t, out)
	nb := readExecuted(t, out)
	if len(nb.Cells) != 7 {
		t.Fatalf("executed notebook has %d cells, want 7", len(nb.Cells))
	}
	wantCounts := []string{"", "1", "2", "null", "3", "4", "null"}
	for i, c := range nb.Cells {
		if c.Type == "code" && count(c.ExecutionCount) != wantCounts[i] {
			t.Errorf("cell %d execution_count = %s, want %s", i, count(c.ExecutionCount), wantCounts[i])
		}
	}
	if o := nb.Cells[1].Outputs; len(o) != 1 || o[0].Type != "stream" || o[0].Name != "stdout" ||
		strings.Join(o[0].Text, "") != "hello from cell 1\n" {
		t.Errorf("cell 1 outputs = %+v, want the stdout stream", o)
	}
	if o := nb.Cells[2].Outputs; len(o) != 1 || o[0].Type != "execute_result" || o[0].ExecutionCount != 2 ||
		o[0].Data["text/plain"] != "42" {
		t.Errorf("cell 2 outputs = %+v, want execute_result 42", o)
	}
	if o := nb.Cells[4].Outputs; len(o) != 2 || o[0].Data["image/png"] == nil || o[1].Data["text/plain"] != "step 1" {
		t.Errorf("cell 4 outputs = %+v, want the image and the display updated to step 1", o)
	}
	o := nb.Cells[5].Outputs
	if len(o) != 2 || o[0].Type != "stream" || o[1].Type != "error" || o[1].EName != "Panic" {
		t.Fatalf("cell 5 outputs = %+v, want stdout then a Panic", o)
	}
	if tb := strings.Join(o[1].Traceback, "\n"); !strings.Contains(tb, "index out of range") || !strings.Contains(tb, "^") {
		t.Errorf("traceback does not quote the line with a caret:\n%s", tb)
	}
}

func TestNotebookKeepGoing(t *testing.T) {
	dir := t.TempDir()
	writeNotebook(t, filepath.Join(dir, "k.ipynb"), "x := 1\nfoo(x)", "import \"fmt\"\nfmt.Println(\"second\")")
	r := runBinary(t, dir, "", "-keep-going", "k.ipynb", "-o", "k-out.ipynb")
	want := "cell 1, line 2:1: CompileError: undefined: foo"
	if r.status != 1 || strings.Count(r.stderr, "undefined: foo") != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stdout, "second") {
		t.Errorf("status %d, stdout %q, stderr %q: want status 1, %q and the second cell run", r.status, r.stdout, r.stderr, want)
	}
	nb := readExecuted(t, filepath.Join(dir, "k-out.ipynb"))
	if got := count(nb.Cells[1].ExecutionCount); got != "2" {
		t.Errorf("second cell execution_count = %s, want 2", got)
	}
}

func TestNotebookWithoutRecording(t *testing.T) {
	dir := t.TempDir()
	writeNotebook(t, filepath.Join(dir, "p.ipynb"), "import \"fmt\"\nfmt.Println(\"printed\")", "6 * 7")
	r := runBinary(t, dir, "", "p.ipynb")
	if r.status != 0 || !strings.Contains(r.stdout, "printed\n") || !strings.Contains(r.stdout, "42\n") {
		t.Errorf("status %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "p.ipynb"))
	if bytes.Contains(before, []byte("execution_count\": 1")) {
		t.Error("running without -o changed the notebook")
	}
}

func TestGoFileAndStdin(t *testing.T) {
	dir := t.TempDir()
	prog := "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello, world\")\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "hello.go"), []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	writeNotebook(t, filepath.Join(dir, "t.ipynb"), "1")
	bad := "package main\n\nfunc main() {\n\tx := 1 +\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "bad.go"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	readsStdin := "import (\"bufio\"; \"os\")\nline, err := bufio.NewReader(os.Stdin).ReadString('\\n')\n"
	showLine := "fmt.Printf(\"%q %v\\n\", line, err)\n"
	tests := []struct {
		name, stdin string
		args        []string
		status      int
		stdout      string // exactly, when status is 0 or this is set
		stderr      string // a substring
		once        string // a substring of stderr that must show exactly once
	}{
		{"go file runs main once", "", []string{"hello.go"}, 0, "hello, world\n", "", ""},
		{"go file error names file and line", "", []string{"bad.go"}, 1, "", "bad.go:5:1: ParseError", "expected operand"},
		{"stdin", "x := 6\nx * 7\n", nil, 0, "42\n", "", ""},
		{"stdin one line", "fmt.Println(1+1)\n", nil, 0, "2\n", "", ""},
		{"stdin program with blank lines", prog[:len(prog)-3] + "\n\n\tfmt.Println(\"again\")\n}\n", nil, 0, "hello, world\nagain\n", "", ""},
		{"stdin read by a cell is the lines after it", readsStdin + "Ada Lovelace\n" + showLine, nil, 0, "\"Ada Lovelace\\n\" <nil>\n", "", ""},
		{"stdin read by the last cell is at its end", "import (\"bufio\"; \"os\")\nfmt.Println(bufio.NewReader(os.Stdin).ReadString('\\n'))\n", nil, 0, " EOF\n", "", ""},
		{"stdin values show as at the prompt", "1 + 1\n2 + 2\n", nil, 0, "2\n4\n", "", ""},
		{"stdin stops at the first failing cell", "1\nnope\n2\n", nil, 1, "1\n", "stdin:2:1: CompileError", "undefined: nope"},
		{"stdin -keep-going", "1\nnope\n2\n", []string{"-keep-going"}, 1, "1\n2\n", "stdin:2:1: CompileError", "undefined: nope"},
		{"empty stdin", "", nil, 0, "", "", ""},
		{"stdin error", "x := 1\nx.foo()\n", nil, 1, "", "stdin:2:3: CompileError", "has no field or method foo"},
		{"stdin panic", "panic(\"bo\" + \"om\")\n", nil, 1, "", "stdin:1:1: Panic: boom", "boom"},
		{"quick", "import \"os\"\nos.Getenv(\"GORNN_QUICK\")\n", []string{"-quick"}, 0, "1\n", "", ""},
		{"missing file", "", []string{"nope.ipynb"}, 2, "", "nope.ipynb", ""},
		{"bad flag", "", []string{"-nope"}, 2, "", "flag provided but not defined", ""},
		{"-o needs a notebook", "", []string{"hello.go", "-o", "x.ipynb"}, 2, "", "needs a .ipynb", ""},
		{"-o in a missing folder", "", []string{"t.ipynb", "-o", "nowhere/x.ipynb"}, 2, "", "no folder nowhere", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runBinary(t, dir, tt.stdin, tt.args...)
			if r.status != tt.status {
				t.Errorf("status %d, want %d\nstdout %q\nstderr %q", r.status, tt.status, r.stdout, r.stderr)
			}
			if (tt.status == 0 || tt.stdout != "") && r.stdout != tt.stdout {
				t.Errorf("stdout %q, want %q (stderr %q)", r.stdout, tt.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.stderr)
			}
			if n := strings.Count(r.stderr, tt.once); tt.once != "" && n != 1 {
				t.Errorf("stderr shows %q %d times, want once:\n%s", tt.once, n, r.stderr)
			}
		})
	}
}
