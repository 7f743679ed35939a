//go:build amd64 && !purego

#include "textflag.h"

// func adam8AVX2(w, grad, m, v *float32, n int, b1, c1, b2, c2, lrt, eps float32)
//
// One Adam update of n values (a multiple of 8), with the operations of
// the Go loop in trainOp.forward in the same order and no fused
// multiply-adds, so that the bits agree:
//
//	m = b1*m + c1*g
//	v = b2*v + (c2*g)*g
//	w = w - (lrt*m) / (sqrt(v) + eps)
//
// VSQRTPS rounds the square root correctly, as the Go loop's float64
// square root rounded to float32 does.
TEXT ·adam8AVX2(SB), NOSPLIT, $0-64
	MOVQ         w+0(FP), DI
	MOVQ         grad+8(FP), SI
	MOVQ         m+16(FP), R8
	MOVQ         v+24(FP), R9
	MOVQ         n+32(FP), CX
	VBROADCASTSS b1+40(FP), Y10
	VBROADCASTSS c1+44(FP), Y11
	VBROADCASTSS b2+48(FP), Y12
	VBROADCASTSS c2+52(FP), Y13
	VBROADCASTSS lrt+56(FP), Y14
	VBROADCASTSS eps+60(FP), Y15
	XORQ         AX, AX

adamLoop:
	CMPQ    AX, CX
	JGE     adamDone
	VMOVUPS (SI)(AX*4), Y0
	VMULPS  (R8)(AX*4), Y10, Y1
	VMULPS  Y0, Y11, Y2
	VADDPS  Y2, Y1, Y1
	VMOVUPS Y1, (R8)(AX*4)
	VMULPS  (R9)(AX*4), Y12, Y3
	VMULPS  Y0, Y13, Y4
	VMULPS  Y0, Y4, Y4
	VADDPS  Y4, Y3, Y3
	VMOVUPS Y3, (R9)(AX*4)
	VSQRTPS Y3, Y5
	VADDPS  Y15, Y5, Y5
	VMULPS  Y1, Y14, Y6
	VDIVPS  Y5, Y6, Y6
	VMOVUPS (DI)(AX*4), Y7
	VSUBPS  Y6, Y7, Y7
	VMOVUPS Y7, (DI)(AX*4)
	ADDQ    $8, AX
	JMP     adamLoop

adamDone:
	VZEROUPPER
	RET
