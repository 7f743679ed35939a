package rnn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// gruPathsHere lists the element-wise paths this machine runs, Go first.
func gruPathsHere() []gruPath {
	paths := []gruPath{gruPathGo}
	if vectorMath {
		paths = append(paths, gruPathAVX2)
	}
	if vectorMath512 {
		paths = append(paths, gruPathAVX512)
	}
	return paths
}

// gruTestValues returns n values for pre-activations and gradients:
// mostly in [-6, 6], with some large, tiny and zero ones so that the
// clamps and tanh's small-argument branch are reached.
func gruTestValues(rng *rand.Rand, n int) []float32 {
	special := []float32{0, -0.3, 0.3, 1e-5, -1e-5, 20, -20, 95, -95, 0.624, 0.626}
	v := make([]float32, n)
	for i := range v {
		if rng.IntN(5) == 0 {
			v[i] = special[rng.IntN(len(special))]
			continue
		}
		v[i] = float32(rng.NormFloat64() * 3)
	}
	return v
}

// gruUnit returns n values in (0, 1), as activations of gates.
func gruUnit(rng *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = rng.Float32()
	}
	return v
}

// closeULPs reports whether a and b differ by at most ulps units in the
// last place of the larger, or both are below 1e-30 in magnitude.
func closeULPs(a, b float32, ulps int) bool {
	if a == b {
		return true
	}
	m := max(math.Abs(float64(a)), math.Abs(float64(b)))
	if m < 1e-30 {
		return true
	}
	ulp := float64(math.Nextafter32(float32(m), float32(math.Inf(1)))) - m
	return math.Abs(float64(a)-float64(b)) <= float64(ulps)*ulp
}

// TestGRURowPaths checks each vector path of the GRU's element-wise rows
// that this machine runs against the Go rows: the activations to a few
// units in the last place (the vector polynomials use fused
// multiply-adds), everything else bit for bit. Widths that are not a
// multiple of a path's lanes fall back to a narrower path, and the zero
// state (a nil hPrev) is covered.
func TestGRURowPaths(t *testing.T) {
	paths := gruPathsHere()
	t.Logf("paths this machine runs: %v (AVX2+FMA: %v, AVX-512F: %v)", paths, vectorMath, vectorMath512)
	for _, p := range paths[1:] {
		for _, u := range []int{8, 16, 24, 48, 128, 5} {
			for _, zeroState := range []bool{false, true} {
				name := fmt.Sprintf("%v/u=%d/zeroState=%v", p, u, zeroState)
				t.Run(name, func(t *testing.T) { checkGRURows(t, p, u, zeroState) })
			}
		}
	}
}

func checkGRURows(t *testing.T, p gruPath, u int, zeroState bool) {
	const rows = 3
	rng := rand.New(rand.NewPCG(uint64(u), uint64(p)))
	u2 := 2 * u
	var hPrev []float32
	if !zeroState {
		hPrev = gruTestValues(rng, rows*u)
	}
	compare := func(what string, got, want []float32, ulps int) {
		t.Helper()
		for i := range want {
			if !closeULPs(got[i], want[i], ulps) {
				t.Fatalf("%s[%d] = %g, Go gives %g", what, i, got[i], want[i])
			}
		}
	}

	// Forward: gates, then candidates and h.
	g0, gb := gruTestValues(rng, rows*u2), gruTestValues(rng, u2)
	gGo, gVec := append([]float32(nil), g0...), append([]float32(nil), g0...)
	rhGo, rhVec := make([]float32, rows*u), gruTestValues(rng, rows*u) // stale values must be overwritten
	gruGatesRows(gruPathGo, gGo, gb, hPrev, rhGo, u, rows, u)
	gruGatesRows(p, gVec, gb, hPrev, rhVec, u, rows, u)
	compare("gates", gVec, gGo, 4)
	// r·h from the same r, so that it is compared bit for bit.
	gruGatesRows(p, append([]float32(nil), g0...), gb, hPrev, rhVec, u, rows, u)
	for i := range rows {
		for q := range u {
			var want float32
			if hPrev != nil {
				want = gVec[i*u2+q] * hPrev[i*u+q]
			}
			if rhVec[i*u+q] != want {
				t.Fatalf("rh[%d] = %g, want r·h = %g", i*u+q, rhVec[i*u+q], want)
			}
		}
	}

	c0, cb := gruTestValues(rng, rows*u), gruTestValues(rng, u)
	cGo, cVec := append([]float32(nil), c0...), append([]float32(nil), c0...)
	hGo, hVec := make([]float32, rows*u), make([]float32, rows*u)
	gruCandRows(gruPathGo, cGo, cb, gGo, hPrev, hGo, rows, u)
	gruCandRows(p, cVec, cb, gGo, hPrev, hVec, rows, u)
	compare("candidates", cVec, cGo, 4)
	// h from the vector path's candidates, bit for bit.
	hWant := make([]float32, rows*u)
	for i := range rows {
		var hp []float32
		if hPrev != nil {
			hp = hPrev[i*u : (i+1)*u]
		}
		z, cr, hw := gGo[i*u2+u:(i+1)*u2], cVec[i*u:(i+1)*u], hWant[i*u:(i+1)*u]
		for q := range hw {
			hw[q] = (1 - z[q]) * cr[q]
			if hp != nil {
				hw[q] = z[q]*hp[q] + (1-z[q])*cr[q]
			}
		}
	}
	compare("h", hVec, hWant, 0)

	// Backward, from activations in (0, 1) and (-1, 1).
	acts := gruUnit(rng, rows*u2)
	cand := gruUnit(rng, rows*u)
	for i := range cand {
		cand[i] = 2*cand[i] - 1
	}
	dOut, dhNext := gruTestValues(rng, rows*u), gruTestValues(rng, rows*u)
	dgGo, dgVec := gruTestValues(rng, rows*u2), gruTestValues(rng, rows*u2)
	copy(dgVec, dgGo)
	dcGo, dcVec := make([]float32, rows*u), make([]float32, rows*u)
	dhGo, dhVec := make([]float32, rows*u), make([]float32, rows*u)
	gruGradOutRows(gruPathGo, acts, cand, hPrev, dOut, dhNext, dgGo, dcGo, dhGo, rows, u)
	gruGradOutRows(p, acts, cand, hPrev, dOut, dhNext, dgVec, dcVec, dhVec, rows, u)
	compare("update gate gradient", dgVec, dgGo, 0)
	compare("candidate gradient", dcVec, dcGo, 0)
	compare("h gradient", dhVec, dhGo, 0)
	if hPrev == nil {
		return
	}
	drh := gruTestValues(rng, rows*u)
	gruGradResetRows(gruPathGo, acts, hPrev, drh, dgGo, dhGo, rows, u)
	gruGradResetRows(p, acts, hPrev, drh, dgVec, dhVec, rows, u)
	compare("reset gate gradient", dgVec, dgGo, 0)
	compare("h gradient through r·h", dhVec, dhGo, 0)
}
