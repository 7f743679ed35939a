//go:build amd64 && !purego

package rnn

// adam8AVX2 is one Adam update of the first n values (a multiple of 8)
// of w, m and v from grad, with c1 = 1-b1 and c2 = 1-b2, giving the bits of
// adamRange's Go loop.
//
//go:noescape
func adam8AVX2(w, grad, m, v *float32, n int, b1, c1, b2, c2, lrt, eps float32)
