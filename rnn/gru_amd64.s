//go:build amd64 && !purego

#include "textflag.h"

// The GRU's element-wise rows (gru_rows.go) with AVX2 + FMA and with
// AVX-512F. Sigmoid and tanh are the range reduction and Cephes
// polynomials of exp32 and tanh32 (fastmath.go), computed as
// fastmath_amd64.s computes them; assembly symbols are private to their
// file, so the constants and macros are repeated here under names of
// their own. The rest of each row is the Go row's operations in the Go
// row's order, without fused multiply-adds, so that it gives the same
// bits.

DATA gruExpHi<>+0(SB)/4, $0x42b0c0a5
DATA gruExpHi<>+4(SB)/4, $0x42b0c0a5
DATA gruExpHi<>+8(SB)/4, $0x42b0c0a5
DATA gruExpHi<>+12(SB)/4, $0x42b0c0a5
DATA gruExpHi<>+16(SB)/4, $0x42b0c0a5
DATA gruExpHi<>+20(SB)/4, $0x42b0c0a5
DATA gruExpHi<>+24(SB)/4, $0x42b0c0a5
DATA gruExpHi<>+28(SB)/4, $0x42b0c0a5
GLOBL gruExpHi<>(SB), RODATA|NOPTR, $32

DATA gruExpLo<>+0(SB)/4, $0xc2aeac4f
DATA gruExpLo<>+4(SB)/4, $0xc2aeac4f
DATA gruExpLo<>+8(SB)/4, $0xc2aeac4f
DATA gruExpLo<>+12(SB)/4, $0xc2aeac4f
DATA gruExpLo<>+16(SB)/4, $0xc2aeac4f
DATA gruExpLo<>+20(SB)/4, $0xc2aeac4f
DATA gruExpLo<>+24(SB)/4, $0xc2aeac4f
DATA gruExpLo<>+28(SB)/4, $0xc2aeac4f
GLOBL gruExpLo<>(SB), RODATA|NOPTR, $32

DATA gruLog2e<>+0(SB)/4, $0x3fb8aa3b
DATA gruLog2e<>+4(SB)/4, $0x3fb8aa3b
DATA gruLog2e<>+8(SB)/4, $0x3fb8aa3b
DATA gruLog2e<>+12(SB)/4, $0x3fb8aa3b
DATA gruLog2e<>+16(SB)/4, $0x3fb8aa3b
DATA gruLog2e<>+20(SB)/4, $0x3fb8aa3b
DATA gruLog2e<>+24(SB)/4, $0x3fb8aa3b
DATA gruLog2e<>+28(SB)/4, $0x3fb8aa3b
GLOBL gruLog2e<>(SB), RODATA|NOPTR, $32

DATA gruLn2Hi<>+0(SB)/4, $0x3f318000
DATA gruLn2Hi<>+4(SB)/4, $0x3f318000
DATA gruLn2Hi<>+8(SB)/4, $0x3f318000
DATA gruLn2Hi<>+12(SB)/4, $0x3f318000
DATA gruLn2Hi<>+16(SB)/4, $0x3f318000
DATA gruLn2Hi<>+20(SB)/4, $0x3f318000
DATA gruLn2Hi<>+24(SB)/4, $0x3f318000
DATA gruLn2Hi<>+28(SB)/4, $0x3f318000
GLOBL gruLn2Hi<>(SB), RODATA|NOPTR, $32

DATA gruLn2Lo<>+0(SB)/4, $0xb95e8083
DATA gruLn2Lo<>+4(SB)/4, $0xb95e8083
DATA gruLn2Lo<>+8(SB)/4, $0xb95e8083
DATA gruLn2Lo<>+12(SB)/4, $0xb95e8083
DATA gruLn2Lo<>+16(SB)/4, $0xb95e8083
DATA gruLn2Lo<>+20(SB)/4, $0xb95e8083
DATA gruLn2Lo<>+24(SB)/4, $0xb95e8083
DATA gruLn2Lo<>+28(SB)/4, $0xb95e8083
GLOBL gruLn2Lo<>(SB), RODATA|NOPTR, $32

