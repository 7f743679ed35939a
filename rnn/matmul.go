package rnn

import (
	gemmpkg "github.com/gornn/gornn/rnn/internal/gemm"
	"github.com/gornn/gornn/rnn/internal/parallel"
)

// gemm computes C = alpha·op(A)·op(B) + beta·C on row-major matrices with
// BLAS semantics: op(A) is m×k, op(B) is k×n, C is m×n. Every matrix
// product in the package goes through here or gemmSerial; it is the SIMD
// kernel of rnn/internal/gemm, which shares large products out over the
// cores.
func gemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	gemmpkg.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// gemmSerial is C = op(A)·op(B) + beta·C on the calling goroutine, for
// work that already runs one piece per core.
func gemmSerial(transA, transB bool, m, n, k int, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	gemmpkg.SgemmSerial(transA, transB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
}

// gemmPacked is C = A·B + beta·C on the calling goroutine, with B packed
// beforehand.
func gemmPacked(m int, a []float32, lda int, b *gemmpkg.PackedB, beta float32, c []float32, ldc int) {
	gemmpkg.SgemmPackedSerial(false, m, 1, a, lda, b, beta, c, ldc)
}

// blockRows is the number of rows one piece of a large op handles between
// checks of the context.
const blockRows = 256

// matmul runs gemm, cutting products with many rows into row blocks that
// run on all cores, with the context checked between blocks, so that a
// product over tens of thousands of rows can be cancelled.
func (e *execution) matmul(transA, transB bool, m, n, k int, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) error {
	if m <= blockRows {
		gemm(transA, transB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
		return nil
	}
	j := &e.s.rows
	*j = rowJob{e: e, mm: gemmArgs{transA: transA, transB: transB, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc}}
	return j.run(m)
}

// gemmArgs is a product whose rows of C a rowJob cuts into blocks.
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
	gemmSerial(g.transA, g.transB, r1-r0, g.n, g.k, g.a[aOff:], g.lda, g.b, g.ldb, g.beta, g.c[r0*g.ldc:], g.ldc)
}

// parallelRows calls work on blocks of at most blockRows rows out of rows,
// on all cores, checking the context before each block. Small jobs run on
// the calling goroutine in one block.
func (e *execution) parallelRows(rows int, work func(r0, r1 int)) error {
	if rows <= blockRows {
		work(0, rows)
		return e.cancelled()
	}
	j := &e.s.rows
	*j = rowJob{e: e, work: work}
	return j.run(rows)
}

// rowJob is one parallelRows or matmul call: equal blocks of rows, each a
// whole number of the matrix kernel's 4-row tiles. A session owns one, so
// that splitting work does not allocate.
type rowJob struct {
	e           *execution
	work        func(r0, r1 int) // the job, or nil for bin or mm
	bin         binaryRows       // used when its output is set
	mm          gemmArgs
	rows, block int
}

// binaryRows is a binaryOp over row blocks: the small operand sd is
// repeated over the rows of bd. It is a value rather than a closure, so
// that a bias added to a big batch on all cores does not allocate.
type binaryRows struct {
	op         binaryOp
	swapped    bool
	bd, sd, od []float32
}

// parallelBinary runs op.apply over rows repetitions of sd on all cores.
func (e *execution) parallelBinary(rows int, b binaryRows) error {
	j := &e.s.rows
	*j = rowJob{e: e, bin: b}
	return j.run(rows)
}

// run cuts rows into blocks and runs them.
func (j *rowJob) run(rows int) error {
	blocks := (rows + blockRows - 1) / blockRows
	j.rows = rows
	j.block = ((rows+blocks-1)/blocks + 3) &^ 3
	err := parallel.Run((rows+j.block-1)/j.block, j)
	*j = rowJob{} // drop the references to this run's buffers
	return err
}

// Do runs block i.
func (j *rowJob) Do(_, i int) error {
	if err := j.e.cancelled(); err != nil {
		return err
	}
	r0, r1 := i*j.block, min((i+1)*j.block, j.rows)
	switch {
	case j.work != nil:
		j.work(r0, r1)
	case j.bin.od != nil:
		b, m := &j.bin, len(j.bin.sd)
		b.op.apply(b.swapped, b.bd[r0*m:r1*m], b.sd, b.od[r0*m:r1*m])
	default:
		j.mm.rows(r0, r1)
	}
	return nil
}
