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

// blockRows is the number of rows of C one worker computes between checks
// of the context in a large product.
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
	blocks := (m + blockRows - 1) / blockRows
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
					fail = fmt.Errorf("matrix product: %v", r)
					mu.Unlock()
				}
			}()
			for {
				blk, ok := take()
				if !ok {
					return
				}
				r0 := blk * blockRows
				rows := min(blockRows, m-r0)
				aOff := r0 * lda
				if transA {
					aOff = r0
				}
				gemm(transA, transB, rows, n, k, 1, a[aOff:], lda, b, ldb, beta, c[r0*ldc:], ldc)
			}
		}()
	}
	wg.Wait()
	return fail
}
