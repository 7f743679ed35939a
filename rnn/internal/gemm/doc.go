// Package gemm provides Sgemm, a single-precision row-major matrix product
// with BLAS semantics, written for the small and medium shapes of a
// recurrent network's training step (batch 16, a few hundred columns).
//
// # Design
//
// The product follows the GotoBLAS/BLIS scheme. Three loops cut the
// operands into blocks that fit the caches: ncBlock columns of op(B) (L3),
// kcBlock of the inner dimension, and mcBlock rows of op(A) (L2). Each block
// of op(A) is copied ("packed") into a contiguous buffer as panels of mr
// rows, each column of a panel adjacent in memory; op(B) is packed likewise
// as panels of nr columns. Packing serves three purposes: the micro-kernel
// then reads both operands with unit stride whatever the transpositions and
// leading dimensions, the panels it reuses stay resident in L1 and L2
// without cache-set conflicts (row strides of 512 floats would otherwise map
// every row to the same few sets), and zero padding lets the edges of a
// matrix run through the same kernel.
//
// The micro-kernel computes one mr×nr tile of C held entirely in registers,
// reading one column of the A panel and one row of the B panel per step of
// the inner dimension. Tiles at the right and bottom edges of C are computed
// into a scratch tile and merged in Go.
//
// Workspaces (the packing buffers) come from a free list, so steady-state
// calls do not allocate and concurrent calls never share buffers.
package gemm
