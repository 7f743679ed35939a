package rnn

import (
	"fmt"
	"runtime"
)

// weightGradJob adds one LSTM step's contribution to the kernel and bias
// gradients: dk += [x, h]ᵀ·dg and db += column sums of dg.
type weightGradJob struct {
	x    []float32 // [rows, nIn]
	nIn  int
	h    []float32 // [rows, u], nil for the zero state
	u    int
	dg   []float32 // [rows, 4u], the gates' gradient
	rows int
	dk   []float32 // [nIn+u, 4u], or nil
	db   []float32 // [4u], or nil
}

func (j *weightGradJob) run() {
	g4 := 4 * j.u
	if j.dk != nil {
		gemm(true, false, j.nIn, g4, j.rows, 1, j.x, j.nIn, j.dg, g4, 1, j.dk, g4)
		if j.h != nil {
			gemm(true, false, j.u, g4, j.rows, 1, j.h, j.u, j.dg, g4, 1, j.dk[j.nIn*g4:], g4)
		}
	}
	if j.db != nil {
		for r := 0; r < j.rows; r++ {
			for q, v := range j.dg[r*g4 : (r+1)*g4] {
				j.db[q] += v
			}
		}
	}
}

// sideWorker runs weight-gradient jobs in order on a second goroutine
// during a backward pass, so that on two cores they overlap with the
// pass's critical path. Jobs only read buffers that stay untouched until
// the pass ends, and only they write the gradients they accumulate.
type sideWorker struct {
	jobs    chan weightGradJob
	done    chan error
	inPass  bool // in a backward pass
	cores   int  // GOMAXPROCS, read at the pass's first job; 0 before it
	running bool // the goroutine is running
}

// stopJob tells the worker goroutine to report and end.
var stopJob = weightGradJob{rows: -1}

// start readies the worker for one backward pass. Its goroutine starts
// with the first job, so that passes without per-step cells (a whole
// sequence is one op) start none; with one core the jobs run inline.
// The number of cores is read at the first job, not here: GOMAXPROCS
// takes the scheduler's lock, a cost that passes without jobs (every
// small graph's) need not pay.
func (w *sideWorker) start() {
	w.inPass = true
	w.cores = 0
}

func (w *sideWorker) loop() {
	var err error
	for {
		j := <-w.jobs
		if j.rows < 0 {
			break
		}
		if err == nil {
			err = runJob(&j)
		}
	}
	w.done <- err
}

// runJob runs j, turning a panic into an error: a panic on this goroutine
// would end the process.
func runJob(j *weightGradJob) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("weight gradient: %v", r)
		}
	}()
	j.run()
	return nil
}

// submit queues j, or runs it now when no worker may run.
func (w *sideWorker) submit(j weightGradJob) {
	if w.inPass && w.cores == 0 {
		w.cores = runtime.GOMAXPROCS(0)
	}
	if !w.inPass || w.cores < 2 {
		j.run()
		return
	}
	if !w.running {
		if w.jobs == nil {
			w.jobs = make(chan weightGradJob, 64)
			w.done = make(chan error, 1)
		}
		w.running = true
		go w.loop()
	}
	w.jobs <- j
}

// finish waits for the queued jobs and ends the goroutine.
func (w *sideWorker) finish() error {
	w.inPass = false
	if !w.running {
		return nil
	}
	w.running = false
	w.jobs <- stopJob
	return <-w.done
}
