//go:build !purego

package gemm

import "testing"

// BenchmarkFMAPeak measures the float32 FMA throughput of one core with
// independent FMAs on registers only, 8 lanes (AVX2) and 16 lanes
// (AVX-512), so that the Sgemm figures can be read as a share of what the
// machine can do. The widest that runs is the core's peak.
func BenchmarkFMAPeak(b *testing.B) {
	const iters = 1 << 16
	for _, v := range []struct {
		name  string
		runs  bool
		flops int // per round
		loop  func(int)
	}{
		{"avx2", hasAVX2, 2 * 12 * 8, fmaPeakAVX2},
		{"avx512", hasAVX512, 2 * 24 * 16, fmaPeakAVX512},
	} {
		b.Run(v.name, func(b *testing.B) {
			if !v.runs {
				b.Skipf("this CPU lacks %s", v.name)
			}
			for b.Loop() {
				v.loop(iters)
			}
			b.ReportMetric(float64(v.flops)*iters*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
