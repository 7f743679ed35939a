//go:build !purego

#include "textflag.h"

// func dot4x3AVX2(k8 int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, alpha, beta float32, loadC bool)
//
// Computes a 4×3 tile of C = alpha*A*Bᵀ (+ beta*C when loadC) as twelve
// dot products of rows of A with rows of B, both read in place: rows of
// op(B) = Bᵀ are columns, so this avoids transposing B. k8 is a positive
// multiple of 8.
//
// Register plan:
//   Y0-Y11   accumulators, Y(3r+j) for A row r and B row j, eight partial
//            sums each (one per lane)
//   Y12-Y14  eight values of each of the three B rows
//   Y15      eight values of one A row
//   SI = A row 0, R8 = lda in bytes, R9 = 3*lda in bytes
//   DI = B row 0, R10 = ldb in bytes
//   CX = values left; DX = C row, R11 = ldc in bytes
// Each step of eight values issues 7 loads and 12 independent FMAs.
// At the end, horizontal adds fold each row's three accumulators into the
// first three lanes of one XMM register.
TEXT ·dot4x3AVX2(SB), NOSPLIT, $0-65
	MOVQ k8+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ lda+16(FP), R8
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	MOVQ b+24(FP), DI
	MOVQ ldb+32(FP), R10
	SHLQ $2, R10
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11

loop:
	VMOVUPS (DI), Y12
	VMOVUPS (DI)(R10*1), Y13
	VMOVUPS (DI)(R10*2), Y14
	VMOVUPS (SI), Y15
	VFMADD231PS Y12, Y15, Y0
	VFMADD231PS Y13, Y15, Y1
	VFMADD231PS Y14, Y15, Y2
	VMOVUPS (SI)(R8*1), Y15
	VFMADD231PS Y12, Y15, Y3
	VFMADD231PS Y13, Y15, Y4
	VFMADD231PS Y14, Y15, Y5
	VMOVUPS (SI)(R8*2), Y15
	VFMADD231PS Y12, Y15, Y6
	VFMADD231PS Y13, Y15, Y7
	VFMADD231PS Y14, Y15, Y8
	VMOVUPS (SI)(R9*1), Y15
	VFMADD231PS Y12, Y15, Y9
	VFMADD231PS Y13, Y15, Y10
	VFMADD231PS Y14, Y15, Y11
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $8, CX
	JNZ  loop

	MOVQ c+40(FP), DX
	MOVQ ldc+48(FP), R11
	SHLQ $2, R11
	VBROADCASTSS alpha+56(FP), X14
	VBROADCASTSS beta+60(FP), X15
	MOVBLZX loadC+64(FP), AX

	// Row 0: Y12 = [s0 s0 s1 s1 | ...] pairs, Y13 = [s2 s2 s2 s2 | ...] pairs,
	// then [s0 s1 s2 s2 | s0 s1 s2 s2] partial sums, folded into X12.
	VHADDPS Y1, Y0, Y12
	VHADDPS Y2, Y2, Y13
	VHADDPS Y13, Y12, Y12
	VEXTRACTF128 $1, Y12, X13
	VADDPS X13, X12, X12
	VMULPS X14, X12, X12
	TESTL AX, AX
	JZ    store0
	VMOVSD (DX), X13
	VINSERTPS $0x20, 8(DX), X13, X13
	VFMADD231PS X13, X15, X12

store0:
	VMOVSD X12, (DX)
	VEXTRACTPS $2, X12, 8(DX)
	ADDQ R11, DX

	// Row 1: Y12 = [s0 s0 s1 s1 | ...] pairs, Y13 = [s2 s2 s2 s2 | ...] pairs,
	// then [s0 s1 s2 s2 | s0 s1 s2 s2] partial sums, folded into X12.
	VHADDPS Y4, Y3, Y12
	VHADDPS Y5, Y5, Y13
	VHADDPS Y13, Y12, Y12
	VEXTRACTF128 $1, Y12, X13
	VADDPS X13, X12, X12
	VMULPS X14, X12, X12
	TESTL AX, AX
	JZ    store1
	VMOVSD (DX), X13
	VINSERTPS $0x20, 8(DX), X13, X13
	VFMADD231PS X13, X15, X12

store1:
	VMOVSD X12, (DX)
	VEXTRACTPS $2, X12, 8(DX)
	ADDQ R11, DX

	// Row 2: Y12 = [s0 s0 s1 s1 | ...] pairs, Y13 = [s2 s2 s2 s2 | ...] pairs,
	// then [s0 s1 s2 s2 | s0 s1 s2 s2] partial sums, folded into X12.
	VHADDPS Y7, Y6, Y12
	VHADDPS Y8, Y8, Y13
	VHADDPS Y13, Y12, Y12
	VEXTRACTF128 $1, Y12, X13
	VADDPS X13, X12, X12
	VMULPS X14, X12, X12
	TESTL AX, AX
	JZ    store2
	VMOVSD (DX), X13
	VINSERTPS $0x20, 8(DX), X13, X13
	VFMADD231PS X13, X15, X12

store2:
	VMOVSD X12, (DX)
	VEXTRACTPS $2, X12, 8(DX)
	ADDQ R11, DX

	// Row 3: Y12 = [s0 s0 s1 s1 | ...] pairs, Y13 = [s2 s2 s2 s2 | ...] pairs,
	// then [s0 s1 s2 s2 | s0 s1 s2 s2] partial sums, folded into X12.
	VHADDPS Y10, Y9, Y12
	VHADDPS Y11, Y11, Y13
	VHADDPS Y13, Y12, Y12
	VEXTRACTF128 $1, Y12, X13
	VADDPS X13, X12, X12
	VMULPS X14, X12, X12
	TESTL AX, AX
	JZ    store3
	VMOVSD (DX), X13
	VINSERTPS $0x20, 8(DX), X13, X13
	VFMADD231PS X13, X15, X12

store3:
	VMOVSD X12, (DX)
	VEXTRACTPS $2, X12, 8(DX)
	ADDQ R11, DX

	VZEROUPPER
	RET
