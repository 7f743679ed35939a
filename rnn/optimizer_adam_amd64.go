//go:build amd64 && !purego

package rnn

import "math"

// adam16AVX512 is adamGo on the first n values, a multiple of 16, with
// AVX-512F.
//
//go:noescape
func adam16AVX512(w, grad, m, v *float32, n int, p *adamParams)

// adam8AVX2 is adamGo on the first n values, a multiple of 8, with AVX.
//
//go:noescape
func adam8AVX2(w, grad, m, v *float32, n int, p *adamParams)

// sqrt32 is the correctly rounded float32 square root, as VSQRTPS gives
// it: rounding the float64 root to float32 gives the same value.
func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }
