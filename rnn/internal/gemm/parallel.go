package gemm

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallelMinFlops is the smallest product (2mnk floating-point
// operations) split over goroutines. Below it the hand-off to another
// goroutine, a wake-up through the scheduler costing microseconds, would
// eat the gain; the training step's batch-16 products (4.2 MFLOP) stay on
// the calling goroutine, where the caller may already be running one
// product per core.
const parallelMinFlops = 24 << 20

// maxGoroutines bounds how many goroutines one Sgemm call may use; zero
// means runtime.GOMAXPROCS.
var maxGoroutines atomic.Int64

// SetMaxGoroutines sets how many goroutines a single large Sgemm call may
// use (the calling one included) and returns the previous setting. n = 1
// keeps every call on its caller's goroutine; n ≤ 0 restores the default,
// runtime.GOMAXPROCS(0). Products smaller than a few tens of MFLOP always
// run on one goroutine.
func SetMaxGoroutines(n int) int {
	return int(maxGoroutines.Swap(int64(max(n, 0))))
}

// goroutineLimit is the number of goroutines a call may use now.
func goroutineLimit() int {
	p := runtime.GOMAXPROCS(0)
	if n := int(maxGoroutines.Load()); n > 0 {
		p = min(p, n)
	}
	return min(p, runtime.NumCPU())
}

// split describes how a call is shared out: parts pieces along the columns
// of C (byCols) or along its rows.
type split struct {
	parts  int
	byCols bool
}

// chooseSplit decides how many goroutines share pr and along which
// dimension of C. Cutting the columns makes every goroutine pack all of
// op(A), cutting the rows makes each pack all of op(B): the longer
// dimension of C is cut, so that the duplicated operand is the smaller one.
func chooseSplit(k *microKernel, pr *problem) split {
	p := goroutineLimit()
	if p <= 1 || 2*float64(pr.m)*float64(pr.n)*float64(pr.k) < parallelMinFlops {
		return split{parts: 1}
	}
	colTiles := (pr.n + k.nr - 1) / k.nr
	rowTiles := (pr.m + k.mr - 1) / k.mr
	if pr.n >= pr.m && colTiles >= p {
		return split{parts: p, byCols: true}
	}
	if rowTiles >= p {
		return split{parts: p}
	}
	if colTiles >= p {
		return split{parts: p, byCols: true}
	}
	return split{parts: 1}
}

// piece returns part i of parts of pr, cut at a multiple of unit.
func (s split) piece(pr *problem, i, unit int) problem {
	total := pr.m
	if s.byCols {
		total = pr.n
	}
	units := (total + unit - 1) / unit
	lo := min(total, units*i/s.parts*unit)
	hi := min(total, units*(i+1)/s.parts*unit)
	if s.byCols {
		return pr.colRange(lo, hi)
	}
	return pr.rowRange(lo, hi)
}

// rowRange returns the problem computing rows [i0, i1) of C.
func (pr *problem) rowRange(i0, i1 int) problem {
	sub := *pr
	sub.m = i1 - i0
	if pr.transA {
		sub.a = pr.a[i0:]
	} else {
		sub.a = pr.a[i0*pr.lda:]
	}
	sub.c = pr.c[i0*pr.ldc:]
	return sub
}

// colRange returns the problem computing columns [j0, j1) of C.
func (pr *problem) colRange(j0, j1 int) problem {
	sub := *pr
	sub.n = j1 - j0
	if pr.transB {
		sub.b = pr.b[j0*pr.ldb:]
	} else {
		sub.b = pr.b[j0:]
	}
	sub.c = pr.c[j0:]
	return sub
}

// job is one piece of a split call, handed to a worker goroutine.
type job struct {
	k    *microKernel
	pr   problem
	done chan struct{}
}

// workers are the goroutines that run jobs, started on first use. They
// live as long as the process: starting a goroutine per call would
// allocate, and parking idle ones costs nothing.
var workers struct {
	start sync.Once
	jobs  chan *job
}

// freeJobs recycles job values (and their done channels) so that split
// calls do not allocate.
var freeJobs struct {
	sync.Mutex
	list []*job
}

func getJob() *job {
	freeJobs.Lock()
	defer freeJobs.Unlock()
	if n := len(freeJobs.list); n > 0 {
		j := freeJobs.list[n-1]
		freeJobs.list = freeJobs.list[:n-1]
		return j
	}
	return &job{done: make(chan struct{}, 1)}
}

func putJob(j *job) {
	j.pr = problem{} // drop references to the caller's matrices
	freeJobs.Lock()
	freeJobs.list = append(freeJobs.list, j)
	freeJobs.Unlock()
}

func startWorkers() {
	n := max(1, runtime.NumCPU()-1)
	// Unbuffered: a send succeeds only when a worker is waiting for work.
	workers.jobs = make(chan *job)
	for range n {
		go func() {
			for j := range workers.jobs {
				ws := getWorkspace()
				computeAll(j.k, ws, &j.pr)
				putWorkspace(ws)
				j.done <- struct{}{}
			}
		}()
	}
}

// maxParts bounds the pieces of one call; it sizes the caller's arrays of
// pieces.
const maxParts = 64

// runParallel computes pr in s.parts pieces. Each piece after the first
// is offered to an idle worker; pieces no worker is free to take, and the
// first, run on the calling goroutine, which then waits for the workers'
// pieces. Offering only to idle workers means a caller that already runs
// several products at once (one per core) is not slowed by waiting for
// busy workers, and workers never wait for anything, so calls from many
// goroutines cannot deadlock.
func runParallel(k *microKernel, pr *problem, s split) {
	workers.start.Do(startWorkers)
	s.parts = min(s.parts, maxParts)
	unit := k.mr
	if s.byCols {
		unit = k.nr
	}
	var (
		sent   [maxParts]*job
		inline [maxParts]bool
	)
	inline[0] = true
	for i := 1; i < s.parts; i++ {
		j := getJob()
		j.k, j.pr = k, s.piece(pr, i, unit)
		select {
		case workers.jobs <- j:
			sent[i] = j
		default:
			putJob(j)
			inline[i] = true
		}
	}
	ws := getWorkspace()
	for i := range s.parts {
		if inline[i] {
			piece := s.piece(pr, i, unit)
			computeAll(k, ws, &piece)
		}
	}
	putWorkspace(ws)
	for i := 1; i < s.parts; i++ {
		if sent[i] != nil {
			<-sent[i].done
			putJob(sent[i])
		}
	}
}
