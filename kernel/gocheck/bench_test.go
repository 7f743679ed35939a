package gocheck

import (
	"go/importer"
	"go/token"
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

// BenchmarkCheck measures the per-cell cost in a session that has
// imported its packages already.
func BenchmarkCheck(b *testing.B) {
	cells := []struct{ name, setup, cell string }{
		{"trivial", "", "x := 1"},
		{"time", "import \"time\"", "t0 := time.Now()\nd := time.Since(t0)\nd.Seconds()"},
		{"func", "import \"fmt\"", "func greet(name string) string {\n\treturn fmt.Sprintf(\"hello %s\", name)\n}\ngreet(\"go\")"},
		{"rnn", "import \"github.com/gornn/gornn/rnn\"", "x := rnn.Placeholder(rnn.Float32, rnn.None, 28, 28)\nxs := rnn.Split(rnn.Transpose(x, 1, 0, 2), 28, 0)\nsess := rnn.NewSession()\n_, _ = xs, sess"},
	}
	for _, bc := range cells {
		b.Run(bc.name, func(b *testing.B) {
			c := newChecker()
			if bc.setup != "" {
				if r := c.Check(bc.setup, testParts(bc.setup)); r.Undecided != "" || len(r.Errors) > 0 {
					b.Fatal(r)
				}
			}
			parts := testParts(bc.cell)
			b.ResetTimer()
			cpu0 := cpuTime()
			for range b.N {
				if r := c.Check(bc.cell, parts); r.Undecided != "" || len(r.Errors) > 0 {
					b.Fatal(r)
				}
			}
			// The machine is shared: CPU time tells the cost apart from
			// waiting for a core.
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkImport measures building a package's types the first time a
// session imports it, from the symbol tables or from Go's toolchain.
func BenchmarkImport(b *testing.B) {
	for _, path := range []string{"fmt", "time", "github.com/gornn/gornn/rnn", "gonum.org/v1/gonum/mat", "gonum.org/v1/plot/plotter"} {
		b.Run("tables/"+path, func(b *testing.B) {
			for range b.N {
				if _, err := NewTableImporter(kernelTables()).Import(path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, compiler := range []string{"gc", "source"} {
		b.Run(compiler+"/fmt", func(b *testing.B) {
			for range b.N {
				if _, err := importer.ForCompiler(token.NewFileSet(), compiler, nil).Import("fmt"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
