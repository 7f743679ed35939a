//go:build amd64 && !purego

package rnn

import "golang.org/x/sys/cpu"

// vectorMath reports whether the AVX2 versions of the slice functions
// run on this machine.
var vectorMath = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// vectorMath512 reports whether the AVX-512F versions run too (x/sys/cpu
// also checks that the OS saves the ZMM registers).
var vectorMath512 = vectorMath && cpu.X86.HasAVX512F

// sigmoid8AVX2 sets dst[i] = sigmoid(src[i]+bias) for i < n rounded down
// to a multiple of 8.
//
//go:noescape
func sigmoid8AVX2(dst, src *float32, n int, bias float32)

// tanh8AVX2 sets dst[i] = tanh(src[i]) for i < n rounded down to a
// multiple of 8.
//
//go:noescape
func tanh8AVX2(dst, src *float32, n int)

// lstmCell8AVX2 is one row of lstmCellRows, adding bias (4u values) to
// the gates first; u is a multiple of 8 and cPrev may be nil.
//
//go:noescape
func lstmCell8AVX2(gates, bias, cPrev, c, h, tc *float32, u int, forgetBias float32)

// lstmCell16AVX512 is lstmCell8AVX2 with AVX-512F, giving the same bits;
// u is a multiple of 16.
//
//go:noescape
func lstmCell16AVX512(gates, bias, cPrev, c, h, tc *float32, u int, forgetBias float32)

// lstmCellGrad8AVX2 is one row of lstmCellGradRows; u is a multiple of 8
// and cPrev may be nil.
//
//go:noescape
func lstmCellGrad8AVX2(acts, tc, cPrev, dC, dH, dcNext, dhNext, dg *float32, u int)

// lstmCellGrad16AVX512 is lstmCellGrad8AVX2 with AVX-512F, giving the
// same bits; u is a multiple of 16.
//
//go:noescape
func lstmCellGrad16AVX512(acts, tc, cPrev, dC, dH, dcNext, dhNext, dg *float32, u int)

// add8AVX2 sets dst[i] += src[i] for i < n rounded down to a multiple of 8.
//
//go:noescape
func add8AVX2(dst, src *float32, n int)
