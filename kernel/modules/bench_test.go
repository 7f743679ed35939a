package modules

import (
	"context"
	"path/filepath"
	"strings"
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
// by the interpreter from its source and called through the interpreter
// from a compiled plugin, with the same function compiled into the test:
// the ratios to "compiled" are what each way of running a module costs.
// The plugin's build takes a minute or more when the build cache is
// cold.
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
	b.Run("plugin", func(b *testing.B) {
		// The extractor of symbol tables reads the process's
		// environment.
		for _, kv := range publish(b) {
			k, v, _ := strings.Cut(kv, "=")
			b.Setenv(k, v)
		}
		b.Setenv(ModeVar, ModePlugin)
		w, err := Open(filepath.Join(b.TempDir(), RecordDir))
		if err != nil {
			b.Fatal(err)
		}
		imp, err := w.Import(context.Background(), "example.com/greet/fib")
		if err != nil {
			b.Fatal(err)
		}
		i := interpreter(b, w)
		if err := i.Use(imp.Symbols); err != nil {
			b.Fatal(err)
		}
		if _, err := i.Eval(`import "example.com/greet/fib"`); err != nil {
			b.Fatal(err)
		}
		// The call as a cell makes it: interpreted code calling the
		// compiled function.
		if _, err := i.Eval(`func callFib(n int) int { return fib.Fib(n) }`); err != nil {
			b.Fatal(err)
		}
		v, err := i.Eval(`callFib`)
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
