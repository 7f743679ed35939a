//go:build amd64 && !purego

package rnn

import "golang.org/x/sys/cpu"

// vectorMath reports whether the AVX2 versions of the slice functions
// run on this machine.
var vectorMath = cpu.X86.HasAVX2 && cpu.X86.HasFMA

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
