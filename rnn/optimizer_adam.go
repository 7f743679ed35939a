package rnn

// adamParams are the per-step constants of Adam's update of one variable.
type adamParams struct {
	// lrt is the step's learning rate with the bias corrections folded in;
	// b1, b2 the decay rates, c1 = 1-b1 and c2 = 1-b2 (in float32).
	lrt, b1, c1, b2, c2, eps float32
}

// adamUpdate applies Adam's update to the weights w from their gradient g,
// updating the first and second moments m and v. The vector versions
// compute the same operations in the same order, with the same rounding,
// so every path gives the same bits.
func adamUpdate(w, g, m, v []float32, p adamParams) { adamLanes(adamBestLanes, w, g, m, v, p) }

// adamBestLanes is the widest vector path this machine runs: 16 lanes
// with AVX-512F, 8 with AVX2, 0 for Go alone.
var adamBestLanes = func() int {
	switch {
	case vectorMath512:
		return 16
	case vectorMath:
		return 8
	}
	return 0
}()

// adamLanes is adamUpdate on the path of the given lanes, with the values
// past the last whole vector in Go.
func adamLanes(lanes int, w, g, m, v []float32, p adamParams) {
	g, m, v = g[:len(w)], m[:len(w)], v[:len(w)]
	done := 0
	switch n := len(w); {
	case lanes == 16 && n >= 16:
		done = n &^ 15
		adam16AVX512(&w[0], &g[0], &m[0], &v[0], done, &p)
	case lanes == 8 && n >= 8:
		done = n &^ 7
		adam8AVX2(&w[0], &g[0], &m[0], &v[0], done, &p)
	}
	adamGo(w[done:], g[done:], m[done:], v[done:], p)
}

// adamGo is adamUpdate in Go. The conversions round each product, so
// that no compiler fuses it into a multiply-add and the vector versions,
// which do not fuse, give the same bits.
func adamGo(w, g, m, v []float32, p adamParams) {
	g, m, v = g[:len(w)], m[:len(w)], v[:len(w)]
	for j, gv := range g {
		m[j] = float32(p.b1*m[j]) + float32(p.c1*gv)
		v[j] = float32(p.b2*v[j]) + float32(float32(p.c2*gv)*gv)
		w[j] -= float32(p.lrt*m[j]) / (sqrt32(v[j]) + p.eps)
	}
}