DATA gruExpC0<>+0(SB)/4, $0x39506967
DATA gruExpC0<>+4(SB)/4, $0x39506967
DATA gruExpC0<>+8(SB)/4, $0x39506967
DATA gruExpC0<>+12(SB)/4, $0x39506967
DATA gruExpC0<>+16(SB)/4, $0x39506967
DATA gruExpC0<>+20(SB)/4, $0x39506967
DATA gruExpC0<>+24(SB)/4, $0x39506967
DATA gruExpC0<>+28(SB)/4, $0x39506967
GLOBL gruExpC0<>(SB), RODATA|NOPTR, $32

DATA gruExpC1<>+0(SB)/4, $0x3ab743ce
DATA gruExpC1<>+4(SB)/4, $0x3ab743ce
DATA gruExpC1<>+8(SB)/4, $0x3ab743ce
DATA gruExpC1<>+12(SB)/4, $0x3ab743ce
DATA gruExpC1<>+16(SB)/4, $0x3ab743ce
DATA gruExpC1<>+20(SB)/4, $0x3ab743ce
DATA gruExpC1<>+24(SB)/4, $0x3ab743ce
DATA gruExpC1<>+28(SB)/4, $0x3ab743ce
GLOBL gruExpC1<>(SB), RODATA|NOPTR, $32

DATA gruExpC2<>+0(SB)/4, $0x3c088908
DATA gruExpC2<>+4(SB)/4, $0x3c088908
DATA gruExpC2<>+8(SB)/4, $0x3c088908
DATA gruExpC2<>+12(SB)/4, $0x3c088908
DATA gruExpC2<>+16(SB)/4, $0x3c088908
DATA gruExpC2<>+20(SB)/4, $0x3c088908
DATA gruExpC2<>+24(SB)/4, $0x3c088908
DATA gruExpC2<>+28(SB)/4, $0x3c088908
GLOBL gruExpC2<>(SB), RODATA|NOPTR, $32

DATA gruExpC3<>+0(SB)/4, $0x3d2aa9c1
DATA gruExpC3<>+4(SB)/4, $0x3d2aa9c1
DATA gruExpC3<>+8(SB)/4, $0x3d2aa9c1
DATA gruExpC3<>+12(SB)/4, $0x3d2aa9c1
DATA gruExpC3<>+16(SB)/4, $0x3d2aa9c1
DATA gruExpC3<>+20(SB)/4, $0x3d2aa9c1
DATA gruExpC3<>+24(SB)/4, $0x3d2aa9c1
DATA gruExpC3<>+28(SB)/4, $0x3d2aa9c1
GLOBL gruExpC3<>(SB), RODATA|NOPTR, $32

DATA gruExpC4<>+0(SB)/4, $0x3e2aaaaa
DATA gruExpC4<>+4(SB)/4, $0x3e2aaaaa
DATA gruExpC4<>+8(SB)/4, $0x3e2aaaaa
DATA gruExpC4<>+12(SB)/4, $0x3e2aaaaa
DATA gruExpC4<>+16(SB)/4, $0x3e2aaaaa
DATA gruExpC4<>+20(SB)/4, $0x3e2aaaaa
DATA gruExpC4<>+24(SB)/4, $0x3e2aaaaa
DATA gruExpC4<>+28(SB)/4, $0x3e2aaaaa
GLOBL gruExpC4<>(SB), RODATA|NOPTR, $32

DATA gruExpC5<>+0(SB)/4, $0x3f000000
DATA gruExpC5<>+4(SB)/4, $0x3f000000
DATA gruExpC5<>+8(SB)/4, $0x3f000000
DATA gruExpC5<>+12(SB)/4, $0x3f000000
DATA gruExpC5<>+16(SB)/4, $0x3f000000
DATA gruExpC5<>+20(SB)/4, $0x3f000000
DATA gruExpC5<>+24(SB)/4, $0x3f000000
DATA gruExpC5<>+28(SB)/4, $0x3f000000
GLOBL gruExpC5<>(SB), RODATA|NOPTR, $32

DATA gruOne<>+0(SB)/4, $0x3f800000
DATA gruOne<>+4(SB)/4, $0x3f800000
DATA gruOne<>+8(SB)/4, $0x3f800000
DATA gruOne<>+12(SB)/4, $0x3f800000
DATA gruOne<>+16(SB)/4, $0x3f800000
DATA gruOne<>+20(SB)/4, $0x3f800000
DATA gruOne<>+24(SB)/4, $0x3f800000
DATA gruOne<>+28(SB)/4, $0x3f800000
GLOBL gruOne<>(SB), RODATA|NOPTR, $32

