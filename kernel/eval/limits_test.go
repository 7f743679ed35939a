package eval

import (
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"

	"github.com/gornn/gornn/kernel/gocheck"
)

// A compiler crash on a cell the checker could not follow points at the
// form the session could not rewrite, and says why.
func TestExplainCrash(t *testing.T) {
	crash := interp.Panic{Value: "nil type"}
	tests := []struct {
		name, code string
		typed      bool   // the checker gave the cell's types
		want       string // a part of the message; "" for the crash as it was
		line, col  int
	}{
		{"comma-ok", "x := 1\nv, ok := m[\"k\"]", false, "comma-ok definition", 2, 1},
		{"receive", "v, ok := <-ch", false, "comma-ok definition", 1, 1},
		{"range", "n := 0\nfor x := range seq {\n\tn += x\n}", false, "ranges over a function", 2, 1},
		{"range in a function", "func f() {\n\tfor range seq {}\n}", false, "ranges over a function", 2, 2},
		{"checked cell", "v, ok := m[\"k\"]", true, "", 0, 0},
		{"nothing to point at", "f()", false, "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Session{}
			s.cellTypes.undecided = "a method of T, a type declared by an earlier cell"
			if tt.typed {
				s.cellTypes.types = map[gocheck.Span]types.Type{}
			}
			pieces, err := parseCell(token.NewFileSet(), tt.code)
			if err != nil {
				t.Fatal(err)
			}
			orig := &Error{Name: "CompileError", Message: "the interpreter cannot compile this cell: nil type"}
			got := s.explainCrash(orig, crash, tt.code, pieces)
			if tt.want == "" {
				if got != orig {
					t.Fatalf("got %v, want the crash as it was", got)
				}
				return
			}
			if !strings.Contains(got.Message, tt.want) || !strings.Contains(got.Message, s.cellTypes.undecided) || got.Line != tt.line || got.Column != tt.col {
				t.Fatalf("got %v, want %q at %d:%d naming why the checker could not follow", got, tt.want, tt.line, tt.col)
			}
		})
	}
}
