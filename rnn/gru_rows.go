package rnn

// The element-wise halves of a GRU step, forward and backward, over the
// rows of one piece of a batch. Each has a plain-Go row function, which
// defines it, and AVX2 and AVX-512 versions (gru_amd64.s) that compute
// the same operations in the same order; only their sigmoid and tanh
// differ from the Go ones, by a few units in the last place, since they
// evaluate the polynomials with fused multiply-adds.
//
// Layout: a row of gates holds r then u (2U values), candidates and
// states U values, all rows back to back.

// gruPath names an implementation of the element-wise passes.
type gruPath int

const (
	gruPathGo gruPath = iota
	gruPathAVX2
	gruPathAVX512
)

func (p gruPath) String() string {
	switch p {
	case gruPathAVX2:
		return "AVX2"
	case gruPathAVX512:
		return "AVX-512"
	}
	return "Go"
}

// gruBestPath is the widest path this machine runs.
var gruBestPath = bestGRUPath()

func bestGRUPath() gruPath {
	switch {
	case vectorMath512:
		return gruPathAVX512
	case vectorMath:
		return gruPathAVX2
	}
	return gruPathGo
}

// lanes returns the path that runs rows of u units under p: a vector path
// needs u to be a multiple of its lanes.
func (p gruPath) lanes(u int) gruPath {
	if p == gruPathAVX512 && u%16 != 0 {
		p = gruPathAVX2
	}
	if p == gruPathAVX2 && u%8 != 0 {
		p = gruPathGo
	}
	if u <= 0 {
		p = gruPathGo
	}
	return p
}

// gruGatesRows sets every row of g [rows, 2U] to σ(g + bias) and rh
// (rows of U values, ldrh apart) to r·hPrev, or to zeros when hPrev is
// nil (the zero state).
func gruGatesRows(p gruPath, g, bias, hPrev, rh []float32, ldrh, rows, u int) {
	u2 := 2 * u
	p = p.lanes(u)
	for i := range rows {
		gr, rr := g[i*u2:(i+1)*u2], rh[i*ldrh:i*ldrh+u]
		var hp []float32
		if hPrev != nil {
			hp = hPrev[i*u : (i+1)*u]
		}
		switch p {
		case gruPathAVX512:
			gruGates16AVX512(&gr[0], &bias[0], firstOrNil(hp), &rr[0], u)
		case gruPathAVX2:
			gruGates8AVX2(&gr[0], &bias[0], firstOrNil(hp), &rr[0], u)
		default:
			gruGatesRow(gr, bias[:u2], hp, rr)
		}
	}
}

// gruGatesRow is one row of gruGatesRows in Go.
func gruGatesRow(g, bias, hp, rh []float32) {
	for q, b := range bias {
		g[q] = sigmoid32(g[q] + b)
	}
	if hp == nil {
		clear(rh)
		return
	}
	for q := range rh {
		rh[q] = g[q] * hp[q]
	}
}

// gruCandRows sets every row of c [rows, U] to tanh(c + bias) and h to
// u·hPrev + (1-u)·c, with u the second half of the row's gates g; hPrev
// nil is the zero state.
func gruCandRows(p gruPath, c, bias, g, hPrev, h []float32, rows, u int) {
	u2 := 2 * u
	p = p.lanes(u)
	for i := range rows {
		cr, z, hr := c[i*u:(i+1)*u], g[i*u2+u:(i+1)*u2], h[i*u:(i+1)*u]
		var hp []float32
		if hPrev != nil {
			hp = hPrev[i*u : (i+1)*u]
		}
		switch p {
		case gruPathAVX512:
			gruCand16AVX512(&cr[0], &bias[0], &z[0], firstOrNil(hp), &hr[0], u)
		case gruPathAVX2:
			gruCand8AVX2(&cr[0], &bias[0], &z[0], firstOrNil(hp), &hr[0], u)
		default:
			gruCandRow(cr, bias[:u], z, hp, hr)
		}
	}
}

// gruCandRow is one row of gruCandRows in Go.
func gruCandRow(c, bias, z, hp, h []float32) {
	for q, b := range bias {
		c[q] = tanh32(c[q] + b)
	}
	if hp == nil {
		for q := range h {
			h[q] = (1 - z[q]) * c[q]
		}
		return
	}
	for q := range h {
		h[q] = z[q]*hp[q] + (1-z[q])*c[q]
	}
}

// gruGradOutRows is the first half of a step's backward pass: from the
// gradient reaching h' (dOut from the step's users plus dhNext from the
// next step), the activations g and c and the previous h (nil: zero), it
// writes the update gate's gradient into the second half of each row of
// dg, the candidate's pre-activation gradient dc, and the direct part of
// the previous h's gradient, dh = gh·u.
func gruGradOutRows(p gruPath, g, c, hPrev, dOut, dhNext, dg, dc, dh []float32, rows, u int) {
	u2 := 2 * u
	p = p.lanes(u)
	for i := range rows {
		lo, hi := i*u, (i+1)*u
		z, dz := g[i*u2+u:(i+1)*u2], dg[i*u2+u:(i+1)*u2]
		var hp []float32
		if hPrev != nil {
			hp = hPrev[lo:hi]
		}
		switch p {
		case gruPathAVX512:
			gruGradOut16AVX512(&z[0], &c[lo], firstOrNil(hp), &dOut[lo], &dhNext[lo], &dz[0], &dc[lo], &dh[lo], u)
		case gruPathAVX2:
			gruGradOut8AVX2(&z[0], &c[lo], firstOrNil(hp), &dOut[lo], &dhNext[lo], &dz[0], &dc[lo], &dh[lo], u)
		default:
			gruGradOutRow(z, c[lo:hi], hp, dOut[lo:hi], dhNext[lo:hi], dz, dc[lo:hi], dh[lo:hi])
		}
	}
}

// gruGradOutRow is one row of gruGradOutRows in Go.
func gruGradOutRow(z, c, hp, dOut, dhNext, dz, dc, dh []float32) {
	for q := range dOut {
		gh := dOut[q] + dhNext[q]
		var h float32
		if hp != nil {
			h = hp[q]
		}
		dz[q] = gh * (h - c[q]) * z[q] * (1 - z[q])
		dc[q] = gh * (1 - z[q]) * (1 - c[q]*c[q])
		dh[q] = gh * z[q]
	}
}

// gruGradResetRows is the second half: from drh, the gradient of r·h, it
// writes the reset gate's gradient into the first half of each row of dg
// and adds the part of the previous h's gradient through r·h to dh.
func gruGradResetRows(p gruPath, g, hPrev, drh, dg, dh []float32, rows, u int) {
	u2 := 2 * u
	p = p.lanes(u)
	for i := range rows {
		lo, hi := i*u, (i+1)*u
		r, dr := g[i*u2:i*u2+u], dg[i*u2:i*u2+u]
		switch p {
		case gruPathAVX512:
			gruGradReset16AVX512(&r[0], &hPrev[lo], &drh[lo], &dr[0], &dh[lo], u)
		case gruPathAVX2:
			gruGradReset8AVX2(&r[0], &hPrev[lo], &drh[lo], &dr[0], &dh[lo], u)
		default:
			gruGradResetRow(r, hPrev[lo:hi], drh[lo:hi], dr, dh[lo:hi])
		}
	}
}

// gruGradResetRow is one row of gruGradResetRows in Go.
func gruGradResetRow(r, hp, drh, dr, dh []float32) {
	for q := range dr {
		dr[q] = drh[q] * hp[q] * r[q] * (1 - r[q])
		dh[q] += drh[q] * r[q]
	}
}