DATA gruTwo<>+0(SB)/4, $0x40000000
DATA gruTwo<>+4(SB)/4, $0x40000000
DATA gruTwo<>+8(SB)/4, $0x40000000
DATA gruTwo<>+12(SB)/4, $0x40000000
DATA gruTwo<>+16(SB)/4, $0x40000000
DATA gruTwo<>+20(SB)/4, $0x40000000
DATA gruTwo<>+24(SB)/4, $0x40000000
DATA gruTwo<>+28(SB)/4, $0x40000000
GLOBL gruTwo<>(SB), RODATA|NOPTR, $32

DATA gruTanhLo<>+0(SB)/4, $0x3f200000
DATA gruTanhLo<>+4(SB)/4, $0x3f200000
DATA gruTanhLo<>+8(SB)/4, $0x3f200000
DATA gruTanhLo<>+12(SB)/4, $0x3f200000
DATA gruTanhLo<>+16(SB)/4, $0x3f200000
DATA gruTanhLo<>+20(SB)/4, $0x3f200000
DATA gruTanhLo<>+24(SB)/4, $0x3f200000
DATA gruTanhLo<>+28(SB)/4, $0x3f200000
GLOBL gruTanhLo<>(SB), RODATA|NOPTR, $32

DATA gruTanhC0<>+0(SB)/4, $0xbbbaf0ea
DATA gruTanhC0<>+4(SB)/4, $0xbbbaf0ea
DATA gruTanhC0<>+8(SB)/4, $0xbbbaf0ea
DATA gruTanhC0<>+12(SB)/4, $0xbbbaf0ea
DATA gruTanhC0<>+16(SB)/4, $0xbbbaf0ea
DATA gruTanhC0<>+20(SB)/4, $0xbbbaf0ea
DATA gruTanhC0<>+24(SB)/4, $0xbbbaf0ea
DATA gruTanhC0<>+28(SB)/4, $0xbbbaf0ea
GLOBL gruTanhC0<>(SB), RODATA|NOPTR, $32

DATA gruTanhC1<>+0(SB)/4, $0x3ca9134e
DATA gruTanhC1<>+4(SB)/4, $0x3ca9134e
DATA gruTanhC1<>+8(SB)/4, $0x3ca9134e
DATA gruTanhC1<>+12(SB)/4, $0x3ca9134e
DATA gruTanhC1<>+16(SB)/4, $0x3ca9134e
DATA gruTanhC1<>+20(SB)/4, $0x3ca9134e
DATA gruTanhC1<>+24(SB)/4, $0x3ca9134e
DATA gruTanhC1<>+28(SB)/4, $0x3ca9134e
GLOBL gruTanhC1<>(SB), RODATA|NOPTR, $32

DATA gruTanhC2<>+0(SB)/4, $0xbd5c1e2d
DATA gruTanhC2<>+4(SB)/4, $0xbd5c1e2d
DATA gruTanhC2<>+8(SB)/4, $0xbd5c1e2d
DATA gruTanhC2<>+12(SB)/4, $0xbd5c1e2d
DATA gruTanhC2<>+16(SB)/4, $0xbd5c1e2d
DATA gruTanhC2<>+20(SB)/4, $0xbd5c1e2d
DATA gruTanhC2<>+24(SB)/4, $0xbd5c1e2d
DATA gruTanhC2<>+28(SB)/4, $0xbd5c1e2d
GLOBL gruTanhC2<>(SB), RODATA|NOPTR, $32

DATA gruTanhC3<>+0(SB)/4, $0x3e088393
DATA gruTanhC3<>+4(SB)/4, $0x3e088393
DATA gruTanhC3<>+8(SB)/4, $0x3e088393
DATA gruTanhC3<>+12(SB)/4, $0x3e088393
DATA gruTanhC3<>+16(SB)/4, $0x3e088393
DATA gruTanhC3<>+20(SB)/4, $0x3e088393
DATA gruTanhC3<>+24(SB)/4, $0x3e088393
DATA gruTanhC3<>+28(SB)/4, $0x3e088393
GLOBL gruTanhC3<>(SB), RODATA|NOPTR, $32

