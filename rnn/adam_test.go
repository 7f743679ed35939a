package rnn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestAdamUpdateMatchesGo checks adamUpdate (eight values at a time where
// the CPU allows) bit for bit against the Go loop, over several steps and
// lengths that leave every remainder, with gradients of every scale,
// zeros included, so that m and v pass through tiny and huge values.
func TestAdamUpdateMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	// float32 variables, as in trainOp: untyped constants would fold 1-b1
	// exactly before rounding.
	var b1, b2, eps float32 = 0.9, 0.999, 1e-8
	for _, n := range []int{1, 7, 8, 9, 31, 64, 517} {
		w, m, v := make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range w {
			w[i] = rng.Float32()*2 - 1
		}
		rw, rm, rv := append([]float32(nil), w...), make([]float32, n), make([]float32, n)
		g := make([]float32, n)
		for step := 1; step <= 6; step++ {
			for i := range g {
				switch rng.IntN(4) {
				case 0:
					g[i] = 0
				default:
					g[i] = float32(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(13)-6)))
				}
			}
			lrt := float32(0.001 * math.Sqrt(1-math.Pow(0.999, float64(step))) / (1 - math.Pow(0.9, float64(step))))
			adamUpdate(w, g, m, v, b1, b2, lrt, eps)
			for j, gv := range g {
				rm[j] = b1*rm[j] + (1-b1)*gv
				rv[j] = b2*rv[j] + (1-b2)*gv*gv
				rw[j] -= lrt * rm[j] / (float32(math.Sqrt(float64(rv[j]))) + eps)
			}
			for j := range w {
				if math.Float32bits(w[j]) != math.Float32bits(rw[j]) ||
					math.Float32bits(m[j]) != math.Float32bits(rm[j]) ||
					math.Float32bits(v[j]) != math.Float32bits(rv[j]) {
					t.Fatalf("n %d, step %d, value %d: w, m, v = %v %v %v, want %v %v %v",
						n, step, j, w[j], m[j], v[j], rw[j], rm[j], rv[j])
				}
			}
		}
	}
}
