package eval

import (
	"context"
	"testing"
)

// BenchmarkNew measures starting a session with the standard library's
// symbol tables; the goal is about 10 ms (kernel/preload adds gornn's).
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrivialCell measures the round trip of a one-line cell with a
// value; the goal is well under 2 ms.
func BenchmarkTrivialCell(b *testing.B) {
	s := newSession(b, Options{})
	ctx := context.Background()
	s.Execute(ctx, "x := 1")
	for b.Loop() {
		if r := s.Execute(ctx, "x + 1"); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}

// BenchmarkMixedCell measures a cell with an import, a declaration and
// statements, each evaluated on its own.
func BenchmarkMixedCell(b *testing.B) {
	s := newSession(b, Options{})
	ctx := context.Background()
	for b.Loop() {
		if r := s.Execute(ctx, "import \"fmt\"\nfunc f(n int) int { return n * 2 }\ny := f(3)\nfmt.Sprint(y)"); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}
