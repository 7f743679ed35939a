//go:build !amd64 || purego

package rnn

// vectorMath is false where there is no assembly version.
var vectorMath = false

func sigmoid8AVX2(dst, src *float32, n int, bias float32) { panic("rnn: no vector math") }

func tanh8AVX2(dst, src *float32, n int) { panic("rnn: no vector math") }
