//go:build !amd64 || purego

package rnn

import "math"

func adam16AVX512(w, grad, m, v *float32, n int, p *adamParams) { panic("rnn: no vector math") }

func adam8AVX2(w, grad, m, v *float32, n int, p *adamParams) { panic("rnn: no vector math") }

// sqrt32 is the correctly rounded float32 square root: rounding the
// float64 root to float32 gives the same value.
func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }
