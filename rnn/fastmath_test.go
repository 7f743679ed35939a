package rnn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFastMath compares exp32, sigmoid32 and tanh32 with float64 math over
// a fine grid: relative error at most 4e-7 (a few float32 ulps), absolute
// 1e-37 for the tiny results near exp's underflow.
func TestFastMath(t *testing.T) {
	cases := []struct {
		name string
		f    func(float32) float32
		ref  func(float64) float64
		lo   float64
		hi   float64
	}{
		{"exp32", exp32, math.Exp, -87, 88},
		{"sigmoid32", sigmoid32, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }, -80, 80},
		{"tanh32", tanh32, math.Tanh, -12, 12},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			const steps = 200000
			worst, at := 0.0, 0.0
			for i := 0; i <= steps; i++ {
				x := float32(tc.lo + (tc.hi-tc.lo)*float64(i)/steps)
				want := tc.ref(float64(x))
				got := float64(tc.f(x))
				err := math.Abs(got - want)
				if math.Abs(want) > 1e-30 {
					err /= math.Abs(want)
				} else if err < 1e-37 {
					err = 0
				}
				if err > worst {
					worst, at = err, float64(x)
				}
			}
			if worst > 4e-7 {
				t.Errorf("worst relative error %.3g at x = %g", worst, at)
			}
		})
	}
	for _, x := range []float32{0, -0.0, 1e-8, -1e-8} {
		if got := tanh32(x); got != x {
			t.Errorf("tanh32(%g) = %g, want %g", x, got, x)
		}
	}
	if got := exp32(100); !math.IsInf(float64(got), 1) {
		t.Errorf("exp32(100) = %g, want +Inf", got)
	}
	if got := sigmoid32(-100); got != 0 {
		t.Errorf("sigmoid32(-100) = %g, want 0", got)
	}
	if got := sigmoid32(100); got != 1 {
		t.Errorf("sigmoid32(100) = %g, want 1", got)
	}
}

// TestSliceMath checks the slice functions (the AVX2 versions where the
// machine has them) against float64 math with the same tolerance as the
// scalar ones, over lengths that leave a scalar tail, in place and not.
func TestSliceMath(t *testing.T) {
	t.Logf("vector math: %v", vectorMath)
	const n = 100003
	src := make([]float32, n)
	for i := range src {
		src[i] = float32(-40 + 80*float64(i)/n)
	}
	src[7], src[8], src[9] = 0, 1e-8, -1e-8
	check := func(name string, got []float32, want func(float64) float64) {
		t.Helper()
		worst, at := 0.0, 0
		for i, g := range got {
			w := want(float64(src[i]))
			err := math.Abs(float64(g) - w)
			if math.Abs(w) > 1e-30 {
				err /= math.Abs(w)
			}
			if err > worst {
				worst, at = err, i
			}
		}
		if worst > 4e-7 {
			t.Errorf("%s: worst relative error %.3g at x = %g (got %g)", name, worst, src[at], got[at])
		}
	}
	for _, length := range []int{n, 8, 7, 17, 0} {
		dst := make([]float32, length)
		sigmoidSlice(dst, src, 0)
		check("sigmoid", dst, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) })
		sigmoidSlice(dst, src, 1)
		check("sigmoid with bias 1", dst, func(x float64) float64 { return 1 / (1 + math.Exp(-float64(float32(x)+1))) })
		tanhSlice(dst, src)
		check("tanh", dst, math.Tanh)
		inPlace := append([]float32(nil), src[:length]...)
		tanhSlice(inPlace, inPlace)
		check("tanh in place", inPlace, math.Tanh)
	}
	dst := make([]float32, 16)
	tanhSlice(dst, src[8:])
	if dst[0] != 1e-8 || dst[1] != -1e-8 {
		t.Errorf("tanh of ±1e-8 = %g, %g; want them unchanged", dst[0], dst[1])
	}
}

func BenchmarkSigmoidSlice(b *testing.B) {
	x := make([]float32, 2048)
	for i := range x {
		x[i] = float32(i%200)/10 - 10
	}
	b.SetBytes(4 * int64(len(x)))
	for i := 0; i < b.N; i++ {
		sigmoidSlice(x, x, 0)
	}
}

// TestCellRowPaths checks every vector version of an LSTM step's row,
// forward and backward, that this machine runs against the Go row, bit
// for bit, with and
// without a previous state and with gates far in the tails of σ and tanh;
// a subtest per version says whether the CPU could run it.
func TestCellRowPaths(t *testing.T) {
	const u = 48 // a multiple of 16, and not of 32
	type cellFunc func(gates, bias, cPrev, c, h, tc *float32, u int, forgetBias float32)
	type gradFunc func(acts, tc, cPrev, dC, dH, dcNext, dhNext, dg *float32, u int)
	for _, p := range []struct {
		name  string
		runs  bool
		needs string
		cell  cellFunc
		grad  gradFunc
	}{
		{"avx512", vectorMath512, "AVX-512F", lstmCell16AVX512, lstmCellGrad16AVX512},
		{"avx2", vectorMath, "AVX2 and FMA", lstmCell8AVX2, lstmCellGrad8AVX2},
	} {
		t.Run(p.name, func(t *testing.T) {
			if !p.runs {
				t.Skipf("not checked: this machine lacks %s (or the build has no assembly)", p.needs)
			}
			t.Logf("checked against the Go row on this machine")
			rng := rand.New(rand.NewPCG(13, 14))
			vec := func(n int, scale float32) []float32 {
				v := make([]float32, n)
				for i := range v {
					v[i] = (rng.Float32()*2 - 1) * scale
				}
				return v
			}
			for _, withPrev := range []bool{false, true} {
				for _, scale := range []float32{1, 12, 100} {
					gates, bias := vec(4*u, scale), vec(4*u, 1)
					var cp []float32
					if withPrev {
						cp = vec(u, 2)
					}
					goActs := append([]float32(nil), gates...)
					goC, goH, goT := make([]float32, u), make([]float32, u), make([]float32, u)
					lstmCellRow(goActs, bias, cp, goC, goH, goT, u, 1)
					c, h, tc := make([]float32, u), make([]float32, u), make([]float32, u)
					p.cell(&gates[0], &bias[0], firstOrNil(cp), &c[0], &h[0], &tc[0], u, 1)
					same := func(name string, got, want []float32) {
						t.Helper()
						for i := range got {
							if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
								t.Fatalf("prev=%v scale=%g: %s[%d] = %v, %v in Go", withPrev, scale, name, i, got[i], want[i])
							}
						}
					}
					same("acts", gates, goActs)
					same("c", c, goC)
					same("h", h, goH)
					same("tanh(c)", tc, goT)
					// The backward row, from the forward row's results.
					dC, dH, dcN, dhN := vec(u, 1), vec(u, 1), vec(u, 1), vec(u, 1)
					goDcN := append([]float32(nil), dcN...)
					goDg, dg := make([]float32, 4*u), make([]float32, 4*u)
					lstmCellGradRow(goActs, goT, cp, dC, dH, goDcN, dhN, goDg, u)
					p.grad(&gates[0], &tc[0], firstOrNil(cp), &dC[0], &dH[0], &dcN[0], &dhN[0], &dg[0], u)
					same("dgates", dg, goDg)
					same("dc", dcN, goDcN)
				}
			}
		})
	}
}
