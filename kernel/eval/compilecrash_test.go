package eval

import (
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/symbols"
)

// A crash of the interpreter's compiler is an error in plain words at the
// cell's position it names, with advice when the cell uses generics.
func TestCompilerCrashError(t *testing.T) {
	identity := func(l, c int) (int, int) { return l, c }
	tests := []struct {
		name, msg string
		generic   bool
		line, col int
		want      []string
	}{
		{"positioned", "2:16: CFG post-order panic: runtime error: invalid memory address or nil pointer dereference", false, 2, 16,
			[]string{"the interpreter's compiler crashed on this expression (runtime error: invalid memory address"}},
		{"nested in an instantiation", "1:40: CFG post-order panic: 7:105: CFG post-order panic: reflect: NumIn of non-func type time.Duration", true, 1, 40,
			[]string{"crashed on this expression (7:105: CFG post-order panic: reflect: NumIn", "explicit instantiation with a type parameter"}},
		{"without a position", "nil type", false, 0, 0, []string{"the interpreter cannot compile this cell: nil type"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := compilerCrashError(tt.msg, "x := 1\nfmt.Println(x, Z[Celsius]())", tt.generic, identity)
			if e.Line != tt.line || e.Column != tt.col {
				t.Errorf("position %d:%d, want %d:%d", e.Line, e.Column, tt.line, tt.col)
			}
			for _, w := range tt.want {
				if !strings.Contains(e.Message, w) {
					t.Errorf("message %q lacks %q", e.Message, w)
				}
			}
			if !tt.generic && strings.Contains(e.Message, "type parameter") {
				t.Errorf("message %q gives generic advice to a cell without generics", e.Message)
			}
		})
	}
}

// A generic function that crashes the compiler when instantiated gives a
// cell an error at its call, not a crash of the kernel.
func TestCompilerCrashOfGenericCall(t *testing.T) {
	s := newSession(t, Options{Stdlib: symbols.Stdlib})
	r := run(t, s, "import \"fmt\"\n\nfunc Zero[T any]() T {\n\tvar z T\n\treturn z\n}\n\nfunc Z[T any]() T { return Zero[T]() }\n\ntype Celsius float64",
		"x := 1\nfmt.Println(x, Z[Celsius]())")
	if r.Err == nil {
		t.Fatal("Z[Celsius]() ran; the interpreter used to crash on it: drop this test if it now works")
	}
	if r.Err.Line != 2 || r.Err.Column != 16 || !strings.Contains(r.Err.Message, "Zero[T]()") {
		t.Errorf("error at %d:%d: %s, want 2:16 with advice", r.Err.Line, r.Err.Column, r.Err.Message)
	}
}