DATA gruTanhC4<>+0(SB)/4, $0xbeaaaa99
DATA gruTanhC4<>+4(SB)/4, $0xbeaaaa99
DATA gruTanhC4<>+8(SB)/4, $0xbeaaaa99
DATA gruTanhC4<>+12(SB)/4, $0xbeaaaa99
DATA gruTanhC4<>+16(SB)/4, $0xbeaaaa99
DATA gruTanhC4<>+20(SB)/4, $0xbeaaaa99
DATA gruTanhC4<>+24(SB)/4, $0xbeaaaa99
DATA gruTanhC4<>+28(SB)/4, $0xbeaaaa99
GLOBL gruTanhC4<>(SB), RODATA|NOPTR, $32

DATA gruSignMask<>+0(SB)/4, $0x80000000
DATA gruSignMask<>+4(SB)/4, $0x80000000
DATA gruSignMask<>+8(SB)/4, $0x80000000
DATA gruSignMask<>+12(SB)/4, $0x80000000
DATA gruSignMask<>+16(SB)/4, $0x80000000
DATA gruSignMask<>+20(SB)/4, $0x80000000
DATA gruSignMask<>+24(SB)/4, $0x80000000
DATA gruSignMask<>+28(SB)/4, $0x80000000
GLOBL gruSignMask<>(SB), RODATA|NOPTR, $32

DATA gruAbsMask<>+0(SB)/4, $0x7fffffff
DATA gruAbsMask<>+4(SB)/4, $0x7fffffff
DATA gruAbsMask<>+8(SB)/4, $0x7fffffff
DATA gruAbsMask<>+12(SB)/4, $0x7fffffff
DATA gruAbsMask<>+16(SB)/4, $0x7fffffff
DATA gruAbsMask<>+20(SB)/4, $0x7fffffff
DATA gruAbsMask<>+24(SB)/4, $0x7fffffff
DATA gruAbsMask<>+28(SB)/4, $0x7fffffff
GLOBL gruAbsMask<>(SB), RODATA|NOPTR, $32

DATA gruExpBias<>+0(SB)/4, $0x0000007f
DATA gruExpBias<>+4(SB)/4, $0x0000007f
DATA gruExpBias<>+8(SB)/4, $0x0000007f
DATA gruExpBias<>+12(SB)/4, $0x0000007f
DATA gruExpBias<>+16(SB)/4, $0x0000007f
DATA gruExpBias<>+20(SB)/4, $0x0000007f
DATA gruExpBias<>+24(SB)/4, $0x0000007f
DATA gruExpBias<>+28(SB)/4, $0x0000007f
GLOBL gruExpBias<>(SB), RODATA|NOPTR, $32

// GEXP replaces Y0 with e^Y0, clamped to the float32 range; it uses Y1-Y3.
#define GEXP \
	VMINPS gruExpHi<>(SB), Y0, Y0 \
	VMAXPS gruExpLo<>(SB), Y0, Y0 \
	VMULPS gruLog2e<>(SB), Y0, Y1 \
	VROUNDPS $0, Y1, Y1 \
	VFNMADD231PS gruLn2Hi<>(SB), Y1, Y0 \
	VFNMADD231PS gruLn2Lo<>(SB), Y1, Y0 \
	VMOVUPS gruExpC0<>(SB), Y2 \
	VFMADD213PS gruExpC1<>(SB), Y0, Y2 \
	VFMADD213PS gruExpC2<>(SB), Y0, Y2 \
	VFMADD213PS gruExpC3<>(SB), Y0, Y2 \
	VFMADD213PS gruExpC4<>(SB), Y0, Y2 \
	VFMADD213PS gruExpC5<>(SB), Y0, Y2 \
	VMULPS Y0, Y0, Y3 \
	VFMADD213PS Y0, Y3, Y2 \
	VADDPS gruOne<>(SB), Y2, Y2 \
	VCVTPS2DQ Y1, Y1 \
	VPADDD gruExpBias<>(SB), Y1, Y1 \
	VPSLLD $23, Y1, Y1 \
	VMULPS Y1, Y2, Y0

// GSIGMOID replaces Y0 with 1/(1+e^-Y0); it uses Y1-Y3 and needs one in Y10.
#define GSIGMOID \
	VXORPS gruSignMask<>(SB), Y0, Y0 \
	GEXP \
	VADDPS Y10, Y0, Y0 \
	VDIVPS Y0, Y10, Y0

