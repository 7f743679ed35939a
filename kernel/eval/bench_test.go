package eval

import (
	"context"
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

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

// BenchmarkRuntimeErrorSites measures what storing each statement's site
// (positions.go) costs interpreted code: an index-heavy loop in a
// function and in the cell's body, and recursive calls, with the sites
// ("marked") and without ("plain"), and with the sites and the bounds
// checks of bounds.go ("guarded"), side by side.
func BenchmarkRuntimeErrorSites(b *testing.B) {
	setup := "func sum(xs []int) int {\n\ts := 0\n\tfor i := 0; i < len(xs); i++ {\n\t\ts += xs[i]\n\t}\n\treturn s\n}\n" +
		"func fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}\n" +
		"func gather(xs, idx []int) int {\n\ts := 0\n\tfor _, j := range idx {\n\t\ts += xs[j]\n\t}\n\treturn s\n}\n" +
		"xs := make([]int, 200000)"
	cells := []struct{ name, cell string }{
		{"loop in a function", "_ = sum(xs)"},
		{"loop in the cell", "t := 0\nfor i := 0; i < len(xs); i++ {\n\tt += xs[i]\n}"},
		{"calls", "_ = fib(20)"},
		// Indexes no loop keeps in range: each is checked (bounds.go).
		{"gather in a function", "_ = gather(xs, xs)"},
	}
	variants := []struct {
		name           string
		marked, guards bool
	}{{"plain", false, false}, {"marked", true, false}, {"guarded", true, true}}
	for _, c := range cells {
		for _, v := range variants {
			b.Run(c.name+"/"+v.name, func(b *testing.B) {
				defer func(marks, guards bool) { siteMarks, boundsGuards = marks, guards }(siteMarks, boundsGuards)
				siteMarks, boundsGuards = v.marked, v.guards
				s := newSession(b, Options{})
				ctx := context.Background()
				if r := s.Execute(ctx, setup); r.Err != nil {
					b.Fatal(r.Err)
				}
				cpu0 := cpuTime()
				for b.Loop() {
					if r := s.Execute(ctx, c.cell); r.Err != nil {
						b.Fatal(r.Err)
					}
				}
				// The machine is shared: CPU time tells the cost apart
				// from waiting for a core.
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
