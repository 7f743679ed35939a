package gemm

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// testKernels lists every micro-kernel this machine can run, so that each
// path (the portable one too) is checked where a wider one is selected.
func testKernels() []*microKernel {
	var ks []*microKernel
	for _, p := range paths {
		if p.runs {
			ks = append(ks, p.kernel)
		}
	}
	return ks
}

// TestKernelPaths says which kernels this machine could check against the
// reference, and checks each one's tiles on their own, with a subtest per
// kernel of the build that is skipped where the CPU lacks its features.
func TestKernelPaths(t *testing.T) {
	t.Logf("kernel in use: %s", Kernel())
	rng := rand.New(rand.NewPCG(9, 10))
	for _, p := range paths {
		t.Run(p.kernel.name, func(t *testing.T) {
			if !p.runs {
				t.Skipf("not checked: this CPU lacks %s", p.needs)
			}
			t.Logf("checked against the reference on this CPU")
			mk := p.kernel
			// Whole tiles, several per call, with and without beta, and
			// every narrow kernel at the right edge.
			widths := []int{mk.nr, 3 * mk.nr}
			for _, nt := range mk.narrow {
				widths = append(widths, mk.nr+nt.cols)
			}
			for _, n := range widths {
				for _, k := range []int{1, 3, 4, 5, 17, 256} {
					for _, beta := range []float32{0, 0.5} {
						checkCase(t, mk, testCase{m: 3 * mk.mr, n: n, k: k, alpha: 1.5, beta: beta, padC: 1}, rng)
					}
				}
			}
		})
	}
}

// heuristic is a setting of the thresholds that choose between code paths.
type heuristic struct{ direct, dotRows, dotK int }

// heuristicSettings returns the thresholds as they are; with B always
// packed; and with the dot-product kernel taking every product it can.
func heuristicSettings() []heuristic {
	return []heuristic{
		{directRows, dotMaxRows, dotMinK},
		{0, 0, dotMinK},
		{directRows, 1 << 20, 0},
	}
}

// restoreHeuristics returns a function restoring the thresholds as they
// are now.
func restoreHeuristics() func() {
	direct, dotRows, dotK := directRows, dotMaxRows, dotMinK
	return func() { directRows, dotMaxRows, dotMinK = direct, dotRows, dotK }
}

// shapeCases covers the micro-kernel edges (sizes of 1, odd sizes, sizes
// just around the tile and block sizes), the model's shapes, padded
// strides, the four transpose combinations and alpha/beta variants.
func shapeCases() []testCase {
	type mnk struct{ m, n, k int }
	shapes := []mnk{
		{1, 1, 1}, {1, 7, 1}, {7, 1, 1}, {1, 1, 9}, {3, 5, 7}, {4, 24, 1},
		{5, 25, 3}, {6, 16, 8}, {13, 29, 31}, {16, 48, 16}, {17, 49, 33},
		{16, 64, 256}, {16, 40, 257}, {97, 50, 300}, {100, 1537, 3},
		{2, 3, 600}, {33, 1600, 2}, {5, 7, 389}, {16, 30, 512}, {31, 4, 1000},
		{9, 32, 20}, {16, 512, 40},
	}
	scalars := []struct{ alpha, beta float32 }{{1, 0}, {1, 1}, {-0.5, 2}, {2, -1}}
	var cases []testCase
	for si, s := range shapes {
		for f := range 4 {
			tA, tB := f&1 != 0, f&2 != 0
			sc := scalars[(si+f)%len(scalars)]
			pad := (si + f) % 3 * 3
			cases = append(cases, testCase{
				transA: tA, transB: tB, m: s.m, n: s.n, k: s.k,
				alpha: sc.alpha, beta: sc.beta, padA: pad, padB: (pad + 1) % 4, padC: pad,
			})
		}
	}
	return cases
}

func TestSgemmMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	defer restoreHeuristics()()
	for _, h := range heuristicSettings() {
		directRows, dotMaxRows, dotMinK = h.direct, h.dotRows, h.dotK
		for _, mk := range testKernels() {
			for _, tc := range shapeCases() {
				checkCase(t, mk, tc, rng)
			}
		}
	}
}

func TestSgemmAlphaBetaVariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	scalars := []struct{ alpha, beta float32 }{
		{0, 0}, {0, 1}, {0, 3}, {1, 0}, {1, 1}, {3, 0}, {3, 0.5}, {-1, -1},
	}
	for _, mk := range testKernels() {
		for _, s := range scalars {
			for _, shape := range [][3]int{{5, 30, 7}, {16, 48, 300}, {2, 2, 0}} {
				tc := testCase{m: shape[0], n: shape[1], k: shape[2], alpha: s.alpha, beta: s.beta, padC: 2}
				checkCase(t, mk, tc, rng)
			}
		}
	}
}

// TestSgemmBetaZeroOverwritesNaN checks that beta = 0 means C is written,
// not scaled: NaN already in C must not survive.
func TestSgemmBetaZeroOverwritesNaN(t *testing.T) {
	nan := float32(math.NaN())
	for _, mk := range testKernels() {
		for _, shape := range [][3]int{{1, 1, 1}, {7, 30, 5}, {16, 48, 300}, {3, 3, 0}} {
			m, n, k := shape[0], shape[1], shape[2]
			a := make([]float32, m*k)
			b := make([]float32, k*n)
			for i := range a {
				a[i] = 1
			}
			for i := range b {
				b[i] = 2
			}
			for _, alpha := range []float32{1, 0} {
				c := make([]float32, m*n)
				for i := range c {
					c[i] = nan
				}
				sgemmWith(mk, false, false, m, n, k, alpha, a, max(1, k), b, n, 0, c, n)
				want := alpha * float32(2*k)
				for i, v := range c {
					if v != want {
						t.Fatalf("%s: m=%d n=%d k=%d alpha=%g: C[%d] = %g, want %g", mk.name, m, n, k, alpha, i, v, want)
					}
				}
			}
		}
	}
}