// GTANH sets Y0 to tanh(Y5); it uses Y1-Y4 and Y6-Y9 and needs one in
// Y10, two in Y11 and tanhLo in Y12.
#define GTANH \
	VANDPS      gruAbsMask<>(SB), Y5, Y6 \
	VANDPS      gruSignMask<>(SB), Y5, Y7 \
	VMULPS      Y5, Y5, Y4 \
	VMOVUPS     gruTanhC0<>(SB), Y8 \
	VFMADD213PS gruTanhC1<>(SB), Y4, Y8 \
	VFMADD213PS gruTanhC2<>(SB), Y4, Y8 \
	VFMADD213PS gruTanhC3<>(SB), Y4, Y8 \
	VFMADD213PS gruTanhC4<>(SB), Y4, Y8 \
	VMULPS      Y4, Y8, Y8 \
	VFMADD213PS Y5, Y5, Y8 \
	VADDPS      Y6, Y6, Y0 \
	GEXP \
	VADDPS      Y10, Y0, Y0 \
	VDIVPS      Y0, Y11, Y0 \
	VSUBPS      Y0, Y10, Y0 \
	VORPS       Y7, Y0, Y0 \
	VCMPPS      $1, Y12, Y6, Y9 \
	VBLENDVPS   Y9, Y8, Y0, Y0

// GEXPZ, GSIGMOIDZ and GTANHZ are the same with AVX-512F on Z registers
// (TANH's mask in K1), the constants broadcast from their first lane.
#define GEXPZ \
	VMINPS.BCST       gruExpHi<>(SB), Z0, Z0 \
	VMAXPS.BCST       gruExpLo<>(SB), Z0, Z0 \
	VMULPS.BCST       gruLog2e<>(SB), Z0, Z1 \
	VRNDSCALEPS       $0, Z1, Z1 \
	VFNMADD231PS.BCST gruLn2Hi<>(SB), Z1, Z0 \
	VFNMADD231PS.BCST gruLn2Lo<>(SB), Z1, Z0 \
	VBROADCASTSS      gruExpC0<>(SB), Z2 \
	VFMADD213PS.BCST  gruExpC1<>(SB), Z0, Z2 \
	VFMADD213PS.BCST  gruExpC2<>(SB), Z0, Z2 \
	VFMADD213PS.BCST  gruExpC3<>(SB), Z0, Z2 \
	VFMADD213PS.BCST  gruExpC4<>(SB), Z0, Z2 \
	VFMADD213PS.BCST  gruExpC5<>(SB), Z0, Z2 \
	VMULPS            Z0, Z0, Z3 \
	VFMADD213PS       Z0, Z3, Z2 \
	VADDPS            Z10, Z2, Z2 \
	VCVTPS2DQ         Z1, Z1 \
	VPADDD.BCST       gruExpBias<>(SB), Z1, Z1 \
	VPSLLD            $23, Z1, Z1 \
	VMULPS            Z1, Z2, Z0

#define GSIGMOIDZ \
	VPXORD.BCST gruSignMask<>(SB), Z0, Z0 \
	GEXPZ \
	VADDPS      Z10, Z0, Z0 \
	VDIVPS      Z0, Z10, Z0

#define GTANHZ \
	VPANDD.BCST      gruAbsMask<>(SB), Z5, Z6 \
	VPANDD.BCST      gruSignMask<>(SB), Z5, Z7 \
	VMULPS           Z5, Z5, Z4 \
	VBROADCASTSS     gruTanhC0<>(SB), Z8 \
	VFMADD213PS.BCST gruTanhC1<>(SB), Z4, Z8 \
	VFMADD213PS.BCST gruTanhC2<>(SB), Z4, Z8 \
	VFMADD213PS.BCST gruTanhC3<>(SB), Z4, Z8 \
	VFMADD213PS.BCST gruTanhC4<>(SB), Z4, Z8 \
	VMULPS           Z4, Z8, Z8 \
	VFMADD213PS      Z5, Z5, Z8 \
	VADDPS           Z6, Z6, Z0 \
	GEXPZ \
	VADDPS           Z10, Z0, Z0 \
	VDIVPS           Z0, Z11, Z0 \
	VSUBPS           Z0, Z10, Z0 \
	VPORD            Z7, Z0, Z0 \
	VCMPPS           $1, Z12, Z6, K1 \
	VMOVAPS          Z8, K1, Z0

