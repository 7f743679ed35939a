package eval

import (
	"os"
	"runtime/debug"
)

// DefaultGCPercent is the garbage collector's target, in percent of live
// data, that SetGCDefault sets.
const DefaultGCPercent = 10

// SetGCDefault sets the garbage collector's target to DefaultGCPercent
// unless the GOGC environment variable chooses one. Notebooks hold large
// tensors and make a little garbage at every training step; with Go's
// default of 100%, the process would grow to twice its live data before
// collecting. Tensors hold no pointers, so the collector marks them at
// almost no cost, and collecting ten times as often costs little: the
// tutorial's notebook trains as fast, and rnnkernel running it through
// Jupyter (five epochs, MNIST's images kept as bytes) peaks at 143-149
// MB, where Go's default reaches 202 MB (bench/kernel_rss.sh). Both
// rnnkernel and rnnrepl call it at start.
func SetGCDefault() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(DefaultGCPercent)
	}
}
