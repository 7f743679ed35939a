package gemm

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
)

// TestSplitPiecesTileC checks that the pieces of a split call cover C
// exactly once, each starting at a multiple of the tile size.
func TestSplitPiecesTileC(t *testing.T) {
	tests := []struct {
		m, n, parts int
		byCols      bool
		unit        int
	}{
		{1000, 512, 2, false, 4},
		{16, 512, 2, true, 24},
		{10, 50, 3, true, 24},
		{7, 50, 2, false, 4},
		{448, 512, 5, true, 24},
	}
	for _, tt := range tests {
		pr := &problem{m: tt.m, n: tt.n, k: 1, lda: 1, ldb: tt.n, ldc: tt.n,
			a: make([]float32, tt.m), b: make([]float32, tt.n), c: make([]float32, tt.m*tt.n)}
		s := split{parts: tt.parts, byCols: tt.byCols}
		covered := 0
		for i := range tt.parts {
			p := s.piece(pr, i, tt.unit)
			size, other, otherWant := p.m, p.n, tt.n
			if tt.byCols {
				size, other, otherWant = p.n, p.m, tt.m
			}
			if other != otherWant {
				t.Errorf("%+v: piece %d changed the uncut dimension to %d", tt, i, other)
			}
			// The piece's C must start right after the previous piece's.
			offset := covered * tt.n
			if tt.byCols {
				offset = covered
			}
			if size > 0 && &p.c[0] != &pr.c[offset] {
				t.Errorf("%+v: piece %d does not start at element %d of C", tt, i, offset)
			}
			if covered%tt.unit != 0 {
				t.Errorf("%+v: piece %d starts at %d, not a multiple of %d", tt, i, covered, tt.unit)
			}
			covered += size
		}
		total := tt.m
		if tt.byCols {
			total = tt.n
		}
		if covered != total {
			t.Errorf("%+v: pieces cover %d of %d", tt, covered, total)
		}
	}
}

// TestSgemmSplitMatchesReference runs products large enough to be split
// (by columns and by rows) and checks them element by element.
func TestSgemmSplitMatchesReference(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	rng := rand.New(rand.NewPCG(11, 12))
	cases := []testCase{
		{m: 150, n: 601, k: 150, alpha: 1, beta: 0.5, padC: 3},
		{m: 601, n: 100, k: 210, alpha: -1, beta: 0, transA: true, transB: true, padA: 1},
	}
	for _, tc := range cases {
		pr := &problem{m: tc.m, n: tc.n, k: tc.k}
		if s := chooseSplit(active, pr); s.parts < 2 && runtime.NumCPU() > 1 {
			t.Errorf("%v: not split (%+v); the test no longer covers split calls", tc, s)
		}
		for _, mk := range testKernels() {
			checkCase(t, mk, tc, rng)
		}
	}
}

// TestSetMaxGoroutines checks that the limit is applied and restored.
func TestSetMaxGoroutines(t *testing.T) {
	prev := SetMaxGoroutines(1)
	defer SetMaxGoroutines(prev)
	pr := &problem{m: 1000, n: 1000, k: 1000}
	if s := chooseSplit(active, pr); s.parts != 1 {
		t.Errorf("with a limit of 1, a 1000³ product is split in %d", s.parts)
	}
	if got := SetMaxGoroutines(0); got != 1 {
		t.Errorf("SetMaxGoroutines returned %d, want the previous limit 1", got)
	}
	if want := min(runtime.GOMAXPROCS(0), runtime.NumCPU()); goroutineLimit() != want {
		t.Errorf("default limit %d, want %d", goroutineLimit(), want)
	}
}

// TestSgemmSplitConcurrent runs products large enough to be split from
// several goroutines at once, so that some pieces go to workers and some
// stay with callers that found no idle worker, and checks every result.
func TestSgemmSplitConcurrent(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 13))
			tc := testCase{m: 200 + g, n: 400, k: 170, alpha: 1, beta: float32(g % 2), transB: g == 1}
			if s := chooseSplit(active, &problem{m: tc.m, n: tc.n, k: tc.k}); s.parts < 2 && runtime.NumCPU() > 1 {
				t.Errorf("%v: not split (%+v); the test no longer covers split calls", tc, s)
			}
			checkCase(t, active, tc, rng)
		}()
	}
	wg.Wait()
}

// TestSgemmSerialMatchesSgemm checks that the single-goroutine entry point
// computes exactly what Sgemm computes when it shares the product out:
// the pieces do not change the order of any sum.
func TestSgemmSerialMatchesSgemm(t *testing.T) {
	tests := []testCase{
		{m: 448, n: 512, k: 128, alpha: 1, beta: 0},
		{transA: true, m: 128, n: 512, k: 448, alpha: 1, beta: 1},
		{transB: true, m: 448, n: 128, k: 512, alpha: 0.5, beta: 1, padA: 3, padC: 1},
		{m: 3, n: 5, k: 7, alpha: 1, beta: 0},
	}
	for _, tc := range tests {
		rng := rand.New(rand.NewPCG(3, 4))
		a, lda, b, ldb, c, ldc := tc.operands(rng)
		want := append([]float32(nil), c...)
		Sgemm(tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, want, ldc)
		SgemmSerial(tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, c, ldc)
		for i := range c {
			if c[i] != want[i] {
				t.Fatalf("%v: element %d is %v, Sgemm gives %v", tc, i, c[i], want[i])
			}
		}
	}
}