// func gruGates8AVX2(gates, bias, hPrev, rh *float32, u int)
//
// gates = σ(gates + bias) over 2u values; rh = r·hPrev over the first u, or zeros
// when hPrev is nil.
TEXT ·gruGates8AVX2(SB), NOSPLIT, $0-40
	MOVQ gates+0(FP), SI
	MOVQ bias+8(FP), BX
	MOVQ hPrev+16(FP), R8
	MOVQ rh+24(FP), DI
	MOVQ u+32(FP), CX
	MOVQ CX, DX
	VMOVUPS gruOne<>(SB), Y10

gates8Reset:
	CMPQ CX, $8
	JLT  gates8Update
	VMOVUPS (SI), Y0
	VADDPS  (BX), Y0, Y0
	GSIGMOID
	VMOVUPS Y0, (SI)
	VXORPS  Y4, Y4, Y4
	TESTQ   R8, R8
	JZ      gates8NoPrev
	VMULPS  (R8), Y0, Y4
	ADDQ    $32, R8

gates8NoPrev:
	VMOVUPS Y4, (DI)
	ADDQ    $32, SI
	ADDQ    $32, BX
	ADDQ    $32, DI
	SUBQ    $8, CX
	JMP     gates8Reset

gates8Update:
	CMPQ DX, $8
	JLT  gates8Done
	VMOVUPS (SI), Y0
	VADDPS  (BX), Y0, Y0
	GSIGMOID
	VMOVUPS Y0, (SI)
	ADDQ    $32, SI
	ADDQ    $32, BX
	SUBQ    $8, DX
	JMP     gates8Update

gates8Done:
	VZEROUPPER
	RET

// func gruGates16AVX512(gates, bias, hPrev, rh *float32, u int)
TEXT ·gruGates16AVX512(SB), NOSPLIT, $0-40
	MOVQ gates+0(FP), SI
	MOVQ bias+8(FP), BX
	MOVQ hPrev+16(FP), R8
	MOVQ rh+24(FP), DI
	MOVQ u+32(FP), CX
	MOVQ CX, DX
	VBROADCASTSS gruOne<>(SB), Z10

gates16Reset:
	CMPQ CX, $16
	JLT  gates16Update
	VMOVUPS (SI), Z0
	VADDPS  (BX), Z0, Z0
	GSIGMOIDZ
	VMOVUPS Z0, (SI)
	VPXORD  Z4, Z4, Z4
	TESTQ   R8, R8
	JZ      gates16NoPrev
	VMULPS  (R8), Z0, Z4
	ADDQ    $64, R8

gates16NoPrev:
	VMOVUPS Z4, (DI)
	ADDQ    $64, SI
	ADDQ    $64, BX
	ADDQ    $64, DI
	SUBQ    $16, CX
	JMP     gates16Reset

gates16Update:
	CMPQ DX, $16
	JLT  gates16Done
	VMOVUPS (SI), Z0
	VADDPS  (BX), Z0, Z0
	GSIGMOIDZ
	VMOVUPS Z0, (SI)
	ADDQ    $64, SI
	ADDQ    $64, BX
	SUBQ    $16, DX
	JMP     gates16Update

gates16Done:
	VZEROUPPER
	RET

// func gruCand8AVX2(c, bias, z, hPrev, h *float32, u int)
//
// c = tanh(c + bias); h = z·hPrev + (1-z)·c, or (1-z)·c when hPrev is nil.
TEXT ·gruCand8AVX2(SB), NOSPLIT, $0-48
	MOVQ c+0(FP), SI
	MOVQ bias+8(FP), BX
	MOVQ z+16(FP), R9
	MOVQ hPrev+24(FP), R8
	MOVQ h+32(FP), DI
	MOVQ u+40(FP), CX
	VMOVUPS gruOne<>(SB), Y10
	VMOVUPS gruTwo<>(SB), Y11
	VMOVUPS gruTanhLo<>(SB), Y12

cand8Loop:
	CMPQ CX, $8
	JLT  cand8Done
	VMOVUPS (SI), Y5
	VADDPS  (BX), Y5, Y5
	GTANH
	VMOVUPS Y0, (SI)
	VMOVUPS (R9), Y13
	VSUBPS  Y13, Y10, Y14
	VMULPS  Y0, Y14, Y14
	TESTQ   R8, R8
	JZ      cand8NoPrev
	VMULPS  (R8), Y13, Y15
	VADDPS  Y14, Y15, Y14
	ADDQ    $32, R8

