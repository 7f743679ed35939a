package magic

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	type want struct {
		kind   Kind
		name   string
		arg    string
		detail int
		line   int
	}
	tests := []struct {
		name string
		cell string
		want []want
	}{
		{"plain Go", "x := 1\nfmt.Println(x)", []want{{Go, "", "", 0, 1}}},
		{"shell then Go", "!ls -l\nx := 1", []want{{Shell, "", "ls -l", 0, 1}, {Go, "", "", 0, 2}}},
		{"line command", "  %time f(x)", []want{{LineCommand, "time", "f(x)", 0, 1}}},
		{"cell command", "\n%%time\nx := 1\ny := 2", []want{{CellCommand, "time", "", 0, 2}}},
		{"cell command not first", "x := 1\n%%time", []want{{Go, "", "", 0, 1}, {LineCommand, "%time", "", 0, 2}}},
		{"help suffix", "rnn.BasicLSTMCell?", []want{{Help, "rnn.BasicLSTMCell", "", 1, 1}}},
		{"help double", "fmt.Println??", []want{{Help, "fmt.Println", "", 2, 1}}},
		{"help prefix", "?x", []want{{Help, "x", "", 1, 1}}},
		{"not help: expression", "a + b?", []want{{Go, "", "", 0, 1}}},
		{"negation is not a command when not alone", "if !ok {\n}", []want{{Go, "", "", 0, 1}}},
		{"percent inside raw string", "s := `\n%d\n!x\n`", []want{{Go, "", "", 0, 1}}},
		{"percent inside block comment", "/*\n%time\n*/\nx := 1", []want{{Go, "", "", 0, 1}}},
		{"raw string closed on one line", "s := `a`\n%who", []want{{Go, "", "", 0, 1}, {LineCommand, "who", "", 0, 2}}},
		{"backquote in a string", "s := \"`\"\n%who", []want{{Go, "", "", 0, 1}, {LineCommand, "who", "", 0, 2}}},
		{"backquote in a comment", "x := 1 // `\n%who", []want{{Go, "", "", 0, 1}, {LineCommand, "who", "", 0, 2}}},
		{"blank lines only between commands", "%who\n\n\n%env", []want{{LineCommand, "who", "", 0, 1}, {LineCommand, "env", "", 0, 4}}},
		{"env with value", "%env A=b c", []want{{LineCommand, "env", "A=b c", 0, 1}}},
		{"bare percent is Go (and a Go error)", "%", []want{{Go, "", "", 0, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := Parse(tt.cell)
			if len(parts) != len(tt.want) {
				t.Fatalf("Parse(%q) = %d parts %+v, want %d", tt.cell, len(parts), parts, len(tt.want))
			}
			for i, p := range parts {
				w := tt.want[i]
				if p.Kind != w.kind || p.Name != w.name || p.Arg != w.arg || p.Detail != w.detail || p.Line != w.line {
					t.Errorf("part %d = %+v, want %+v", i, p, w)
				}
			}
			if HasCommands(tt.cell) != (len(parts) > 1 || parts[0].Kind != Go) {
				t.Errorf("HasCommands(%q) disagrees with Parse", tt.cell)
			}
		})
	}
}

func TestParseKeepsLinesOfGoParts(t *testing.T) {
	cell := "!echo hi\nx := 1\n%who\ny := x\n"
	parts := Parse(cell)
	if len(parts) != 4 {
		t.Fatalf("got %d parts, want 4", len(parts))
	}
	if got, want := parts[1].Code, "\nx := 1\n\n\n"; got != want {
		t.Errorf("first Go part = %q, want %q", got, want)
	}
	if got, want := parts[3].Code, "\n\n\ny := x\n"; got != want {
		t.Errorf("second Go part = %q, want %q", got, want)
	}
}

// FuzzParse checks that parsing never panics, that every part's code
// keeps the cell's line count, and that Go parts hold only lines of the
// cell in their places.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"x := 1", "%%time\nx", "!ls\n%who\nrnn.X?", "s := `\n%d`\n", "/*\n!x */ %env A=1", "??a.b.c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cell string) {
		lines := strings.Split(cell, "\n")
		for _, p := range Parse(cell) {
			if p.Line < 1 || p.Line > len(lines) {
				t.Fatalf("part %+v has a line outside the cell of %d lines", p, len(lines))
			}
			if p.Kind != Go && p.Kind != CellCommand {
				continue
			}
			got := strings.Split(p.Code, "\n")
			if len(got) != len(lines) {
				t.Fatalf("part %+v has %d lines, the cell %d", p, len(got), len(lines))
			}
			for i, l := range got {
				if l != "" && l != lines[i] {
					t.Fatalf("line %d of part is %q, the cell's is %q", i+1, l, lines[i])
				}
			}
		}
	})
}
