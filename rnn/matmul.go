package rnn

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	gemmpkg "github.com/gornn/gornn/rnn/internal/gemm"
)

// gemm computes C = alpha·op(A)·op(B) + beta·C on row-major matrices with
// BLAS semantics: op(A) is m×k, op(B) is k×n, C is m×n. Every matrix
// product in the package goes through here; it is the SIMD kernel of
// rnn/internal/gemm.
func gemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	gemmpkg.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// blockRows is the number of rows one worker handles between checks of
// the context in a large op.
const blockRows = 256

// parallelMinFlops is the size of product below which splitting it over
// goroutines costs more than it saves.
const parallelMinFlops = 1 << 22

// matmul runs gemm, splitting the rows of C into blocks for large products:
// blocks run on all cores and the context is checked between blocks, so
// that a product over tens of thousands of rows can be cancelled.
func (e *execution) matmul(transA, transB bool, m, n, k int, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) error {
	if m <= blockRows || 2*m*n*k < parallelMinFlops {
		gemm(transA, transB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
		return nil
	}
	e.s.rows.job = rowJob{mm: gemmArgs{transA: transA, transB: transB, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc}}
	return e.runBlocks(m)
}

// gemmArgs is a product whose rows of C rowRunner splits into blocks.
type gemmArgs struct {
	transA, transB bool
	n, k           int
	a              []float32
	lda            int
	b              []float32
	ldb            int
	beta           float32
	c              []float32
	ldc            int
}

// rows computes rows [r0, r1) of C.
func (g *gemmArgs) rows(r0, r1 int) {
	aOff := r0 * g.lda
	if g.transA {
		aOff = r0
	}
	gemm(g.transA, g.transB, r1-r0, g.n, g.k, 1, g.a[aOff:], g.lda, g.b, g.ldb, g.beta, g.c[r0*g.ldc:], g.ldc)
}

// parallelRows calls work on blocks of blockRows rows out of rows, on all
// cores, checking the context before each block. Small jobs run on the
// calling goroutine in one block.
func (e *execution) parallelRows(rows int, work func(r0, r1 int)) error {
	if rows <= blockRows {
		work(0, rows)
		return e.cancelled()
	}
	e.s.rows.job = rowJob{work: work}
	return e.runBlocks(rows)
}

// runBlocks runs the job set up in the session's rowRunner over rows.
func (e *execution) runBlocks(rows int) error {
	r := &e.s.rows
	j := &r.job
	j.ctx, j.rows = e.ctx, rows
	j.blocks = (rows + blockRows - 1) / blockRows
	workers := min(runtime.GOMAXPROCS(0), j.blocks)
	r.wg.Add(workers)
	for w := 1; w < workers; w++ {
		go r.worker()
	}
	r.worker()
	r.wg.Wait()
	err := j.fail
	r.job = rowJob{} // drop the references to this run's buffers
	return err
}

// rowRunner hands out the row blocks of one parallelRows or matmul call.
// A session owns one, so that splitting work does not allocate.
type rowRunner struct {
	wg  sync.WaitGroup
	mu  sync.Mutex // guards job.next and job.fail
	job rowJob
}

// rowJob is the work of one call.
type rowJob struct {
	ctx    context.Context
	work   func(r0, r1 int) // the job, or nil for mm
	mm     gemmArgs
	rows   int
	blocks int
	next   int
	fail   error
}

// take returns the next block, or false when all are taken, one failed
// or the context is done.
func (r *rowRunner) take() (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	j := &r.job
	if j.fail != nil || j.next >= j.blocks {
		return 0, false
	}
	if err := j.ctx.Err(); err != nil {
		j.fail = err
		return 0, false
	}
	i := j.next
	j.next++
	return i, true
}

func (r *rowRunner) worker() {
	defer r.wg.Done()
	defer func() {
		// A panic on a worker would end the process: report it instead.
		if p := recover(); p != nil {
			r.mu.Lock()
			r.job.fail = fmt.Errorf("internal error: %v", p)
			r.mu.Unlock()
		}
	}()
	for {
		blk, ok := r.take()
		if !ok {
			return
		}
		r0, r1 := blk*blockRows, min((blk+1)*blockRows, r.job.rows)
		if r.job.work != nil {
			r.job.work(r0, r1)
		} else {
			r.job.mm.rows(r0, r1)
		}
	}
}
