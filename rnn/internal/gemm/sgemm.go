package gemm

import "fmt"

// Sgemm computes C = alpha*op(A)*op(B) + beta*C for row-major float32
// matrices, with the argument conventions of the BLAS routine of the same
// name (CBLAS row-major order): op(X) is X, or its transpose when the
// corresponding trans flag is set; op(A) is m×k, op(B) is k×n and C is m×n.
// lda, ldb and ldc are the row strides of the matrices as stored: A is stored
// as m×k (k×m when transA), B as k×n (n×k when transB).
//
// When beta is zero, C is overwritten without being read, so NaN or Inf
// values already in C do not propagate. When alpha is zero or k is zero, A
// and B are not read and C is scaled by beta.
//
// Sgemm panics with a message naming the argument when the sizes are
// inconsistent (negative dimensions, strides shorter than a row, slices too
// short): these are programming errors, as in gonum's blas packages.
// As in BLAS, C must not overlap A or B.
//
// Sgemm does not allocate in steady state and is safe for concurrent use.
// Large products are shared with worker goroutines (see SetMaxGoroutines).
func Sgemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int,
	b []float32, ldb int, beta float32, c []float32, ldc int) {
	sgemmWith(active, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// SgemmSerial is Sgemm computed entirely on the calling goroutine, for
// callers that already run one product per core: sharing it with workers
// would only take cores from the caller's other goroutines.
func SgemmSerial(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int,
	b []float32, ldb int, beta float32, c []float32, ldc int) {
	checkArgs(transA, transB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc)
	if trivial(m, n, k, alpha, beta, c, ldc) {
		return
	}
	ws := getWorkspace()
	computeAll(active, ws, &problem{
		transA: transA, transB: transB,
		m: m, n: n, k: k,
		alpha: alpha, a: a, lda: lda,
		b: b, ldb: ldb,
		beta: beta, c: c, ldc: ldc,
	})
	putWorkspace(ws)
}

// sgemmWith is Sgemm computed with micro-kernel mk; tests use it to check
// every kernel, whichever one the machine selects.
func sgemmWith(mk *microKernel, transA, transB bool, m, n, k int, alpha float32, a []float32, lda int,
	b []float32, ldb int, beta float32, c []float32, ldc int) {
	checkArgs(transA, transB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc)
	if trivial(m, n, k, alpha, beta, c, ldc) {
		return
	}
	run(mk, &problem{
		transA: transA, transB: transB,
		m: m, n: n, k: k,
		alpha: alpha, a: a, lda: lda,
		b: b, ldb: ldb,
		beta: beta, c: c, ldc: ldc,
	})
}

// problem holds the arguments of one Sgemm call, validated.
type problem struct {
	transA, transB bool
	m, n, k        int
	alpha          float32
	a              []float32
	lda            int
	b              []float32
	ldb            int
	beta           float32
	c              []float32
	ldc            int
	packed         *PackedB // when not nil, B packed beforehand (b is unused)
}

// checkArgs panics when the arguments cannot describe valid matrices. The
// checks follow the reference BLAS: a stride must cover at least one stored
// row (and be at least 1), and each slice must reach the last element of its
// matrix.
func checkArgs(transA, transB bool, m, n, k, lenA, lda, lenB, ldb, lenC, ldc int) {
	switch {
	case m < 0:
		panic(fmt.Sprintf("gemm: Sgemm: m = %d is negative", m))
	case n < 0:
		panic(fmt.Sprintf("gemm: Sgemm: n = %d is negative", n))
	case k < 0:
		panic(fmt.Sprintf("gemm: Sgemm: k = %d is negative", k))
	}
	rowsA, colsA := m, k
	if transA {
		rowsA, colsA = k, m
	}
	rowsB, colsB := k, n
	if transB {
		rowsB, colsB = n, k
	}
	checkMatrix("A", rowsA, colsA, lenA, lda)
	checkMatrix("B", rowsB, colsB, lenB, ldb)
	checkMatrix("C", m, n, lenC, ldc)
}

// checkMatrix panics unless a slice of length length with row stride ld
// can hold a rows×cols row-major matrix.
func checkMatrix(name string, rows, cols, length, ld int) {
	if ld < max(1, cols) {
		panic(fmt.Sprintf("gemm: Sgemm: ld%s = %d is less than the %d columns of %s as stored",
			lower(name), ld, cols, name))
	}
	if rows == 0 || cols == 0 {
		return
	}
	if need := (rows-1)*ld + cols; length < need {
		panic(fmt.Sprintf("gemm: Sgemm: %s has %d elements, a %d×%d matrix with stride %d needs %d",
			name, length, rows, cols, ld, need))
	}
}

func lower(name string) string {
	return string(rune(name[0]) + ('a' - 'A'))
}

// trivial handles the products that need no multiplication (an empty C,
// or alpha or k zero: C = beta*C) and reports whether it was one.
func trivial(m, n, k int, alpha, beta float32, c []float32, ldc int) bool {
	if m == 0 || n == 0 {
		return true
	}
	if alpha == 0 || k == 0 {
		scaleC(m, n, beta, c, ldc)
		return true
	}
	return false
}

// scaleC sets C = beta*C, writing zeros (not beta*C) when beta is zero.
func scaleC(m, n int, beta float32, c []float32, ldc int) {
	for i := range m {
		row := c[i*ldc : i*ldc+n]
		switch beta {
		case 0:
			clear(row)
		case 1:
		default:
			for j := range row {
				row[j] *= beta
			}
		}
	}
}
