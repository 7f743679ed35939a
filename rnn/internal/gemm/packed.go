package gemm

import "fmt"

// PackedB is the right-hand operand of a product, op(B), packed once into
// the layout the micro-kernel reads, for products that use the same B
// many times: a layer's weights multiplied at every step of a sequence.
// The zero value is empty; Pack fills it, reusing its storage.
type PackedB struct {
	k, n int
	kern *microKernel
	data []float32
}

// Pack packs op(B), which is k×n: B as stored is k×n with row stride ldb,
// or n×k when transB. It panics, as Sgemm does, when the sizes are
// inconsistent. Pack does not allocate once pb has held a B as large.
func (pb *PackedB) Pack(transB bool, k, n int, b []float32, ldb int) {
	pb.pack(active, transB, k, n, b, ldb)
}

func (pb *PackedB) pack(kern *microKernel, transB bool, k, n int, b []float32, ldb int) {
	if k < 0 || n < 0 {
		panic(fmt.Sprintf("gemm: PackedB.Pack: negative size %d×%d", k, n))
	}
	rows, cols := k, n
	if transB {
		rows, cols = n, k
	}
	checkMatrix("B", rows, cols, len(b), ldb)
	pb.k, pb.n, pb.kern = k, n, kern
	size := 0
	for jc := 0; jc < n; jc += ncBlock {
		size += k * roundUp(min(ncBlock, n-jc), kern.nr)
	}
	if cap(pb.data) < size {
		pb.data = alignedFloats(size)
	}
	pb.data = pb.data[:size]
	for jc := 0; jc < n; jc += ncBlock {
		nc := min(ncBlock, n-jc)
		for pc := 0; pc < k; pc += kcBlock {
			kc := min(kcBlock, k-pc)
			packB(kern, pb.block(jc, pc), transB, b, ldb, pc, jc, kc, nc)
		}
	}
}

// block returns the packed block of columns from jc and inner indices
// from pc: blocks of whole ncBlock columns come first, and within one,
// the kcBlock slices of the inner dimension follow each other.
func (pb *PackedB) block(jc, pc int) []float32 {
	ncp := roundUp(min(ncBlock, pb.n-jc), pb.kern.nr)
	return pb.data[jc*pb.k+pc*ncp:]
}

func roundUp(x, unit int) int { return (x + unit - 1) / unit * unit }

// SgemmPackedSerial computes C = alpha·op(A)·B + beta·C like SgemmSerial,
// with B packed by pb.Pack: op(A) is m×k and C is m×n for pb's k×n.
func SgemmPackedSerial(transA bool, m int, alpha float32, a []float32, lda int, pb *PackedB, beta float32, c []float32, ldc int) {
	if pb == nil || pb.kern == nil {
		panic("gemm: SgemmPackedSerial: B is not packed")
	}
	n, k := pb.n, pb.k
	rowsA, colsA := m, k
	if transA {
		rowsA, colsA = k, m
	}
	if m < 0 {
		panic(fmt.Sprintf("gemm: SgemmPackedSerial: m = %d is negative", m))
	}
	checkMatrix("A", rowsA, colsA, len(a), lda)
	checkMatrix("C", m, n, len(c), ldc)
	if trivial(m, n, k, alpha, beta, c, ldc) {
		return
	}
	ws := getWorkspace()
	compute(pb.kern, ws, &problem{
		transA: transA,
		m:      m, n: n, k: k,
		alpha: alpha, a: a, lda: lda,
		packed: pb,
		beta:   beta, c: c, ldc: ldc,
	})
	putWorkspace(ws)
}
