package repl

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

const mark = string(pasteMark)

func TestPasteParser(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		out    string
		pastes []string
	}{
		{"typing passes", []string{"fmt.Println(1)\r"}, "fmt.Println(1)\r", nil},
		{"a paste becomes one mark",
			[]string{"\x1b[200~func f() {\r\r\treturn\r}\x1b[201~"},
			mark, []string{"func f() {\n\n\treturn\n}"}},
		{"typing around a paste",
			[]string{"x := \x1b[200~1 +\n2\x1b[201~\r"},
			"x := " + mark + "\r", []string{"1 +\n2"}},
		{"CRLF line breaks", []string{"\x1b[200~a\r\nb\r\n\x1b[201~"}, mark, []string{"a\nb\n"}},
		{"start marker split", []string{"\x1b[2", "00~a\x1b[201~"}, mark, []string{"a"}},
		{"end marker split", []string{"\x1b[200~a\x1b", "[201", "~b"}, mark + "b", []string{"a"}},
		{"markers a byte at a time",
			strings.Split("\x1b[200~ab\x1b[201~c", ""), mark + "c", []string{"ab"}},
		{"escape sequences in a paste are text",
			[]string{"\x1b[200~\x1b[A\x1b[201~"}, mark, []string{"\x1b[A"}},
		{"arrow keys pass", []string{"\x1b[A\x1b[2~\x1b"}, "\x1b[A\x1b[2~\x1b", nil},
		{"empty paste leaves nothing", []string{"\x1b[200~\x1b[201~x"}, "x", nil},
		{"stray end marker is dropped", []string{"a\x1b[201~b"}, "ab", nil},
		{"two pastes", []string{"\x1b[200~a\x1b[201~\x1b[200~b\x1b[201~"}, mark + mark, []string{"a", "b"}},
		{"escape before a paste", []string{"\x1b\x1b[200~a\x1b[201~"}, "\x1b" + mark, []string{"a"}},
		{"unfinished paste counts at the end", []string{"\x1b[200~abc\x1b[20"}, mark, []string{"abc\x1b[20"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p pasteParser
			var out []byte
			var pastes []string
			for _, c := range tt.chunks {
				o, ps := p.feed([]byte(c))
				out, pastes = append(out, o...), append(pastes, ps...)
			}
			o, ps := p.flush()
			out, pastes = append(out, o...), append(pastes, ps...)
			if string(out) != tt.out || !equalStrings(pastes, tt.pastes) {
				t.Errorf("out %q, pastes %q; want %q, %q", out, pastes, tt.out, tt.pastes)
			}
		})
	}
}

// parseAll feeds input to a parser in chunks cut at the given offsets.
func parseAll(input []byte, cuts ...int) (out []byte, pastes []string) {
	var p pasteParser
	start := 0
	for _, c := range append(cuts, len(input)) {
		c = max(start, min(c, len(input)))
		o, ps := p.feed(input[start:c])
		out, pastes = append(out, o...), append(pastes, ps...)
		start = c
	}
	o, ps := p.flush()
	return append(out, o...), append(pastes, ps...)
}

func FuzzPasteParser(f *testing.F) {
	for _, s := range []string{
		"abc\r", "\x1b[200~a\r\nb\x1b[201~", "\x1b[200~\x1b[201~", "\x1b[2\x1b[200~x",
		"\x1b[201~", "\x1b[200~\x1b[200~x\x1b[201~\x1b[201~", "\x1b\x1b[A",
	} {
		f.Add([]byte(s), 3, 7)
	}
	f.Fuzz(func(t *testing.T, input []byte, cut1, cut2 int) {
		whole, wholePastes := parseAll(input)
		if cut1 < 0 || cut2 < cut1 {
			return
		}
		out, pastes := parseAll(input, cut1, cut2)
		// Where the stream is cut does not change what comes out.
		if !bytes.Equal(out, whole) || !equalStrings(pastes, wholePastes) {
			t.Fatalf("cut at %d, %d: %q %q; whole: %q %q", cut1, cut2, out, pastes, whole, wholePastes)
		}
		if bytes.Contains(out, []byte(pasteStart)) || bytes.Contains(out, []byte(pasteEnd)) {
			t.Fatalf("a marker passed through: %q", out)
		}
		for _, p := range pastes {
			if p == "" || strings.Contains(p, "\r") {
				t.Fatalf("paste %q is empty or has a carriage return", p)
			}
		}
		if !bytes.ContainsRune(input, pasteMark) && utf8.Valid(input) {
			if n := strings.Count(string(out), mark); n != len(pastes) {
				t.Fatalf("%d marks for %d pastes in %q", n, len(pastes), out)
			}
		}
	})
}

// chunkReader returns its chunks one per read, then io.EOF.
type chunkReader struct{ chunks []string }

func (c *chunkReader) Read(b []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(b, c.chunks[0])
	c.chunks[0] = c.chunks[0][n:]
	if c.chunks[0] == "" {
		c.chunks = c.chunks[1:]
	}
	return n, nil
}

func (c *chunkReader) Close() error { return nil }

func TestPasteReader(t *testing.T) {
	pr := newPasteReader(&chunkReader{chunks: []string{"1\r\x1b[200~a\r", "b\x1b[201~\r\x1b[200~c\x1b[201~"}})
	got, err := io.ReadAll(pr)
	if err != nil {
		t.Fatal(err)
	}
	if want := "1\r" + mark + "\r" + mark; string(got) != want {
		t.Errorf("read %q, want %q", got, want)
	}
	for _, want := range []string{"a\nb", "c"} {
		if p, ok := pr.take(); !ok || p != want {
			t.Errorf("take() = %q, %v; want %q", p, ok, want)
		}
	}
	if p, ok := pr.take(); ok {
		t.Errorf("take() = %q after the last paste", p)
	}
	if _, err := pr.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
		t.Errorf("read after the end: %v, want io.EOF", err)
	}
}
