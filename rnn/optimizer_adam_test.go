package rnn

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestAdamUpdatePaths checks that each vector path of Adam's update this
// machine runs, with its Go tail, gives the bits of adamGo, over lengths
// with and without a tail and gradients of every size, zero included.
func TestAdamUpdatePaths(t *testing.T) {
	var lanes []int
	if vectorMath {
		lanes = append(lanes, 8)
	}
	if vectorMath512 {
		lanes = append(lanes, 16)
	}
	t.Logf("vector paths this machine runs: %v lanes (AVX2 %v, AVX-512F %v)", lanes, vectorMath, vectorMath512)
	rng := rand.New(rand.NewPCG(3, 4))
	p := adamParams{lrt: 0.00123, b1: 0.9, c1: 1 - float32(0.9), b2: 0.999, c2: 1 - float32(0.999), eps: 1e-8}
	for _, l := range lanes {
		for _, n := range []int{1, 7, 8, 15, 16, 17, 40, 1000} {
			t.Run(fmt.Sprintf("lanes=%d/n=%d", l, n), func(t *testing.T) { checkAdamLanes(t, rng, l, n, p) })
		}
	}
}

func checkAdamLanes(t *testing.T, rng *rand.Rand, lanes, n int, p adamParams) {
	w, g, m, v := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range n {
		w[i] = float32(rng.NormFloat64())
		g[i] = float32(rng.NormFloat64()) * []float32{0, 1e-6, 1, 100}[i%4]
		m[i] = float32(rng.NormFloat64()) * 0.1
		v[i] = rng.Float32() * 0.01
	}
	w2, m2, v2 := append([]float32(nil), w...), append([]float32(nil), m...), append([]float32(nil), v...)
	for range 3 {
		adamLanes(lanes, w, g, m, v, p)
		adamGo(w2, g, m2, v2, p)
	}
	for i := range n {
		if w[i] != w2[i] || m[i] != m2[i] || v[i] != v2[i] {
			t.Fatalf("value %d: w, m, v = %g, %g, %g; Go gives %g, %g, %g", i, w[i], m[i], v[i], w2[i], m2[i], v2[i])
		}
	}
}
