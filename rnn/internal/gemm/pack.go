package gemm

// packA copies the mc×kc block of op(A) starting at row i0, column p0 into
// dst as a sequence of mr-row panels. Within a panel the mr values of one
// column are adjacent (dst[panel*mr*kc + p*mr + i]), which is the order the
// micro-kernel reads them in. Rows past mc are zero so that edge panels can
// run through the same kernel.
func packA(k *microKernel, dst []float32, transA bool, a []float32, lda, i0, p0, mc, kc int) {
	mr := k.mr
	for ir := 0; ir < mc; ir += mr {
		rows := min(mr, mc-ir)
		panel := dst[ir*kc : ir*kc+mr*kc]
		if transA {
			// op(A)[i][p] = a[p*lda+i]: the panel's column p is contiguous.
			if rows == 4 && mr == 4 {
				for p := range kc {
					src := a[(p0+p)*lda+i0+ir:]
					src = src[:4:4]
					out := panel[p*4 : p*4+4 : p*4+4]
					out[0], out[1], out[2], out[3] = src[0], src[1], src[2], src[3]
				}
				continue
			}
			if rows == 8 && mr == 8 {
				// An array copy, not copy(): a call to memmove per eight
				// values would cost more than the values.
				for p := range kc {
					*(*[8]float32)(panel[p*8:]) = *(*[8]float32)(a[(p0+p)*lda+i0+ir:])
				}
				continue
			}
			for p := range kc {
				src := a[(p0+p)*lda+i0+ir:]
				out := panel[p*mr : p*mr+mr]
				copy(out, src[:rows])
				clear(out[rows:])
			}
			continue
		}
		if rows == mr && k.packA8 != nil {
			// Whole blocks of eight columns through the vector packer,
			// then the remaining columns one by one.
			k.packA8(panel, a[(i0+ir)*lda+p0:], lda, kc/8)
			for i := range mr {
				src := a[(i0+ir+i)*lda+p0:]
				for p := kc / 8 * 8; p < kc; p++ {
					panel[p*mr+i] = src[p]
				}
			}
			continue
		}
		if rows < mr {
			clear(panel) // the rows past mc stay zero
		}
		for i := range rows {
			src := a[(i0+ir+i)*lda+p0:]
			src = src[:kc]
			for p, v := range src {
				panel[p*mr+i] = v
			}
		}
	}
}

// packB copies the kc×nc block of op(B) starting at row p0, column j0 into
// dst as a sequence of nr-column panels, each row of a panel contiguous
// (dst[panel*nr*kc + p*nr + j]). Columns past nc are zero.
func packB(k *microKernel, dst []float32, transB bool, b []float32, ldb, p0, j0, kc, nc int) {
	nr := k.nr
	for jr := 0; jr < nc; jr += nr {
		cols := min(nr, nc-jr)
		panel := dst[jr*kc : jr*kc+nr*kc]
		if !transB {
			if cols == nr && k.copyB != nil {
				k.copyB(panel, b[p0*ldb+j0+jr:], ldb, kc)
				continue
			}
			for p := range kc {
				src := b[(p0+p)*ldb+j0+jr:]
				out := panel[p*nr : p*nr+nr]
				copy(out, src[:cols])
				clear(out[cols:])
			}
			continue
		}
		// op(B)[p][j] = b[j*ldb+p]: groups of eight stored rows go through
		// the vector transposer when there is one; the rest is read one
		// stored row at a time and scattered down the panel's column j.
		// A partial panel is cleared in one sweep first: zeroing its
		// missing columns element by element, at a stride of nr, costs
		// more than the whole clear.
		if cols < nr {
			clear(panel)
		}
		j := 0
		if k.transpose8 != nil && nr%8 == 0 {
			whole := kc / 8 * 8
			for ; j+8 <= cols; j += 8 {
				k.transpose8(panel[j:], b[(j0+jr+j)*ldb+p0:], ldb, kc/8, nr)
				for jj := j; jj < j+8 && whole < kc; jj++ {
					src := b[(j0+jr+jj)*ldb+p0:]
					for p := whole; p < kc; p++ {
						panel[p*nr+jj] = src[p]
					}
				}
			}
		}
		for ; j < cols; j++ {
			src := b[(j0+jr+j)*ldb+p0:]
			src = src[:kc]
			for p, v := range src {
				panel[p*nr+j] = v
			}
		}
	}
}
