package gemm

// tileFunc computes a column of panels mr×nr tiles of C from packed
// operands. For tile t, with at = a[t*mr*kc:] and ct = c[t*mr*ldc:],
//
//	ct[i*ldc+j] = alpha * Σ_p at[p*mr+i] * b[p*bstride+j]                  (loadC false)
//	ct[i*ldc+j] = alpha * Σ_p at[p*mr+i] * b[p*bstride+j] + beta*ct[i*ldc+j] (loadC true)
//
// for 0 ≤ p < kc, 0 ≤ i < mr, 0 ≤ j < nr. Handling several tiles per call
// amortizes the call over more work when kc is small. kc is at least 1.
type tileFunc func(kc, panels int, a, b []float32, bstride int, c []float32, ldc int, alpha, beta float32, loadC bool)

// dotFunc computes a 4×3 tile of C = alpha*A*Bᵀ (+ beta*C when loadC)
// from four rows of A (lda apart) and three rows of B (ldb apart), using
// their first k8 values; k8 is a positive multiple of 8.
type dotFunc func(k8 int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int, alpha, beta float32, loadC bool)

// narrowTile is a tileFunc for tiles cols columns wide.
type narrowTile struct {
	cols int
	tile tileFunc
}

// microKernel describes an implementation of the innermost loop: the tile
// shape it computes and the function computing it.
type microKernel struct {
	name   string
	mr, nr int // rows and columns of the C tile computed by one call
	tile   tileFunc
	dot    dotFunc // nil when the kernel has no dot-product form

	// narrow lists kernels for tiles of mr rows and fewer than nr columns,
	// which compute the right edge of C in place instead of in a scratch
	// tile; they read B with the same stride as tile.
	narrow []narrowTile

	// Optional vector helpers for packing; when nil, packing is plain Go.
	//
	// packA8 packs mr rows of 8*blocks values (lds apart in src) into an
	// A panel: dst[p*mr+i] = src[i*lds+p].
	packA8 func(dst, src []float32, lds, blocks int)
	// copyB copies rows rows of nr values, lds apart in src, to dst with
	// no gaps: a full panel of an untransposed B.
	copyB func(dst, src []float32, lds, rows int)
	// transpose8 copies an 8×(8*blocks) block of src (rows lds apart) to
	// dst transposed: column p of src becomes dst[p*ldd : p*ldd+8].
	transpose8 func(dst, src []float32, lds, blocks, ldd int)
}

// Blocking of the three loops around the micro-kernel. A kcBlock×nr panel
// of packed B (24 KiB for nr = 24) is reused from L1 by every mr-row panel of
// packed A; the mcBlock×kcBlock block of packed A (96 KiB) stays in L2 while
// the B panels stream past it; ncBlock bounds the packed B block (1.5 MiB,
// in L3). mcBlock and ncBlock are multiples of every kernel's mr and nr.
const (
	kcBlock = 256
	mcBlock = 96
	ncBlock = 1536
)

// maxTile is the largest mr*nr of any micro-kernel, the size of the scratch
// tile used for the edges of C.
const maxTile = 8 * 32

// narrowFor returns the kernel for tiles exactly cols wide, or nil.
func (k *microKernel) narrowFor(cols int) tileFunc {
	for _, nt := range k.narrow {
		if nt.cols == cols {
			return nt.tile
		}
	}
	return nil
}
