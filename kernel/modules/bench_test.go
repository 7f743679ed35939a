package modules

import (
	"context"
	"path/filepath"
	"testing"
)

// fib is the compiled twin of the test module's fib.Fib.
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

// BenchmarkFib compares a CPU-bound function of a fetched module, run
// by the interpreter from its source, with the same function compiled:
// the ratio of the two is what interpreting a module costs.
func BenchmarkFib(b *testing.B) {
	const n = 20
	b.Run("compiled", func(b *testing.B) {
		for b.Loop() {
			if fib(n) != 6765 {
				b.Fatal("wrong result")
			}
		}
	})
	b.Run("interpreted", func(b *testing.B) {
		env := publish(b)
		w, err := Open(filepath.Join(b.TempDir(), RecordDir))
		if err != nil {
			b.Fatal(err)
		}
		w.Env = env
		if err := w.Load(context.Background(), "example.com/greet/fib"); err != nil {
			b.Fatal(err)
		}
		i := interpreter(b, w)
		if _, err := i.Eval(`import "example.com/greet/fib"`); err != nil {
			b.Fatal(err)
		}
		v, err := i.Eval(`fib.Fib`)
		if err != nil {
			b.Fatal(err)
		}
		f := v.Interface().(func(int) int)
		b.ResetTimer()
		for b.Loop() {
			if f(n) != 6765 {
				b.Fatal("wrong result")
			}
		}
	})
}
