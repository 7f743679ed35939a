package repl

import (
	"reflect"
	"strings"
	"testing"
)

// fakeComplete completes the identifier before cursor from names, the way
// the core reports it: whole names and the byte range they replace.
func fakeComplete(names ...string) func(string, int) ([]string, int, int) {
	return func(code string, cursor int) ([]string, int, int) {
		start := cursor
		for start > 0 && (isWordByte(code[start-1])) {
			start--
		}
		var out []string
		for _, n := range names {
			if strings.HasPrefix(n, code[start:cursor]) {
				out = append(out, n)
			}
		}
		return out, start, cursor
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b == '.' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

func TestCompleterDo(t *testing.T) {
	names := fakeComplete("fmt.Println", "fmt.Printf", "fmt.Sprint", "añadir", "total")
	tests := []struct {
		name, before, line string
		pos                int // in runes; -1 means the end of line
		want               []string
		wantLen            int
	}{
		{"package member", "", "fmt.Pri", -1, []string{"ntln", "ntf"}, 7},
		{"after other text", "", "x := tot", -1, []string{"al"}, 3},
		{"uses earlier lines", "func f() {\n", "\ttot", -1, []string{"al"}, 3},
		{"cursor inside line", "", "tot + 1", 3, []string{"al"}, 3},
		{"runes, not bytes", "", "añ", -1, []string{"adir"}, 2},
		{"command", "", ":re", -1, []string{"set "}, 3},
		{"commands", "", ":", -1, []string{"doc ", "help ", "load ", "quit ", "reset "}, 1},
		{"doc argument", "", ":doc fmt.Spr", -1, []string{"int"}, 7},
		{"nothing", "", "zzz", -1, nil, 3},
		{"indent", "func f() {\n", "\t", -1, []string{"\t"}, 0},
		{"indent at the start", "", "", -1, []string{"\t"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &completer{complete: names, before: func() string { return tt.before }}
			line := []rune(tt.line)
			pos := tt.pos
			if pos < 0 {
				pos = len(line)
			}
			endings, n := c.Do(line, pos)
			var got []string
			for _, e := range endings {
				got = append(got, string(e))
			}
			if !reflect.DeepEqual(got, tt.want) || n != tt.wantLen {
				t.Errorf("Do(%q, %d) = %q, %d; want %q, %d", tt.line, pos, got, n, tt.want, tt.wantLen)
			}
		})
	}
}