cand8NoPrev:
	VMOVUPS Y14, (DI)
	ADDQ    $32, SI
	ADDQ    $32, BX
	ADDQ    $32, R9
	ADDQ    $32, DI
	SUBQ    $8, CX
	JMP     cand8Loop

cand8Done:
	VZEROUPPER
	RET

// func gruCand16AVX512(c, bias, z, hPrev, h *float32, u int)
TEXT ·gruCand16AVX512(SB), NOSPLIT, $0-48
	MOVQ c+0(FP), SI
	MOVQ bias+8(FP), BX
	MOVQ z+16(FP), R9
	MOVQ hPrev+24(FP), R8
	MOVQ h+32(FP), DI
	MOVQ u+40(FP), CX
	VBROADCASTSS gruOne<>(SB), Z10
	VBROADCASTSS gruTwo<>(SB), Z11
	VBROADCASTSS gruTanhLo<>(SB), Z12

cand16Loop:
	CMPQ CX, $16
	JLT  cand16Done
	VMOVUPS (SI), Z5
	VADDPS  (BX), Z5, Z5
	GTANHZ
	VMOVUPS Z0, (SI)
	VMOVUPS (R9), Z13
	VSUBPS  Z13, Z10, Z14
	VMULPS  Z0, Z14, Z14
	TESTQ   R8, R8
	JZ      cand16NoPrev
	VMULPS  (R8), Z13, Z15
	VADDPS  Z14, Z15, Z14
	ADDQ    $64, R8

cand16NoPrev:
	VMOVUPS Z14, (DI)
	ADDQ    $64, SI
	ADDQ    $64, BX
	ADDQ    $64, R9
	ADDQ    $64, DI
	SUBQ    $16, CX
	JMP     cand16Loop

cand16Done:
	VZEROUPPER
	RET

// func gruGradOut8AVX2(z, c, hPrev, dOut, dhNext, dz, dc, dh *float32, u int)
//
// gh = dOut + dhNext; dz = gh·(hPrev - c)·z·(1-z) (hPrev nil: 0);
// dc = gh·(1-z)·(1 - c·c); dh = gh·z.
TEXT ·gruGradOut8AVX2(SB), NOSPLIT, $0-72
	MOVQ z+0(FP), SI
	MOVQ c+8(FP), BX
	MOVQ hPrev+16(FP), R8
	MOVQ dOut+24(FP), R9
	MOVQ dhNext+32(FP), R10
	MOVQ dz+40(FP), R11
	MOVQ dc+48(FP), R12
	MOVQ dh+56(FP), R13
	MOVQ u+64(FP), CX
	VMOVUPS gruOne<>(SB), Y10

out8Loop:
	CMPQ CX, $8
	JLT  out8Done
	VMOVUPS (SI), Y0
	VMOVUPS (BX), Y1
	VMOVUPS (R9), Y2
	VADDPS  (R10), Y2, Y2
	VXORPS  Y3, Y3, Y3
	TESTQ   R8, R8
	JZ      out8NoPrev
	VMOVUPS (R8), Y3
	ADDQ    $32, R8

out8NoPrev:
	VSUBPS  Y1, Y3, Y3
	VMULPS  Y3, Y2, Y3
	VMULPS  Y0, Y3, Y3
	VSUBPS  Y0, Y10, Y4
	VMULPS  Y4, Y3, Y3
	VMOVUPS Y3, (R11)
	VMULPS  Y4, Y2, Y5
	VMULPS  Y1, Y1, Y6
	VSUBPS  Y6, Y10, Y6
	VMULPS  Y6, Y5, Y5
	VMOVUPS Y5, (R12)
	VMULPS  Y0, Y2, Y7
	VMOVUPS Y7, (R13)
	ADDQ    $32, SI
	ADDQ    $32, BX
	ADDQ    $32, R9
	ADDQ    $32, R10
	ADDQ    $32, R11
	ADDQ    $32, R12
	ADDQ    $32, R13
	SUBQ    $8, CX
	JMP     out8Loop

out8Done:
	VZEROUPPER
	RET

// func gruGradOut16AVX512(z, c, hPrev, dOut, dhNext, dz, dc, dh *float32, u int)
TEXT ·gruGradOut16AVX512(SB), NOSPLIT, $0-72
	MOVQ z+0(FP), SI
	MOVQ c+8(FP), BX
	MOVQ hPrev+16(FP), R8
	MOVQ dOut+24(FP), R9
	MOVQ dhNext+32(FP), R10
	MOVQ dz+40(FP), R11
	MOVQ dc+48(FP), R12
	MOVQ dh+56(FP), R13
	MOVQ u+64(FP), CX
	VBROADCASTSS gruOne<>(SB), Z10

