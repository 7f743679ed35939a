//go:build !amd64 || purego

package rnn

// Without assembly, gruBestPath is gruPathGo and these never run.

func gruGates16AVX512(gates, bias, hPrev, rh *float32, u int) { panic("rnn: no vector math") }

func gruGates8AVX2(gates, bias, hPrev, rh *float32, u int) { panic("rnn: no vector math") }

func gruCand16AVX512(c, bias, z, hPrev, h *float32, u int) { panic("rnn: no vector math") }

func gruCand8AVX2(c, bias, z, hPrev, h *float32, u int) { panic("rnn: no vector math") }

func gruGradOut16AVX512(z, c, hPrev, dOut, dhNext, dz, dc, dh *float32, u int) {
	panic("rnn: no vector math")
}

func gruGradOut8AVX2(z, c, hPrev, dOut, dhNext, dz, dc, dh *float32, u int) {
	panic("rnn: no vector math")
}

func gruGradReset16AVX512(r, hPrev, drh, dr, dh *float32, u int) { panic("rnn: no vector math") }

func gruGradReset8AVX2(r, hPrev, drh, dr, dh *float32, u int) { panic("rnn: no vector math") }
