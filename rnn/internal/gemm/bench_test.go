package gemm

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// benchShapes are the products of the tutorial's LSTM (batch 16, 128
// hidden units, 28 inputs, 28 steps) and of its large-batch evaluation.
var benchShapes = []struct {
	name           string
	transA, transB bool
	m, n, k        int
}{
	{"gates_16x256x512", false, false, 16, 512, 256},
	{"gatesBack_16x512x256T", false, true, 16, 256, 512},
	{"kernelGrad_256Tx16x512", true, false, 256, 512, 16},
	{"inputs_448x128x512", false, false, 448, 512, 128},
	{"eval_1000x256x512", false, false, 1000, 512, 256},
	{"square_256", false, false, 256, 256, 256},
	// One core's half of batch 16 when the batch rows are split over two.
	{"halfGates_8x128x512", false, false, 8, 512, 128},
	{"halfGates_8x256x512", false, false, 8, 512, 256},
	{"halfGatesBack_8x512x256T", false, true, 8, 256, 512},
	{"halfGatesBack_8x512x128T", false, true, 8, 128, 512},
	// One piece of an evaluation over a large batch: a step's gates.
	{"evalPiece_64x256x512", false, false, 64, 512, 256},
	{"evalPiece_128x256x512", false, false, 128, 512, 256},
	{"evalPiece_64x128x512", false, false, 64, 512, 128},
	// The kernel's gradient over all steps at once: [x, h]ᵀ·dgates.
	{"kernelGradAll_128Tx448x512", true, false, 128, 512, 448},
	{"inputsBack_448x512x128T", false, true, 448, 128, 512},
}

// BenchmarkSgemm measures this package (with the kernel the machine
// selects, and with the portable kernel; on one goroutine, and split over
// GOMAXPROCS for large products) beside gonum's blas32 on the same
// operands, reporting GFLOP/s (2mnk per product).
func BenchmarkSgemm(b *testing.B) {
	for _, s := range benchShapes {
		rng := rand.New(rand.NewPCG(1, 1))
		tc := testCase{transA: s.transA, transB: s.transB, m: s.m, n: s.n, k: s.k, alpha: 1, beta: 1}
		a, lda, bm, ldb, c, ldc := tc.operands(rng)
		flops := 2 * float64(s.m) * float64(s.n) * float64(s.k)
		report := func(b *testing.B) {
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		}
		for _, mk := range benchKernels() {
			// One goroutine, then (for products large enough to be
			// split) as many as GOMAXPROCS allows.
			for _, threads := range []int{1, 0} {
				name := fmt.Sprintf("%s/%s", s.name, mk.name)
				if threads == 0 {
					pr := &problem{m: s.m, n: s.n, k: s.k}
					if chooseSplit(mk, pr).parts < 2 {
						continue
					}
					name += "_parallel"
				}
				b.Run(name, func(b *testing.B) {
					defer SetMaxGoroutines(SetMaxGoroutines(threads))
					b.ReportAllocs()
					for b.Loop() {
						sgemmWith(mk, s.transA, s.transB, s.m, s.n, s.k, 1, a, lda, bm, ldb, 1, c, ldc)
					}
					report(b)
				})
			}
		}
		b.Run(s.name+"/gonum", func(b *testing.B) {
			tA, tB := blas.NoTrans, blas.NoTrans
			if s.transA {
				tA = blas.Trans
			}
			if s.transB {
				tB = blas.Trans
			}
			rowsA, colsA := s.m, s.k
			if s.transA {
				rowsA, colsA = s.k, s.m
			}
			rowsB, colsB := s.k, s.n
			if s.transB {
				rowsB, colsB = s.n, s.k
			}
			ga := blas32.General{Rows: rowsA, Cols: colsA, Stride: lda, Data: a}
			gb := blas32.General{Rows: rowsB, Cols: colsB, Stride: ldb, Data: bm}
			gc := blas32.General{Rows: s.m, Cols: s.n, Stride: ldc, Data: c}
			b.ReportAllocs()
			for b.Loop() {
				blas32.Gemm(tA, tB, 1, ga, gb, 1, gc)
			}
			report(b)
		})
	}
}

// benchKernels names the kernels to benchmark: the selected one (which
// may split large products over goroutines) and the portable one.
func benchKernels() []*microKernel {
	return testKernels()
}
