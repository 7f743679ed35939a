package repl

import (
	"context"
	"io"
	"strings"
	"testing"
)

func TestRunStream(t *testing.T) {
	tests := []struct {
		name, input string
		out         string // the values shown
		err         string // the CellError's text; empty for none
	}{
		{"each cell shows its value", "1 + 1\n2 + 2\n", "2\n4\n", ""},
		{"cells over several lines with blank lines",
			"// a comment\n\nfunc f(n int) int {\n\n\treturn n * 2\n}\n\nf(21)\n", "42\n", ""},
		{"declarations stay for later cells", "x := 40\n\nx + 2\n", "42\n", ""},
		{"an error names the line of the input", "x := 1\n\nx.foo()\n9\n", "",
			"stdin:3:3: CompileError: x.foo undefined (type int has no field or method foo)"},
		{"an error in a later line of a cell", "x := 1\nfunc g() {\n\tnope()\n}\n", "", "stdin:3:2: CompileError: undefined: nope"},
		{"an incomplete cell at the end runs as it is", "1\nx := (1 +\n", "1\n", "stdin:2:"},
		{"a program runs whole", "\npackage main\n\nfunc main() {\n\n\tprintln()\n}\n", "", ""},
		{"a program's errors keep the input's lines", "\n\npackage main\n\nfunc main() {\n\tnope()\n}\n", "",
			"stdin:6:2: CompileError: undefined: nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, out, errOut, _ := newTestRunner(t)
			err := r.RunStream(context.Background(), "stdin", NewLines(strings.NewReader(tt.input), io.Discard))
			if got := out.String(); got != tt.out {
				t.Errorf("values %q, want %q (errors %q)", got, tt.out, errOut)
			}
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("RunStream: %v", err)
			case tt.err != "" && (err == nil || !IsCellError(err) || !strings.HasPrefix(err.Error(), tt.err)):
				t.Errorf("RunStream error %v, want a CellError beginning %q", err, tt.err)
			case tt.err != "" && !strings.HasPrefix(errOut.String(), tt.err):
				t.Errorf("shown %q, want it to begin %q", errOut, tt.err)
			}
		})
	}
}

// A cell reading standard input gets the lines of the stream that follow
// it, as a cell run at the prompt gets the lines typed next.
func TestRunStreamInput(t *testing.T) {
	in := NewLines(strings.NewReader("import (\"bufio\"; \"os\")\n"+
		"name, _ := bufio.NewReader(os.Stdin).ReadString('\\n')\nAda Lovelace\nlen(name)\n"), io.Discard)
	r, out, errOut, _ := newTestRunner(t)
	r.cfg.Input = in.Input
	if err := r.Reset(); err != nil { // the session takes Input when it starts
		t.Fatal(err)
	}
	if err := r.RunStream(context.Background(), "stdin", in); err != nil {
		t.Fatalf("RunStream: %v\n%s", err, errOut)
	}
	if got := out.String(); got != "13\n" {
		t.Errorf("values %q, want 13 (the length of the line read, with its line break)", got)
	}
}

func TestCommandAwaitsCode(t *testing.T) {
	tests := []struct {
		cell []string
		want bool
	}{
		{[]string{"%%time"}, true},
		{[]string{"  %%timeit"}, true},
		{[]string{"%%time", "x := 1"}, false},
		{[]string{"%time x := 1"}, false},
		{[]string{"x := 1"}, false},
	}
	for _, tt := range tests {
		if got := commandAwaitsCode(tt.cell); got != tt.want {
			t.Errorf("commandAwaitsCode(%q) = %v, want %v", tt.cell, got, tt.want)
		}
	}
}