func TestSgemmPanicsOnBadArguments(t *testing.T) {
	a := make([]float32, 12)
	tests := []struct {
		name string
		call func()
		want string
	}{
		{"negative m", func() { Sgemm(false, false, -1, 2, 2, 1, a, 2, a, 2, 0, a, 2) }, "m = -1"},
		{"negative n", func() { Sgemm(false, false, 2, -1, 2, 1, a, 2, a, 2, 0, a, 2) }, "n = -1"},
		{"negative k", func() { Sgemm(false, false, 2, 2, -3, 1, a, 2, a, 2, 0, a, 2) }, "k = -3"},
		{"lda too small", func() { Sgemm(false, false, 2, 2, 3, 1, a, 2, a, 2, 0, a, 2) }, "lda = 2"},
		{"lda too small transposed", func() { Sgemm(true, false, 3, 2, 2, 1, a, 2, a, 2, 0, a, 2) }, "lda = 2"},
		{"ldb too small", func() { Sgemm(false, false, 2, 3, 2, 1, a, 2, a, 2, 0, a, 3) }, "ldb = 2"},
		{"ldb too small transposed", func() { Sgemm(false, true, 2, 2, 3, 1, a, 3, a, 2, 0, a, 2) }, "ldb = 2"},
		{"ldc too small", func() { Sgemm(false, false, 2, 3, 2, 1, a, 2, a, 3, 0, a, 2) }, "ldc = 2"},
		{"zero stride", func() { Sgemm(false, false, 0, 0, 0, 1, nil, 0, nil, 1, 0, nil, 1) }, "lda = 0"},
		{"short A", func() { Sgemm(false, false, 4, 2, 3, 1, a[:11], 3, a, 2, 0, a, 2) }, "A has 11 elements"},
		{"short B", func() { Sgemm(false, false, 2, 2, 3, 1, a, 3, a[:5], 2, 0, a, 2) }, "B has 5 elements"},
		{"short C", func() { Sgemm(false, false, 2, 2, 3, 1, a, 3, a, 2, 0, a[:3], 2) }, "C has 3 elements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				msg, ok := r.(string)
				if !ok || !strings.Contains(msg, tt.want) || !strings.HasPrefix(msg, "gemm: Sgemm: ") {
					t.Fatalf("panic %v, want a message containing %q", r, tt.want)
				}
			}()
			tt.call()
		})
	}
}

// TestSgemmEmptyIsNoOp checks that m or n of zero touches nothing, even
// with slices that would be too short for any other size.
func TestSgemmEmptyIsNoOp(t *testing.T) {
	c := []float32{5}
	Sgemm(false, false, 0, 1, 3, 1, nil, 3, make([]float32, 3), 1, 0, nil, 1)
	Sgemm(false, false, 1, 0, 3, 1, make([]float32, 3), 3, nil, 1, 0, c, 1)
	if c[0] != 5 {
		t.Fatalf("C changed to %g by an empty product", c[0])
	}
}

func TestSgemmDoesNotAllocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, mk := range testKernels() {
		for _, tc := range []testCase{
			{m: 16, n: 512, k: 256, alpha: 1},
			{m: 16, n: 256, k: 512, alpha: 1, beta: 1, transB: true},
			{m: 256, n: 512, k: 16, alpha: 1, beta: 1, transA: true},
			{m: 7, n: 31, k: 5, alpha: 1},
			{m: 300, n: 600, k: 100, alpha: 1}, // split over goroutines
		} {
			a, lda, b, ldb, c, ldc := tc.operands(rng)
			call := func() {
				sgemmWith(mk, tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, c, ldc)
			}
			call()
			if n := testing.AllocsPerRun(5, call); n != 0 {
				t.Errorf("%s: %v: %g allocations per call, want 0", mk.name, tc, n)
			}
		}
	}
}

// TestSgemmConcurrent runs many products at once (under -race this checks
// that workspaces are never shared) and checks every result.
func TestSgemmConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 7))
			for i := range 6 {
				tc := testCase{m: 1 + rng.IntN(40), n: 1 + rng.IntN(60), k: 1 + rng.IntN(300),
					alpha: 1, beta: float32(i % 2), transA: g%2 == 0, transB: i%3 == 0}
				checkCase(t, active, tc, rng)
			}
		}()
	}
	wg.Wait()
}

// FuzzSgemm compares random small products with the reference.
func FuzzSgemm(f *testing.F) {
	f.Add(uint8(1), uint8(1), uint8(1), uint8(0), uint8(0), uint64(1))
	f.Add(uint8(17), uint8(49), uint8(33), uint8(3), uint8(2), uint64(2))
	f.Fuzz(func(t *testing.T, m, n, k, flags, pads uint8, seed uint64) {
		tc := testCase{
			m: int(m % 64), n: int(n % 80), k: int(k % 70),
			transA: flags&1 != 0, transB: flags&2 != 0,
			alpha: []float32{1, -2, 0, 0.5}[flags>>2&3], beta: []float32{0, 1, -1, 3}[flags>>4&3],
			padA: int(pads & 3), padB: int(pads >> 2 & 3), padC: int(pads >> 4 & 3),
		}
		rng := rand.New(rand.NewPCG(seed, 9))
		defer restoreHeuristics()()
		for _, h := range heuristicSettings() {
			directRows, dotMaxRows, dotMinK = h.direct, h.dotRows, h.dotK
			for _, mk := range testKernels() {
				checkCase(t, mk, tc, rng)
			}
		}
	})
}
