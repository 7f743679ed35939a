// Package gemm provides Sgemm, a single-precision row-major matrix product
// with BLAS semantics, written for the shapes of a recurrent network's
// training step: a batch of 16 rows against weight matrices of a few
// hundred rows and columns, and larger batches for evaluation.
//
// # Design
//
// The product follows the GotoBLAS/BLIS scheme. Three loops cut the
// operands into blocks that fit the caches: ncBlock columns of op(B),
// kcBlock of the inner dimension, and mcBlock rows of op(A). Each block of
// op(A) is copied ("packed") into an aligned buffer as panels of mr rows,
// the mr values of one column adjacent; op(B) is packed as panels of nr
// columns, each row of a panel adjacent. A micro-kernel then computes one
// mr×nr tile of C in registers, reading one column of an A panel and one
// row of a B panel per step of the inner dimension.
//
// Packing pays for itself in three ways. The kernel reads both operands
// with unit stride whatever the transpositions and strides; the B panel it
// reuses for every A panel stays in L1 and the A block in L2 without
// cache-set conflicts (rows 512 floats apart would all fall in a handful
// of sets); and zero padding lets the edges of a matrix run through the
// same kernel, into a scratch tile that Go code merges into C.
//
// Packing costs a pass over the data, which a product with few rows of A
// cannot repay. For m ≤ 64 an untransposed B is read in place. A
// transposed B is packed through an 8×8 register transposer, except in
// products A·Bᵀ with at most 32 rows and a long inner dimension (the
// gates' backward product, 16×512 by 512×256ᵀ): there a second kernel
// computes 4×3 tiles of C as twelve dot products of rows of A and B read
// in place, eight lanes at a time, and folds the lanes with horizontal
// adds at the end of each tile.
//
// # Micro-kernels
//
// On amd64 with AVX2 and FMA (detected at start-up with
// golang.org/x/sys/cpu) the kernel is Go assembly computing 4×24 tiles:
// twelve 8-lane accumulators, three registers for a row of the B panel
// and one for a broadcast element of A occupy all sixteen YMM registers,
// and each step issues twelve independent FMAs against seven loads. Four
// rows divide the batch of 16 exactly; 24 columns leave 16 of 256 columns
// and 8 of 512, which 4×16 and 4×8 variants of the kernel compute in
// place. One call computes a whole column of tiles, so that the call
// overhead stays small when the inner dimension is short (the kernel
// gradient's k = 16).
//
// Elsewhere, and under the purego build tag, a 4×8 kernel and packing in
// plain Go run in the same loops. Both paths are tested against a float64
// reference on every machine.
//
// # Concurrency
//
// Packing buffers come from a free list, so steady-state calls do not
// allocate and concurrent calls never share buffers. Products of more than
// about 25 MFLOP are cut into pieces along the longer side of C and
// offered to the worker goroutines of rnn/internal/parallel (at most
// GOMAXPROCS goroutines in all, see SetMaxGoroutines). An offer only
// reaches a worker that is idle, and the caller and the workers claim
// pieces one at a time, so a
// busy or late worker never holds the caller up by more than the piece it
// is computing. Smaller products, such as every batch-16 product, run on
// the calling goroutine.
package gemm
