//go:build !purego

package gemm

import "golang.org/x/sys/cpu"

// avx2Kernel computes 4×24 tiles with AVX2 and FMA: twelve 8-lane
// accumulators, three registers for a row of the B panel and one for a
// broadcast element of A use all sixteen YMM registers. Four rows divide
// the model's batch of 16 and 24 columns waste little of 256 or 512.
var avx2Kernel = microKernel{
	name: "avx2 4x24", mr: 4, nr: 24, tile: tile4x24, dot: dot4x3,
	narrow: []narrowTile{{8, tile4x8}, {16, tile4x16}},
	packA8: interleave4Checked, copyB: copyPanel24Checked, transpose8: transpose8Checked,
}

// hasAVX2 reports whether the AVX2 kernel can run.
var hasAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// paths lists the kernels from the widest vectors down, each with whether
// this CPU runs it; the first that runs is the default.
var paths = []kernelPath{
	{&avx512Kernel, "AVX-512F (with AVX2 and FMA)", hasAVX512},
	{&avx2Kernel, "AVX2 and FMA", hasAVX2},
	{&genericKernel, "", true},
}

// tile4x24 implements tileFunc with tile4x24AVX2. The slice expressions
// check, once per call, that the assembly stays inside its operands.
func tile4x24(kc, panels int, a, b []float32, bstride int, c []float32, ldc int, alpha, beta float32, loadC bool) {
	checkTile(kc, panels, a, b, bstride, c, ldc, 24)
	tile4x24AVX2(kc, panels, &a[0], &b[0], bstride, &c[0], ldc, alpha, beta, loadC)
}

// tile4x16 is tile4x24 for the 16 columns left at the right edge of C.
func tile4x16(kc, panels int, a, b []float32, bstride int, c []float32, ldc int, alpha, beta float32, loadC bool) {
	checkTile(kc, panels, a, b, bstride, c, ldc, 16)
	tile4x16AVX2(kc, panels, &a[0], &b[0], bstride, &c[0], ldc, alpha, beta, loadC)
}

// tile4x8 is tile4x24 for the 8 columns left at the right edge of C.
func tile4x8(kc, panels int, a, b []float32, bstride int, c []float32, ldc int, alpha, beta float32, loadC bool) {
	checkTile(kc, panels, a, b, bstride, c, ldc, 8)
	tile4x8AVX2(kc, panels, &a[0], &b[0], bstride, &c[0], ldc, alpha, beta, loadC)
}

// checkTile panics (with an index error) unless a, b and c hold the
// operands of panels tiles of 4×cols.
func checkTile(kc, panels int, a, b []float32, bstride int, c []float32, ldc, cols int) {
	_ = a[panels*kc*4-1]
	_ = b[(kc-1)*bstride+cols-1]
	_ = c[(4*panels-1)*ldc+cols-1]
}

// The assembly micro-kernels (kernel_amd64.s) compute panels tiles of 4
// rows and 24, 16 or 8 columns. They require kc ≥ 1, panels*4*kc values at
// a, kc rows of the tile's width bstride apart at b and 4*panels rows ldc
// apart at c.

//go:noescape
func tile4x24AVX2(kc, panels int, a, b *float32, bstride int, c *float32, ldc int, alpha, beta float32, loadC bool)

//go:noescape
func tile4x16AVX2(kc, panels int, a, b *float32, bstride int, c *float32, ldc int, alpha, beta float32, loadC bool)

//go:noescape
func tile4x8AVX2(kc, panels int, a, b *float32, bstride int, c *float32, ldc int, alpha, beta float32, loadC bool)

// transpose8Checked implements microKernel.transpose8 with transpose8AVX2, checking
// first that both blocks lie inside their slices.
func transpose8Checked(dst, src []float32, lds, blocks, ldd int) {
	if blocks == 0 {
		return
	}
	_ = src[7*lds+8*blocks-1]
	_ = dst[(8*blocks-1)*ldd+7]
	transpose8AVX2(&dst[0], &src[0], lds, blocks, ldd)
}

// transpose8AVX2 is the assembly transposer (transpose_amd64.s).
//
//go:noescape
func transpose8AVX2(dst, src *float32, lds, blocks, ldd int)

// copyPanel24Checked implements microKernel.copyB (nr = 24) with copyPanel24AVX2, checking
// first that both panels lie inside their slices.
func copyPanel24Checked(dst, src []float32, lds, rows int) {
	if rows == 0 {
		return
	}
	_ = src[(rows-1)*lds+23]
	_ = dst[rows*24-1]
	copyPanel24AVX2(&dst[0], &src[0], lds, rows)
}

// copyPanel24AVX2 is the assembly panel copy (transpose_amd64.s).
//
//go:noescape
func copyPanel24AVX2(dst, src *float32, lds, rows int)

// interleave4Checked implements microKernel.packA8 (mr = 4) with interleave4AVX2, checking
// first that both blocks lie inside their slices.
func interleave4Checked(dst, src []float32, lds, blocks int) {
	if blocks == 0 {
		return
	}
	_ = src[3*lds+8*blocks-1]
	_ = dst[32*blocks-1]
	interleave4AVX2(&dst[0], &src[0], lds, blocks)
}

// interleave4AVX2 is the assembly A-panel packer (transpose_amd64.s).
//
//go:noescape
func interleave4AVX2(dst, src *float32, lds, blocks int)

// dot4x3 implements dotFunc with dot4x3AVX2, checking first that the
// assembly stays inside its operands.
func dot4x3(k8 int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int, alpha, beta float32, loadC bool) {
	_ = a[3*lda+k8-1]
	_ = b[2*ldb+k8-1]
	_ = c[3*ldc+2]
	dot4x3AVX2(k8, &a[0], lda, &b[0], ldb, &c[0], ldc, alpha, beta, loadC)
}

// dot4x3AVX2 is the assembly dot-product kernel (dot_amd64.s) for
// C = alpha*A*Bᵀ + beta*C with few rows of A.
//
//go:noescape
func dot4x3AVX2(k8 int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, alpha, beta float32, loadC bool)
