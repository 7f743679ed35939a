package gemm

// run computes the problem with kernel k, splitting it over goroutines when
// it is large enough to repay the hand-off.
func run(k *microKernel, pr *problem) {
	s := chooseSplit(k, pr)
	if s.parts <= 1 {
		ws := getWorkspace()
		computeAll(k, ws, pr)
		putWorkspace(ws)
		return
	}
	runParallel(k, pr, s)
}

// computeAll evaluates the whole of C.
func computeAll(k *microKernel, ws *workspace, pr *problem) {
	switch {
	case pr.m == 0 || pr.n == 0:
	case useDot(k, pr):
		computeDot(k, ws, pr)
	default:
		compute(k, ws, pr)
	}
}

// compute evaluates C, looping over blocks of op(B) columns (ncBlock), of
// the inner dimension (kcBlock) and of op(A) rows (mcBlock) around the
// micro-kernel, in the order of the BLIS/GotoBLAS algorithm: each packed B
// panel is reused by all of op(A)'s rows.
func compute(k *microKernel, ws *workspace, pr *problem) {
	mr, nr := k.mr, k.nr
	for jc := 0; jc < pr.n; jc += ncBlock {
		nc := min(ncBlock, pr.n-jc)
		for pc := 0; pc < pr.k; pc += kcBlock {
			kc := min(kcBlock, pr.k-pc)
			// The first pass over the inner dimension applies beta; the
			// later ones add to what it left.
			beta, loadC := pr.beta, pr.beta != 0
			if pc > 0 {
				beta, loadC = 1, true
			}
			direct := !pr.transB && pr.packed == nil && pr.m <= directRows && kc*nc <= directMaxB
			// A narrower right-edge panel is read in place too when a
			// narrow kernel covers it and no bottom-edge tile (which
			// reads a full nr columns) needs it.
			rem := nc % nr
			directEdge := direct && rem != 0 && pr.m%mr == 0 && k.narrowFor(rem) != nil
			packedB := ws.b
			switch {
			case pr.packed != nil:
				packedB = pr.packed.block(jc, pc)
			case !direct:
				packB(k, ws.b, pr.transB, pr.b, pr.ldb, pc, jc, kc, nc)
			case rem != 0 && !directEdge:
				packB(k, ws.b, false, pr.b, pr.ldb, pc, jc+nc-rem, kc, rem)
			}
			for ic := 0; ic < pr.m; ic += mcBlock {
				mc := min(mcBlock, pr.m-ic)
				packA(k, ws.a, pr.transA, pr.a, pr.lda, ic, pc, mc, kc)
				for jr := 0; jr < nc; jr += nr {
					cols := min(nr, nc-jr)
					bp, bs := packedB[jr*kc:jr*kc+nr*kc], nr
					if direct {
						if cols == nr || directEdge {
							bp, bs = pr.b[pc*pr.ldb+jc+jr:], pr.ldb
						} else {
							bp = ws.b[:nr*kc]
						}
					}
					// Whole tiles in one call (with a narrower kernel at the
					// right edge when there is one), then the bottom edge.
					tile := k.tile
					if cols < nr {
						tile = k.narrowFor(cols)
					}
					full := mc / mr
					ci := ic*pr.ldc + jc + jr
					edge := 0
					if tile != nil {
						if full > 0 {
							tile(kc, full, ws.a, bp, bs, pr.c[ci:], pr.ldc, pr.alpha, beta, loadC)
						}
						edge = full * mr
					}
					for ir := edge; ir < mc; ir += mr {
						rows := min(mr, mc-ir)
						ap := ws.a[ir*kc : ir*kc+mr*kc]
						k.tile(kc, 1, ap, bp, bs, ws.tile, nr, pr.alpha, 0, false)
						mergeTile(pr.c[ci+ir*pr.ldc:], pr.ldc, ws.tile, nr, rows, cols, beta, loadC)
					}
				}
			}
		}
	}
}

// mergeTile writes the rows×cols corner of an edge tile computed in scratch
// space into C: C = tile (+ beta*C when loadC).
func mergeTile(c []float32, ldc int, tile []float32, nr, rows, cols int, beta float32, loadC bool) {
	for i := range rows {
		dst := c[i*ldc : i*ldc+cols]
		src := tile[i*nr : i*nr+cols]
		if !loadC {
			copy(dst, src)
			continue
		}
		for j, v := range src {
			dst[j] = v + beta*dst[j]
		}
	}
}

// directRows and directMaxB decide when full panels of an untransposed B
// are read in place instead of being packed: for at most directRows rows of
// C, and a block of B of at most directMaxB values (an L2's worth). With
// few rows of A each panel is reused only m/mr times, too few to repay the
// copy; with more rows, or a larger B, cache misses from reading B's rows
// at a long (often power-of-two) stride cost more than the packing does.
// Measured on the model's shapes: 16×512×256 runs about 15% faster in
// place, 128×512×256 and 16×1024×256 about 10% slower.
var (
	directRows = 64
	directMaxB = 128 << 10
)