out16Loop:
	CMPQ CX, $16
	JLT  out16Done
	VMOVUPS (SI), Z0
	VMOVUPS (BX), Z1
	VMOVUPS (R9), Z2
	VADDPS  (R10), Z2, Z2
	VPXORD  Z3, Z3, Z3
	TESTQ   R8, R8
	JZ      out16NoPrev
	VMOVUPS (R8), Z3
	ADDQ    $64, R8

out16NoPrev:
	VSUBPS  Z1, Z3, Z3
	VMULPS  Z3, Z2, Z3
	VMULPS  Z0, Z3, Z3
	VSUBPS  Z0, Z10, Z4
	VMULPS  Z4, Z3, Z3
	VMOVUPS Z3, (R11)
	VMULPS  Z4, Z2, Z5
	VMULPS  Z1, Z1, Z6
	VSUBPS  Z6, Z10, Z6
	VMULPS  Z6, Z5, Z5
	VMOVUPS Z5, (R12)
	VMULPS  Z0, Z2, Z7
	VMOVUPS Z7, (R13)
	ADDQ    $64, SI
	ADDQ    $64, BX
	ADDQ    $64, R9
	ADDQ    $64, R10
	ADDQ    $64, R11
	ADDQ    $64, R12
	ADDQ    $64, R13
	SUBQ    $16, CX
	JMP     out16Loop

out16Done:
	VZEROUPPER
	RET

// func gruGradReset8AVX2(r, hPrev, drh, dr, dh *float32, u int)
//
// dr = drh·hPrev·r·(1-r); dh += drh·r.
TEXT ·gruGradReset8AVX2(SB), NOSPLIT, $0-48
	MOVQ r+0(FP), SI
	MOVQ hPrev+8(FP), R8
	MOVQ drh+16(FP), R9
	MOVQ dr+24(FP), R10
	MOVQ dh+32(FP), R11
	MOVQ u+40(FP), CX
	VMOVUPS gruOne<>(SB), Y10

reset8Loop:
	CMPQ CX, $8
	JLT  reset8Done
	VMOVUPS (SI), Y0
	VMOVUPS (R9), Y1
	VMULPS  (R8), Y1, Y2
	VMULPS  Y0, Y2, Y2
	VSUBPS  Y0, Y10, Y3
	VMULPS  Y3, Y2, Y2
	VMOVUPS Y2, (R10)
	VMULPS  Y0, Y1, Y4
	VADDPS  (R11), Y4, Y4
	VMOVUPS Y4, (R11)
	ADDQ    $32, SI
	ADDQ    $32, R8
	ADDQ    $32, R9
	ADDQ    $32, R10
	ADDQ    $32, R11
	SUBQ    $8, CX
	JMP     reset8Loop

reset8Done:
	VZEROUPPER
	RET

// func gruGradReset16AVX512(r, hPrev, drh, dr, dh *float32, u int)
TEXT ·gruGradReset16AVX512(SB), NOSPLIT, $0-48
	MOVQ r+0(FP), SI
	MOVQ hPrev+8(FP), R8
	MOVQ drh+16(FP), R9
	MOVQ dr+24(FP), R10
	MOVQ dh+32(FP), R11
	MOVQ u+40(FP), CX
	VBROADCASTSS gruOne<>(SB), Z10

reset16Loop:
	CMPQ CX, $16
	JLT  reset16Done
	VMOVUPS (SI), Z0
	VMOVUPS (R9), Z1
	VMULPS  (R8), Z1, Z2
	VMULPS  Z0, Z2, Z2
	VSUBPS  Z0, Z10, Z3
	VMULPS  Z3, Z2, Z2
	VMOVUPS Z2, (R10)
	VMULPS  Z0, Z1, Z4
	VADDPS  (R11), Z4, Z4
	VMOVUPS Z4, (R11)
	ADDQ    $64, SI
	ADDQ    $64, R8
	ADDQ    $64, R9
	ADDQ    $64, R10
	ADDQ    $64, R11
	SUBQ    $16, CX
	JMP     reset16Loop

reset16Done:
	VZEROUPPER
	RET
