package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// testCase is one Sgemm call: the shapes, flags, scalars and the padding of
// each stride beyond its minimum.
type testCase struct {
	transA, transB bool
	m, n, k        int
	alpha, beta    float32
	padA, padB     int
	padC           int
}

func (tc testCase) String() string {
	return fmt.Sprintf("tA=%v,tB=%v,m=%d,n=%d,k=%d,alpha=%g,beta=%g,pad=%d/%d/%d",
		tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, tc.beta, tc.padA, tc.padB, tc.padC)
}

// operands returns random matrices for tc, stored with the padded strides.
func (tc testCase) operands(rng *rand.Rand) (a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	rowsA, colsA := tc.m, tc.k
	if tc.transA {
		rowsA, colsA = tc.k, tc.m
	}
	rowsB, colsB := tc.k, tc.n
	if tc.transB {
		rowsB, colsB = tc.n, tc.k
	}
	lda, ldb, ldc = max(1, colsA+tc.padA), max(1, colsB+tc.padB), max(1, tc.n+tc.padC)
	return randomMatrix(rng, rowsA, lda), lda, randomMatrix(rng, rowsB, ldb), ldb, randomMatrix(rng, tc.m, ldc), ldc
}

func randomMatrix(rng *rand.Rand, rows, ld int) []float32 {
	x := make([]float32, rows*ld)
	for i := range x {
		x[i] = rng.Float32()*2 - 1
	}
	return x
}

// referenceSgemm computes alpha*op(A)*op(B) + beta*C in float64 with the
// textbook triple loop, and for each element a bound on the rounding error
// float32 arithmetic may make: a few ulps of the sum of magnitudes.
func referenceSgemm(tc testCase, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) (want, tol []float64) {
	want = make([]float64, len(c))
	tol = make([]float64, len(c))
	for i := range c {
		want[i] = float64(c[i]) // padding and untouched elements stay as they are
	}
	for i := range tc.m {
		for j := range tc.n {
			var sum, mag float64
			for p := range tc.k {
				var av, bv float32
				if tc.transA {
					av = a[p*lda+i]
				} else {
					av = a[i*lda+p]
				}
				if tc.transB {
					bv = b[j*ldb+p]
				} else {
					bv = b[p*ldb+j]
				}
				sum += float64(av) * float64(bv)
				mag += math.Abs(float64(av) * float64(bv))
			}
			old := float64(c[i*ldc+j])
			v := float64(tc.alpha) * sum
			mag *= math.Abs(float64(tc.alpha))
			if tc.beta != 0 {
				v += float64(tc.beta) * old
				mag += math.Abs(float64(tc.beta) * old)
			}
			want[i*ldc+j] = v
			tol[i*ldc+j] = float64(tc.k+2)*4*(1.0/(1<<23))*mag + 1e-30
		}
	}
	return want, tol
}

// checkCase runs tc through kernel mk and compares every element of C,
// padding included, with the reference.
func checkCase(t *testing.T, mk *microKernel, tc testCase, rng *rand.Rand) {
	t.Helper()
	checkWith(t, mk, tc, rng, func(a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
		sgemmWith(mk, tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, c, ldc)
	})
}

// checkWith is checkCase with the product computed by run.
func checkWith(t *testing.T, mk *microKernel, tc testCase, rng *rand.Rand, run func(a []float32, lda int, b []float32, ldb int, c []float32, ldc int)) {
	t.Helper()
	a, lda, b, ldb, c, ldc := tc.operands(rng)
	want, tol := referenceSgemm(tc, a, lda, b, ldb, c, ldc)
	run(a, lda, b, ldb, c, ldc)
	bad := 0
	for idx, got := range c {
		if d := math.Abs(float64(got) - want[idx]); !(d <= tol[idx]) {
			if bad < 5 {
				t.Errorf("%s: %v: C[%d][%d] = %g, want %g (tolerance %.3g)",
					mk.name, tc, idx/ldc, idx%ldc, got, want[idx], tol[idx])
			}
			bad++
		}
	}
	if bad > 5 {
		t.Errorf("%s: %v: %d elements wrong in all", mk.name, tc, bad)
	}
}
