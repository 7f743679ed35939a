package repl

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gornn/gornn/display"
	"github.com/gornn/gornn/kernel/eval"
)

func TestPrinterData(t *testing.T) {
	pngBytes := []byte("\x89PNG\r\n\x1a\nnot really")
	tests := []struct {
		name     string
		data     map[string]any
		wantOut  string // a substring of what is printed
		wantFile string // the image file written, relative to the folder
		wantBody []byte
	}{
		{"text", map[string]any{display.MIMEText: "42"}, "42\n", "", nil},
		{"markdown as its text", map[string]any{display.MIMEMarkdown: "**b**", display.MIMEText: "b"}, "b\n", "", nil},
		{"png", map[string]any{display.MIMEPNG: base64.StdEncoding.EncodeToString(pngBytes), display.MIMEText: "Plot"}, "Plot: ", "c-1.png", pngBytes},
		{"svg", map[string]any{display.MIMESVG: "<svg/>", display.MIMEText: "SVG image"}, "SVG image: ", "c-1.svg", []byte("<svg/>")},
		{"no text", map[string]any{"application/x-thing": "x"}, "<application/x-thing>", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			var out, errOut bytes.Buffer
			p := &printer{out: &out, errOut: &errOut, images: &imageFiles{dir: dir}}
			p.data("c", tt.data)
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("printed %q, want it to contain %q", out.String(), tt.wantOut)
			}
			if errOut.Len() > 0 {
				t.Errorf("errors: %s", errOut.String())
			}
			if tt.wantFile == "" {
				if _, err := os.Stat(dir); err == nil {
					t.Error("an output folder was made for text")
				}
				return
			}
			path := filepath.Join(dir, tt.wantFile)
			if !strings.Contains(out.String(), path) {
				t.Errorf("printed %q, not the path %s", out.String(), path)
			}
			body, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(body, tt.wantBody) {
				t.Errorf("file holds %q, want %q", body, tt.wantBody)
			}
		})
	}
}

func TestPrinterBadImage(t *testing.T) {
	var out, errOut bytes.Buffer
	p := &printer{out: &out, errOut: &errOut, images: &imageFiles{dir: t.TempDir()}}
	p.data("c", map[string]any{display.MIMEPNG: "%%% not base64"})
	if !strings.Contains(errOut.String(), "image/png output is not base64") {
		t.Errorf("error output = %q", errOut.String())
	}
}

func TestImageNamesCount(t *testing.T) {
	f := &imageFiles{dir: t.TempDir()}
	img := map[string]any{display.MIMESVG: "<svg/>"}
	var names []string
	for _, prefix := range []string{"in1", "in1", "in2"} {
		path, ok, err := f.write(prefix, img)
		if err != nil || !ok {
			t.Fatalf("write: %v %v", ok, err)
		}
		names = append(names, filepath.Base(path))
	}
	if want := []string{"in1-1.svg", "in1-2.svg", "in2-1.svg"}; !equalStrings(names, want) {
		t.Errorf("names = %q, want %q", names, want)
	}
}

func TestErrorLines(t *testing.T) {
	undefined := &eval.Error{Name: "CompileError", Message: "undefined: foo", Line: 2, Column: 5,
		Traceback: []string{"cell:2:5: undefined: foo", "    x := foo", "         ^"}}
	boom := &eval.Error{Name: "Panic", Message: "boom", Line: 1, Column: 1,
		Traceback: []string{"panic: boom", "  in f at cell:1:1", "    f()", "    ^"}}
	frames := &eval.Error{Name: "Panic", Message: "boom", Line: 2, Column: 1,
		Traceback: []string{"panic: boom", "", "goroutine 1 [running]:", "main.main()", "\tcell:2:1\tf()", "", "    f()", "    ^"}}
	bare := &eval.Error{Name: "Interrupted", Message: "stopped", Traceback: []string{"Interrupted: stopped"}}
	stale := &eval.Error{Name: "StaleError", Message: "g no longer compiles",
		Traceback: []string{"g was redefined", "h uses it"}}
	tests := []struct {
		name string
		err  *CellError
		want []string
	}{
		{"typed cell", &CellError{Err: undefined},
			[]string{"cell:2:5: CompileError: undefined: foo", "    x := foo", "         ^"}},
		{"notebook cell", &CellError{Cell: 3, Err: undefined},
			[]string{"cell 3, line 2:5: CompileError: undefined: foo", "    x := foo", "         ^"}},
		{"file", &CellError{File: "prog.go", Err: boom},
			[]string{"prog.go:1:1: Panic: boom", "  in f at cell:1:1", "    f()", "    ^"}},
		{"Go's panic heading and the blank line after it", &CellError{Err: frames},
			[]string{"cell:2:1: Panic: boom", "goroutine 1 [running]:", "main.main()", "\tcell:2:1\tf()", "", "    f()", "    ^"}},
		{"no position", &CellError{Err: bare}, []string{"Interrupted: stopped"}},
		{"traceback that does not repeat the message", &CellError{Err: stale},
			[]string{"StaleError: g no longer compiles", "g was redefined", "h uses it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errorLines(tt.err); !equalStrings(got, tt.want) {
				t.Errorf("errorLines = %q, want %q", got, tt.want)
			}
		})
	}
}
