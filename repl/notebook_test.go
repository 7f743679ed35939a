package repl

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseNotebookErrors(t *testing.T) {
	tests := []struct {
		name, json, want string
	}{
		{"not json", `{"cells": [`, "not a notebook"},
		{"nbformat 3", `{"nbformat": 3, "nbformat_minor": 0, "cells": []}`, "nbformat 3 is not supported"},
		{"null cell", `{"nbformat": 4, "nbformat_minor": 5, "cells": [null]}`, "cell 1 is null"},
		{"bad type", `{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "cod", "source": ""}]}`, `cell 1: unknown cell_type "cod"`},
		{"bad source", `{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "source": 3}]}`, "neither a string nor a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseNotebook([]byte(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ParseNotebook error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestParseNotebookSources(t *testing.T) {
	nb, err := ParseNotebook([]byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "gornn"}},
	 "cells": [
	  {"cell_type": "code", "id": "a", "metadata": {}, "source": ["x := 1\n", "x"], "outputs": [], "execution_count": null},
	  {"cell_type": "markdown", "metadata": {"tags": ["t"]}, "source": "# title"}
	 ]}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := nb.Cells[0].Source; got != "x := 1\nx" {
		t.Errorf("list source = %q", got)
	}
	if got := nb.Cells[1].Source; got != "# title" {
		t.Errorf("string source = %q", got)
	}
	if nb.Cells[1].ID == "" {
		t.Error("a 4.5 cell without id got none")
	}
	b, err := nb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Metadata map[string]any   `json:"metadata"`
		Cells    []map[string]any `json:"cells"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if raw.Metadata["kernelspec"] == nil {
		t.Error("notebook metadata lost")
	}
	if _, ok := raw.Cells[1]["outputs"]; ok {
		t.Error("markdown cell written with outputs")
	}
	if v, ok := raw.Cells[0]["execution_count"]; !ok || v != nil {
		t.Errorf("code cell execution_count = %v (present %v), want null", v, ok)
	}
	if got := raw.Cells[1]["metadata"].(map[string]any)["tags"]; !reflect.DeepEqual(got, []any{"t"}) {
		t.Errorf("cell metadata = %v", got)
	}
}

func TestOutputsRoundTrip(t *testing.T) {
	one := 1
	nb := &Notebook{NBFormat: 4, NBFormatMinor: 5, Cells: []*Cell{{
		ID: "c1", Type: "code", Source: "x", ExecutionCount: &one,
		Outputs: []*Output{
			{Type: "stream", Name: "stdout", Text: "a\nb\n"},
			{Type: "display_data", Data: map[string]any{"text/plain": "d", "text/html": "<b>d</b>"}},
			{Type: "execute_result", ExecutionCount: 1, Data: map[string]any{"text/plain": "1"}},
			{Type: "error", EName: "Panic", EValue: "boom", Traceback: []string{"cell:1:1: boom"}},
		},
	}}}
	b, err := nb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseNotebook(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range nb.Cells[0].Outputs {
		if o.Metadata == nil && (o.Type == "display_data" || o.Type == "execute_result") {
			o.Metadata = map[string]any{}
		}
	}
	if !reflect.DeepEqual(back.Cells[0].Outputs, nb.Cells[0].Outputs) {
		t.Errorf("outputs changed on the way through the file:\n got %#v\nwant %#v", back.Cells[0].Outputs, nb.Cells[0].Outputs)
	}
	validate(t, b)
}

// validate checks b against the nbformat schema with Python's nbformat
// (Debian's python3-nbformat). Without it the test is skipped, after the
// checks that need no Python have run.
func validate(t *testing.T, b []byte) {
	t.Helper()
	py := nbformatPython(t)
	path := filepath.Join(t.TempDir(), "nb.ipynb")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], 4))", path).CombinedOutput()
	if err != nil {
		t.Fatalf("nbformat rejects the notebook: %v\n%s", err, out)
	}
}

// nbformatPython returns a python3 that imports nbformat, or skips t
// saying what is missing.
func nbformatPython(t *testing.T) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skipf("skipping the nbformat schema check: no python3 (%v); install python3-nbformat to run it", err)
	}
	if out, err := exec.Command(py, "-c", "import nbformat").CombinedOutput(); err != nil {
		t.Skipf("skipping the nbformat schema check: %s cannot import nbformat (%v: %s); install python3-nbformat to run it", py, err, bytes.TrimSpace(out))
	}
	return py
}

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"a", []string{"a"}},
		{"a\n", []string{"a\n"}},
		{"a\nb", []string{"a\n", "b"}},
		{"\n\n", []string{"\n", "\n"}},
	}
	for _, tt := range tests {
		if got := splitLines(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParseNotebook(f *testing.F) {
	f.Add([]byte(`{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "source": ["a\n", "b"], "outputs": [{"output_type": "stream", "name": "stdout", "text": "x"}]}]}`))
	f.Add([]byte(`{"nbformat": 4, "nbformat_minor": 4, "cells": [{"cell_type": "markdown", "source": "m"}]}`))
	f.Add([]byte(`{"nbformat": 4, "cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {"text/plain": ["a\n", "b"]}}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		nb, err := ParseNotebook(b)
		if err != nil {
			return
		}
		out, err := nb.Marshal()
		if err != nil {
			t.Fatalf("a notebook that parsed does not encode: %v", err)
		}
		again, err := ParseNotebook(out)
		if err != nil {
			t.Fatalf("the encoded notebook does not parse: %v\n%s", err, out)
		}
		if len(again.Cells) != len(nb.Cells) {
			t.Fatalf("cells: %d, then %d", len(nb.Cells), len(again.Cells))
		}
		for i := range nb.Cells {
			if again.Cells[i].Source != nb.Cells[i].Source {
				t.Fatalf("cell %d source %q became %q", i, nb.Cells[i].Source, again.Cells[i].Source)
			}
		}
	})
}
