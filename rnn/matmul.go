package rnn

import (
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
	return e.parallelRows(m, func(r0, r1 int) {
		aOff := r0 * lda
		if transA {
			aOff = r0
		}
		gemm(transA, transB, r1-r0, n, k, 1, a[aOff:], lda, b, ldb, beta, c[r0*ldc:], ldc)
	})
}

// parallelRows calls work on blocks of blockRows rows out of rows, on all
// cores, checking the context before each block. Small jobs run on the
// calling goroutine in one block.
func (e *execution) parallelRows(rows int, work func(r0, r1 int)) error {
	if rows <= blockRows {
		work(0, rows)
		return e.cancelled()
	}
	blocks := (rows + blockRows - 1) / blockRows
	workers := min(runtime.GOMAXPROCS(0), blocks)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		next int
		fail error
	)
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if fail != nil || next >= blocks {
			return 0, false
		}
		if err := e.cancelled(); err != nil {
			fail = err
			return 0, false
		}
		i := next
		next++
		return i, true
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				// A panic on a worker would end the process: report it instead.
				if r := recover(); r != nil {
					mu.Lock()
					fail = fmt.Errorf("internal error: %v", r)
					mu.Unlock()
				}
			}()
			for {
				blk, ok := take()
				if !ok {
					return
				}
				r0 := blk * blockRows
				work(r0, min(r0+blockRows, rows))
			}
		}()
	}
	wg.Wait()
	return fail
}
