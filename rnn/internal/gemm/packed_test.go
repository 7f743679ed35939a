package gemm

import (
	"math/rand/v2"
	"testing"
)

// TestPackedMatchesReference runs every shape of the Sgemm tests with B
// packed beforehand, with each kernel, including shapes with more than
// one block of the inner dimension or of the columns.
func TestPackedMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var pb PackedB
	for _, mk := range testKernels() {
		for _, tc := range shapeCases() {
			checkWith(t, mk, tc, rng, func(a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
				pb.pack(mk, tc.transB, tc.k, tc.n, b, ldb)
				SgemmPackedSerial(tc.transA, tc.m, tc.alpha, a, lda, &pb, tc.beta, c, ldc)
			})
		}
	}
}

// TestPackedReusesStorage checks that packing a B no larger than the last
// one does not allocate, and that an unpacked B is refused.
func TestPackedReusesStorage(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	b := randomMatrix(rng, 128, 512)
	var pb PackedB
	pb.Pack(false, 128, 512, b, 512)
	if n := testing.AllocsPerRun(10, func() { pb.Pack(true, 256, 128, b, 256) }); n != 0 {
		t.Errorf("Pack allocated %v times for a smaller B", n)
	}
	defer func() {
		if recover() == nil {
			t.Error("SgemmPackedSerial accepted an empty PackedB")
		}
	}()
	var empty PackedB
	SgemmPackedSerial(false, 1, 1, make([]float32, 1), 1, &empty, 0, make([]float32, 1), 1)
}
