package gemm

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/gornn/gornn/rnn/internal/parallel"
)

// parallelMinFlops is the smallest product (2mnk floating-point
// operations) shared with worker goroutines. On a shared two-core machine
// the batch-16 products (4.2 MFLOP, about 60 µs) gained nothing from a
// second goroutine (the kernel gradient's got slower), the wake-up taking
// a good part of that time; with the second core free, 448×128×512 (59
// MFLOP) ran 1.4 times faster and 1000×256×512 (262 MFLOP) 1.5 times.
const parallelMinFlops = 24 << 20

// piecesPerGoroutine is how many pieces a shared product is cut into per
// goroutine that may work on it. More pieces even out a worker that starts
// late or is descheduled; each piece repacks the operand it shares with the
// others, which bounds how many are worth having.
const piecesPerGoroutine = 4

// maxGoroutines bounds how many goroutines one Sgemm call may use; zero
// means runtime.GOMAXPROCS.
var maxGoroutines atomic.Int64

// SetMaxGoroutines sets how many goroutines a single large Sgemm call may
// use (the calling one included) and returns the previous setting. n = 1
// keeps every call on its caller's goroutine, which suits callers that
// already run one product per core; n ≤ 0 restores the default,
// runtime.GOMAXPROCS(0). Small products always run on one goroutine.
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
// of C (byCols) or along its rows, each a whole number of tiles.
type split struct {
	parts  int
	byCols bool
}

// chooseSplit decides into how many pieces pr is cut, and along which
// dimension of C. Cutting the columns makes every piece pack all of op(A),
// cutting the rows makes each pack all of op(B): the longer dimension of C
// is cut, so that the repacked operand is the smaller one.
func chooseSplit(k *microKernel, pr *problem) split {
	p := goroutineLimit()
	if p <= 1 || 2*float64(pr.m)*float64(pr.n)*float64(pr.k) < parallelMinFlops {
		return split{parts: 1}
	}
	colTiles := (pr.n + k.nr - 1) / k.nr
	rowTiles := (pr.m + k.mr - 1) / k.mr
	want := min(p*piecesPerGoroutine, maxParts)
	switch {
	case pr.n >= pr.m && colTiles >= p:
		return split{parts: min(want, colTiles), byCols: true}
	case rowTiles >= p:
		return split{parts: min(want, rowTiles)}
	case colTiles >= p:
		return split{parts: min(want, colTiles), byCols: true}
	}
	return split{parts: 1}
}

// maxParts bounds the pieces of one call.
const maxParts = 64

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

// job is a product shared out by package parallel: its caller and any
// idle workers claim pieces until none are left, so a worker that wakes
// late, or not at all, just computes fewer.
type job struct {
	k    *microKernel
	pr   problem
	s    split
	unit int
}

// Do computes piece i.
func (j *job) Do(_, i int) error {
	piece := j.s.piece(&j.pr, i, j.unit)
	ws := getWorkspace()
	computeAll(j.k, ws, &piece)
	putWorkspace(ws)
	return nil
}

// freeJobs recycles jobs so that shared calls do not allocate.
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
	return &job{}
}

func putJob(j *job) {
	j.k, j.pr = nil, problem{} // drop references to the caller's matrices
	freeJobs.Lock()
	freeJobs.list = append(freeJobs.list, j)
	freeJobs.Unlock()
}

// runParallel computes pr in s.parts pieces on the caller's goroutine and
// any idle workers. Pieces never fail, and a panic in one (a bug) is
// raised again on the caller's goroutine.
func runParallel(k *microKernel, pr *problem, s split) {
	j := getJob()
	j.k, j.pr, j.s = k, *pr, s
	j.unit = k.mr
	if s.byCols {
		j.unit = k.nr
	}
	err := parallel.RunLimit(s.parts, goroutineLimit(), j)
	putJob(j)
	if err != nil {
		panic(err)
	}
}
