//go:build !amd64 || purego

package rnn

func adam8AVX2(w, grad, m, v *float32, n int, b1, c1, b2, c2, lrt, eps float32) {
	panic("rnn: no vector math")
}
