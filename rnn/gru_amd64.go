//go:build amd64 && !purego

package rnn

// The vector versions of the GRU's element-wise rows (gru_rows.go): the
// 8AVX2 ones need u to be a multiple of 8 and AVX2 with FMA, the
// 16AVX512 ones a multiple of 16 and AVX-512F. A nil hPrev is the zero
// state.

// gruGates16AVX512 is one row of gruGatesRows.
//
//go:noescape
func gruGates16AVX512(gates, bias, hPrev, rh *float32, u int)

// gruGates8AVX2 is one row of gruGatesRows.
//
//go:noescape
func gruGates8AVX2(gates, bias, hPrev, rh *float32, u int)

// gruCand16AVX512 is one row of gruCandRows.
//
//go:noescape
func gruCand16AVX512(c, bias, z, hPrev, h *float32, u int)

// gruCand8AVX2 is one row of gruCandRows.
//
//go:noescape
func gruCand8AVX2(c, bias, z, hPrev, h *float32, u int)

// gruGradOut16AVX512 is one row of gruGradOutRows.
//
//go:noescape
func gruGradOut16AVX512(z, c, hPrev, dOut, dhNext, dz, dc, dh *float32, u int)

// gruGradOut8AVX2 is one row of gruGradOutRows.
//
//go:noescape
func gruGradOut8AVX2(z, c, hPrev, dOut, dhNext, dz, dc, dh *float32, u int)

// gruGradReset16AVX512 is one row of gruGradResetRows.
//
//go:noescape
func gruGradReset16AVX512(r, hPrev, drh, dr, dh *float32, u int)

// gruGradReset8AVX2 is one row of gruGradResetRows.
//
//go:noescape
func gruGradReset8AVX2(r, hPrev, drh, dr, dh *float32, u int)
