// Package preload connects gornn's own packages to evaluation sessions:
// the whole standard library, the symbol tables and documentation of kernel/symbols (rnn, rnn/mnist,
// display, gonum and its plot packages), and a per-cell hook that hands
// rnn the running cell's context and display the session's front end.
//
// Package eval runs with any set of packages and sets no process globals;
// the kernel and REPL binaries wire this package in, so that the
// evaluation core, the dispatcher and the protocol stay independent of
// the library they serve.
package preload

import (
	"context"

	"github.com/gornn/gornn/display"
	"github.com/gornn/gornn/kernel/eval"
	"github.com/gornn/gornn/kernel/symbols"
	"github.com/gornn/gornn/rnn"
)

// Options returns o with gornn's preloaded packages and their
// documentation, and a CellHook (run after o's own, if any) through which
// each cell's rich output goes to fe and its interrupt stops rnn's graph
// runs.
func Options(o eval.Options, fe display.Frontend) eval.Options {
	// A cell that builds an op from incompatible operands stops there,
	// with the op's name and shapes, as TensorFlow raises at graph
	// construction; compiled Go programs that import rnn keep the errors
	// on the nodes.
	rnn.SetPanicOnBuildError(true)
	o.Stdlib = symbols.Stdlib
	o.Packages = symbols.Symbols
	o.Doc = symbols.Doc
	inner := o.CellHook
	o.CellHook = func(ctx context.Context) func() {
		var innerEnd func()
		if inner != nil {
			innerEnd = inner(ctx)
		}
		// display and rnn keep one frontend and one default context per
		// process: the cell that runs owns them. Goroutines that outlive
		// their cell keep publishing to the last session that ran one.
		display.SetFrontend(fe)
		rnn.SetDefaultContext(ctx)
		return func() {
			// Between cells, graphs run without a deadline: the caller may
			// cancel ctx once the cell is done.
			rnn.SetDefaultContext(context.Background())
			if innerEnd != nil {
				innerEnd()
			}
		}
	}
	return o
}
