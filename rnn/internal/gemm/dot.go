package gemm

// dotMaxRows, dotMinK and dotMaxK bound the products C = A·Bᵀ computed as
// dot products of rows. With few rows of A, packing would transpose all of
// B to reuse each packed value only m/mr times, while reading rows of A and
// B in place costs nothing up front; each tile, though, ends in horizontal
// adds, which a short k does not amortize. Measured at m = 16: 25-30%
// faster than packing for k ≥ 384, slower for k ≤ 128; even at m = 32-64.
// dotMaxK keeps the zero-padded edge rows within the workspace.
var (
	dotMaxRows = 32
	dotMinK    = 384
)

const dotMaxK = 4096

// useDot reports whether pr is computed with k's dot-product kernel.
func useDot(k *microKernel, pr *problem) bool {
	return k.dot != nil && pr.transB && !pr.transA &&
		pr.m <= dotMaxRows && pr.k >= max(dotMinK, 8) && pr.k <= dotMaxK
}

// computeDot evaluates C = alpha·A·Bᵀ + beta·C tile by tile, each 4×3
// tile twelve dot products over the first k8 = k &^ 7 values of the rows,
// then adds the remaining (at most seven) terms of each dot product. Rows
// at the bottom and right edges are copied, zero-padded, into the
// workspace so that every tile runs through the same kernel.
func computeDot(k *microKernel, ws *workspace, pr *problem) {
	const rowsA, rowsB = 4, 3
	k8 := pr.k &^ 7
	fullM := pr.m / rowsA * rowsA
	fullN := pr.n / rowsB * rowsB
	aEdge := padRows(ws.a, pr.a, pr.lda, fullM, pr.m, rowsA, k8)
	bEdge := padRows(ws.b, pr.b, pr.ldb, fullN, pr.n, rowsB, k8)
	beta, loadC := pr.beta, pr.beta != 0
	for j := 0; j < pr.n; j += rowsB {
		b, ldb, cols := pr.b[j*pr.ldb:], pr.ldb, rowsB
		if j >= fullN {
			b, ldb, cols = bEdge, k8, pr.n-j
		}
		for i := 0; i < pr.m; i += rowsA {
			a, lda, rows := pr.a[i*pr.lda:], pr.lda, rowsA
			if i >= fullM {
				a, lda, rows = aEdge, k8, pr.m-i
			}
			c := pr.c[i*pr.ldc+j:]
			if rows == rowsA && cols == rowsB {
				k.dot(k8, a, lda, b, ldb, c, pr.ldc, pr.alpha, beta, loadC)
				continue
			}
			k.dot(k8, a, lda, b, ldb, ws.tile, rowsB, pr.alpha, 0, false)
			mergeTile(c, pr.ldc, ws.tile, rowsB, rows, cols, beta, loadC)
		}
	}
	if k8 == pr.k {
		return
	}
	for i := range pr.m {
		a := pr.a[i*pr.lda+k8 : i*pr.lda+pr.k]
		for j := range pr.n {
			b := pr.b[j*pr.ldb+k8 : j*pr.ldb+pr.k]
			var sum float32
			for p, v := range a {
				sum += v * b[p]
			}
			pr.c[i*pr.ldc+j] += pr.alpha * sum
		}
	}
}

// padRows copies rows [from, to) of src (ld apart, first k8 values) into
// the first rows×k8 values of dst, zero-filling the remaining rows, and
// returns that block; it returns nil when from == to.
func padRows(dst, src []float32, ld, from, to, rows, k8 int) []float32 {
	if from == to {
		return nil
	}
	block := dst[:rows*k8]
	clear(block)
	for r := from; r < to; r++ {
		copy(block[(r-from)*k8:(r-from+1)*k8], src[r*ld:r*ld+k8])
	}
	return block
}
