//go:build amd64 && !purego

#include "textflag.h"

// Adam's update (adamGo in optimizer_adam.go), the same operations in the
// same order, without fused multiply-adds. adamParams is six float32s:
// lrt, b1, c1, b2, c2, eps.

// func adam16AVX512(w, grad, m, v *float32, n int, p *adamParams)
TEXT ·adam16AVX512(SB), NOSPLIT, $0-48
	MOVQ w+0(FP), DI
	MOVQ grad+8(FP), SI
	MOVQ m+16(FP), R8
	MOVQ v+24(FP), R9
	MOVQ n+32(FP), CX
	MOVQ p+40(FP), AX
	VBROADCASTSS 0(AX), Z20  // lrt
	VBROADCASTSS 4(AX), Z21  // b1
	VBROADCASTSS 8(AX), Z22  // c1
	VBROADCASTSS 12(AX), Z23 // b2
	VBROADCASTSS 16(AX), Z24 // c2
	VBROADCASTSS 20(AX), Z25 // eps

adam16Loop:
	CMPQ CX, $16
	JLT  adam16Done
	VMOVUPS (SI), Z0
	// m = b1·m + c1·g
	VMULPS  (R8), Z21, Z1
	VMULPS  Z0, Z22, Z2
	VADDPS  Z2, Z1, Z1
	VMOVUPS Z1, (R8)
	// v = b2·v + (c2·g)·g
	VMULPS  (R9), Z23, Z3
	VMULPS  Z0, Z24, Z4
	VMULPS  Z0, Z4, Z4
	VADDPS  Z4, Z3, Z3
	VMOVUPS Z3, (R9)
	// w -= lrt·m / (√v + eps)
	VSQRTPS Z3, Z5
	VADDPS  Z25, Z5, Z5
	VMULPS  Z1, Z20, Z6
	VDIVPS  Z5, Z6, Z6
	VMOVUPS (DI), Z7
	VSUBPS  Z6, Z7, Z7
	VMOVUPS Z7, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	ADDQ    $64, R8
	ADDQ    $64, R9
	SUBQ    $16, CX
	JMP     adam16Loop

adam16Done:
	VZEROUPPER
	RET

// func adam8AVX2(w, grad, m, v *float32, n int, p *adamParams)
TEXT ·adam8AVX2(SB), NOSPLIT, $0-48
	MOVQ w+0(FP), DI
	MOVQ grad+8(FP), SI
	MOVQ m+16(FP), R8
	MOVQ v+24(FP), R9
	MOVQ n+32(FP), CX
	MOVQ p+40(FP), AX
	VBROADCASTSS 0(AX), Y10  // lrt
	VBROADCASTSS 4(AX), Y11  // b1
	VBROADCASTSS 8(AX), Y12  // c1
	VBROADCASTSS 12(AX), Y13 // b2
	VBROADCASTSS 16(AX), Y14 // c2
	VBROADCASTSS 20(AX), Y15 // eps

adam8Loop:
	CMPQ CX, $8
	JLT  adam8Done
	VMOVUPS (SI), Y0
	VMULPS  (R8), Y11, Y1
	VMULPS  Y0, Y12, Y2
	VADDPS  Y2, Y1, Y1
	VMOVUPS Y1, (R8)
	VMULPS  (R9), Y13, Y3
	VMULPS  Y0, Y14, Y4
	VMULPS  Y0, Y4, Y4
	VADDPS  Y4, Y3, Y3
	VMOVUPS Y3, (R9)
	VSQRTPS Y3, Y5
	VADDPS  Y15, Y5, Y5
	VMULPS  Y1, Y10, Y6
	VDIVPS  Y5, Y6, Y6
	VMOVUPS (DI), Y7
	VSUBPS  Y6, Y7, Y7
	VMOVUPS Y7, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $32, R8
	ADDQ    $32, R9
	SUBQ    $8, CX
	JMP     adam8Loop

adam8Done:
	VZEROUPPER
	RET
