//go:build !amd64 || purego

package rnn

// vectorMath is false where there is no assembly version.
var vectorMath = false

// vectorMath512 is false where there is no assembly version.
var vectorMath512 = false

func sigmoid8AVX2(dst, src *float32, n int, bias float32) { panic("rnn: no vector math") }

func tanh8AVX2(dst, src *float32, n int) { panic("rnn: no vector math") }

func lstmCell8AVX2(gates, bias, cPrev, c, h, tc *float32, u int, forgetBias float32) {
	panic("rnn: no vector math")
}

func lstmCell16AVX512(gates, bias, cPrev, c, h, tc *float32, u int, forgetBias float32) {
	panic("rnn: no vector math")
}

func lstmCellGrad8AVX2(acts, tc, cPrev, dC, dH, dcNext, dhNext, dg *float32, u int) {
	panic("rnn: no vector math")
}

func lstmCellGrad16AVX512(acts, tc, cPrev, dC, dH, dcNext, dhNext, dg *float32, u int) {
	panic("rnn: no vector math")
}

func add8AVX2(dst, src *float32, n int) { panic("rnn: no vector math") }
