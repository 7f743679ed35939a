// Package parallel runs the pieces of a job on the calling goroutine and on
// a process-wide set of parked worker goroutines, for the rnn package's
// large ops.
//
// A job is offered only to workers that are idle at that moment, and the
// caller works on it too, claiming pieces until none are left: a worker
// that wakes late, or not at all, just claims fewer pieces, and calls made
// from many goroutines at once (or from inside a piece) cannot deadlock.
// Each participant gets a worker number, so that a job can give every
// participant its own scratch space. Running a job does not allocate.
//
// A worker that finishes a job keeps polling for the next one for a short
// while (spinWait) before it parks: the parallel parts of a training step
// come a few microseconds apart, and waking a parked goroutine costs tens
// of microseconds on a virtual machine, as much as a batch-16 piece of work.
package parallel

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Job is work cut into numbered pieces.
type Job interface {
	// Do computes piece i on the participant numbered worker (0 is the
	// caller; numbers are below the Run call's Workers(n) result). Pieces
	// of one job run concurrently, each exactly once, in no set order; an
	// error stops the claiming of further pieces.
	Do(worker, i int) error
}

// Workers returns how many participants a call of Run on n pieces may
// have: at most the pieces, GOMAXPROCS and the number of CPUs.
func Workers(n int) int {
	return max(1, min(n, runtime.GOMAXPROCS(0), runtime.NumCPU()))
}

// Run calls j.Do for pieces 0..n-1 and returns when all of them have run,
// or after an error once the pieces already claimed have finished. It
// returns the first error, and reports a panic in a piece as an error
// rather than letting it end the process from a worker goroutine.
func Run(n int, j Job) error { return RunLimit(n, 0, j) }

// RunLimit is Run with at most limit participants, the caller included;
// limit ≤ 0 means no limit beyond Workers(n).
func RunLimit(n, limit int, j Job) error {
	if n <= 0 {
		return nil
	}
	w := Workers(n)
	if limit > 0 {
		w = min(w, limit)
	}
	if w == 1 {
		for i := range n {
			if err := do(j, 0, i); err != nil {
				return err
			}
		}
		return nil
	}
	pool.start.Do(startWorkers)
	t := getTask()
	t.job, t.n = j, int64(n)
	t.next.Store(0)
	t.slots.Store(0)
	t.pending.Store(1)
	t.stop.Store(false)
	t.err = nil
	for i := range pool.workers {
		if w <= 1 {
			break
		}
		// Counted before it is handed over, so that the worker never
		// brings pending to zero while the caller still offers.
		t.pending.Add(1)
		if pool.workers[i].slot.CompareAndSwap(&spinning, t) {
			w--
		} else {
			t.pending.Add(-1)
		}
	}
offer:
	for range w - 1 {
		t.pending.Add(1)
		select {
		case pool.tasks <- t:
		default:
			t.pending.Add(-1)
			break offer
		}
	}
	t.work(0)
	if t.pending.Add(-1) != 0 {
		t.awaitWorkers()
	}
	err := t.err
	putTask(t)
	return err
}

// awaitWorkers waits for the workers still on t once the caller has run
// out of pieces. It polls for a while first, as an idle worker does: the
// pieces of a step's job are about equal, so the last worker is usually
// a few microseconds away, and blocking on the channel would put the
// caller's thread to sleep and cost a wake-up of tens of microseconds
// when the worker reports.
func (t *task) awaitWorkers() {
	start := time.Now()
	for i := 1; t.pending.Load() != 0; i++ {
		if i%64 == 0 {
			if time.Since(start) > spinWait {
				break
			}
			// A worker woken by the offer may be queued on this thread.
			runtime.Gosched()
		}
	}
	// The last worker sends on done after bringing pending to zero.
	<-t.done
}

// do runs one piece, turning a panic into an error.
func do(j Job, worker, i int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error in a parallel piece: %v", r)
		}
	}()
	return j.Do(worker, i)
}

// task is one Run call shared with the workers that took it.
type task struct {
	job Job
	n   int64

	next    atomic.Int64 // the next piece to claim
	slots   atomic.Int32 // worker numbers handed out to workers (the caller is 0)
	pending atomic.Int32 // participants still working, the caller included
	stop    atomic.Bool  // set by the first error

	mu  sync.Mutex // guards err
	err error

	// done carries one value when a worker, not the caller, is the last
	// participant to finish; the caller waits for it.
	done chan struct{}
}

// work claims and runs pieces until none are left or one failed.
func (t *task) work(worker int) {
	for !t.stop.Load() {
		i := t.next.Add(1) - 1
		if i >= t.n {
			return
		}
		if err := do(t.job, worker, int(i)); err != nil {
			t.mu.Lock()
			if t.err == nil {
				t.err = err
			}
			t.mu.Unlock()
			t.stop.Store(true)
		}
	}
}

// pool holds the worker goroutines, started on first use. They live as
// long as the process: starting goroutines per call would allocate, and
// parked ones cost nothing.
var pool struct {
	start   sync.Once
	tasks   chan *task // offers to parked workers
	workers []worker
}

// worker is one worker goroutine's hand-off point: its slot holds
// &spinning while it polls for work, a task handed over, or nil.
type worker struct {
	slot atomic.Pointer[task]
}

// spinning marks the slot of a worker that polls for work.
var spinning task

// spinWait is how long a worker polls for a new job before parking.
const spinWait = 200 * time.Microsecond

func startWorkers() {
	// Unbuffered: an offer succeeds only when a worker is waiting for work.
	pool.tasks = make(chan *task)
	pool.workers = make([]worker, max(1, runtime.NumCPU()-1))
	for i := range pool.workers {
		go pool.workers[i].loop()
	}
}

func (wk *worker) loop() {
	for {
		t := wk.spin()
		if t == nil {
			t = <-pool.tasks
		}
		t.work(int(t.slots.Add(1)))
		if t.pending.Add(-1) == 0 {
			t.done <- struct{}{}
		}
	}
}

// spin polls the worker's slot for spinWait and returns the task handed
// over, or nil when none came and the worker should park.
func (wk *worker) spin() *task {
	wk.slot.Store(&spinning)
	start := time.Now()
	for i := 1; ; i++ {
		if t := wk.slot.Load(); t != &spinning {
			wk.slot.Store(nil)
			return t
		}
		if i%64 == 0 {
			if time.Since(start) > spinWait {
				break
			}
			runtime.Gosched() // let any other goroutine have this core
		}
	}
	if wk.slot.CompareAndSwap(&spinning, nil) {
		return nil
	}
	// Handed over just as the wait ended.
	return wk.slot.Swap(nil)
}

// freeTasks recycles tasks and their channels so that Run does not
// allocate.
var freeTasks struct {
	sync.Mutex
	list []*task
}

func getTask() *task {
	freeTasks.Lock()
	defer freeTasks.Unlock()
	if n := len(freeTasks.list); n > 0 {
		t := freeTasks.list[n-1]
		freeTasks.list = freeTasks.list[:n-1]
		return t
	}
	return &task{done: make(chan struct{}, 1)}
}

func putTask(t *task) {
	t.job, t.err = nil, nil // drop references to the caller's data
	freeTasks.Lock()
	freeTasks.list = append(freeTasks.list, t)
	freeTasks.Unlock()
}
