package gemm

// genericKernel is the portable micro-kernel: a 4×4 tile whose sixteen
// accumulators fit the sixteen floating-point registers of common targets.
var genericKernel = microKernel{name: "generic 4x4", mr: 4, nr: 4, tile: tile4x4Generic}

// tile4x4Generic implements tileFunc for mr = nr = 4 in plain Go.
func tile4x4Generic(kc, panels int, a, b []float32, bstride int, c []float32, ldc int, alpha, beta float32, loadC bool) {
	for t := range panels {
		one4x4(kc, a[t*4*kc:], b, bstride, c[t*4*ldc:], ldc, alpha, beta, loadC)
	}
}

// one4x4 computes a single 4×4 tile.
func one4x4(kc int, a, b []float32, bstride int, c []float32, ldc int, alpha, beta float32, loadC bool) {
	var (
		c00, c01, c02, c03 float32
		c10, c11, c12, c13 float32
		c20, c21, c22, c23 float32
		c30, c31, c32, c33 float32
	)
	a = a[:kc*4]
	for p := 0; p < kc; p++ {
		ap := a[p*4 : p*4+4 : p*4+4]
		bp := b[p*bstride : p*bstride+4 : p*bstride+4]
		a0, a1, a2, a3 := ap[0], ap[1], ap[2], ap[3]
		b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
		c20 += a2 * b0
		c21 += a2 * b1
		c22 += a2 * b2
		c23 += a2 * b3
		c30 += a3 * b0
		c31 += a3 * b1
		c32 += a3 * b2
		c33 += a3 * b3
	}
	storeRow4(c[0*ldc:], c00, c01, c02, c03, alpha, beta, loadC)
	storeRow4(c[1*ldc:], c10, c11, c12, c13, alpha, beta, loadC)
	storeRow4(c[2*ldc:], c20, c21, c22, c23, alpha, beta, loadC)
	storeRow4(c[3*ldc:], c30, c31, c32, c33, alpha, beta, loadC)
}

// storeRow4 writes alpha*acc (+ beta*row when loadC) into the first four
// elements of row.
func storeRow4(row []float32, v0, v1, v2, v3, alpha, beta float32, loadC bool) {
	row = row[:4:4]
	if loadC {
		row[0] = alpha*v0 + beta*row[0]
		row[1] = alpha*v1 + beta*row[1]
		row[2] = alpha*v2 + beta*row[2]
		row[3] = alpha*v3 + beta*row[3]
		return
	}
	row[0] = alpha * v0
	row[1] = alpha * v1
	row[2] = alpha * v2
	row[3] = alpha * v3
}
