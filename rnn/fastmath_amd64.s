//go:build amd64 && !purego

#include "textflag.h"

// Vector float32 sigmoid and tanh with AVX2 and FMA: the same range
// reduction and Cephes polynomials as exp32 and tanh32 in fastmath.go,
// eight lanes at a time.

DATA expHi<>+0(SB)/4, $0x42b0c0a5
DATA expHi<>+4(SB)/4, $0x42b0c0a5
DATA expHi<>+8(SB)/4, $0x42b0c0a5
DATA expHi<>+12(SB)/4, $0x42b0c0a5
DATA expHi<>+16(SB)/4, $0x42b0c0a5
DATA expHi<>+20(SB)/4, $0x42b0c0a5
DATA expHi<>+24(SB)/4, $0x42b0c0a5
DATA expHi<>+28(SB)/4, $0x42b0c0a5
GLOBL expHi<>(SB), RODATA|NOPTR, $32

DATA expLo<>+0(SB)/4, $0xc2aeac4f
DATA expLo<>+4(SB)/4, $0xc2aeac4f
DATA expLo<>+8(SB)/4, $0xc2aeac4f
DATA expLo<>+12(SB)/4, $0xc2aeac4f
DATA expLo<>+16(SB)/4, $0xc2aeac4f
DATA expLo<>+20(SB)/4, $0xc2aeac4f
DATA expLo<>+24(SB)/4, $0xc2aeac4f
DATA expLo<>+28(SB)/4, $0xc2aeac4f
GLOBL expLo<>(SB), RODATA|NOPTR, $32

DATA log2e<>+0(SB)/4, $0x3fb8aa3b
DATA log2e<>+4(SB)/4, $0x3fb8aa3b
DATA log2e<>+8(SB)/4, $0x3fb8aa3b
DATA log2e<>+12(SB)/4, $0x3fb8aa3b
DATA log2e<>+16(SB)/4, $0x3fb8aa3b
DATA log2e<>+20(SB)/4, $0x3fb8aa3b
DATA log2e<>+24(SB)/4, $0x3fb8aa3b
DATA log2e<>+28(SB)/4, $0x3fb8aa3b
GLOBL log2e<>(SB), RODATA|NOPTR, $32

DATA ln2Hi<>+0(SB)/4, $0x3f318000
DATA ln2Hi<>+4(SB)/4, $0x3f318000
DATA ln2Hi<>+8(SB)/4, $0x3f318000
DATA ln2Hi<>+12(SB)/4, $0x3f318000
DATA ln2Hi<>+16(SB)/4, $0x3f318000
DATA ln2Hi<>+20(SB)/4, $0x3f318000
DATA ln2Hi<>+24(SB)/4, $0x3f318000
DATA ln2Hi<>+28(SB)/4, $0x3f318000
GLOBL ln2Hi<>(SB), RODATA|NOPTR, $32

DATA ln2Lo<>+0(SB)/4, $0xb95e8083
DATA ln2Lo<>+4(SB)/4, $0xb95e8083
DATA ln2Lo<>+8(SB)/4, $0xb95e8083
DATA ln2Lo<>+12(SB)/4, $0xb95e8083
DATA ln2Lo<>+16(SB)/4, $0xb95e8083
DATA ln2Lo<>+20(SB)/4, $0xb95e8083
DATA ln2Lo<>+24(SB)/4, $0xb95e8083
DATA ln2Lo<>+28(SB)/4, $0xb95e8083
GLOBL ln2Lo<>(SB), RODATA|NOPTR, $32

DATA expC0<>+0(SB)/4, $0x39506967
DATA expC0<>+4(SB)/4, $0x39506967
DATA expC0<>+8(SB)/4, $0x39506967
DATA expC0<>+12(SB)/4, $0x39506967
DATA expC0<>+16(SB)/4, $0x39506967
DATA expC0<>+20(SB)/4, $0x39506967
DATA expC0<>+24(SB)/4, $0x39506967
DATA expC0<>+28(SB)/4, $0x39506967
GLOBL expC0<>(SB), RODATA|NOPTR, $32

DATA expC1<>+0(SB)/4, $0x3ab743ce
DATA expC1<>+4(SB)/4, $0x3ab743ce
DATA expC1<>+8(SB)/4, $0x3ab743ce
DATA expC1<>+12(SB)/4, $0x3ab743ce
DATA expC1<>+16(SB)/4, $0x3ab743ce
DATA expC1<>+20(SB)/4, $0x3ab743ce
DATA expC1<>+24(SB)/4, $0x3ab743ce
DATA expC1<>+28(SB)/4, $0x3ab743ce
GLOBL expC1<>(SB), RODATA|NOPTR, $32

DATA expC2<>+0(SB)/4, $0x3c088908
DATA expC2<>+4(SB)/4, $0x3c088908
DATA expC2<>+8(SB)/4, $0x3c088908
DATA expC2<>+12(SB)/4, $0x3c088908
DATA expC2<>+16(SB)/4, $0x3c088908
DATA expC2<>+20(SB)/4, $0x3c088908
DATA expC2<>+24(SB)/4, $0x3c088908
DATA expC2<>+28(SB)/4, $0x3c088908
GLOBL expC2<>(SB), RODATA|NOPTR, $32

DATA expC3<>+0(SB)/4, $0x3d2aa9c1
DATA expC3<>+4(SB)/4, $0x3d2aa9c1
DATA expC3<>+8(SB)/4, $0x3d2aa9c1
DATA expC3<>+12(SB)/4, $0x3d2aa9c1
DATA expC3<>+16(SB)/4, $0x3d2aa9c1
DATA expC3<>+20(SB)/4, $0x3d2aa9c1
DATA expC3<>+24(SB)/4, $0x3d2aa9c1
DATA expC3<>+28(SB)/4, $0x3d2aa9c1
GLOBL expC3<>(SB), RODATA|NOPTR, $32

DATA expC4<>+0(SB)/4, $0x3e2aaaaa
DATA expC4<>+4(SB)/4, $0x3e2aaaaa
DATA expC4<>+8(SB)/4, $0x3e2aaaaa
DATA expC4<>+12(SB)/4, $0x3e2aaaaa
DATA expC4<>+16(SB)/4, $0x3e2aaaaa
DATA expC4<>+20(SB)/4, $0x3e2aaaaa
DATA expC4<>+24(SB)/4, $0x3e2aaaaa
DATA expC4<>+28(SB)/4, $0x3e2aaaaa
GLOBL expC4<>(SB), RODATA|NOPTR, $32

DATA expC5<>+0(SB)/4, $0x3f000000
DATA expC5<>+4(SB)/4, $0x3f000000
DATA expC5<>+8(SB)/4, $0x3f000000
DATA expC5<>+12(SB)/4, $0x3f000000
DATA expC5<>+16(SB)/4, $0x3f000000
DATA expC5<>+20(SB)/4, $0x3f000000
DATA expC5<>+24(SB)/4, $0x3f000000
DATA expC5<>+28(SB)/4, $0x3f000000
GLOBL expC5<>(SB), RODATA|NOPTR, $32

DATA one<>+0(SB)/4, $0x3f800000
DATA one<>+4(SB)/4, $0x3f800000
DATA one<>+8(SB)/4, $0x3f800000
DATA one<>+12(SB)/4, $0x3f800000
DATA one<>+16(SB)/4, $0x3f800000
DATA one<>+20(SB)/4, $0x3f800000
DATA one<>+24(SB)/4, $0x3f800000
DATA one<>+28(SB)/4, $0x3f800000
GLOBL one<>(SB), RODATA|NOPTR, $32

DATA two<>+0(SB)/4, $0x40000000
DATA two<>+4(SB)/4, $0x40000000
DATA two<>+8(SB)/4, $0x40000000
DATA two<>+12(SB)/4, $0x40000000
DATA two<>+16(SB)/4, $0x40000000
DATA two<>+20(SB)/4, $0x40000000
DATA two<>+24(SB)/4, $0x40000000
DATA two<>+28(SB)/4, $0x40000000
GLOBL two<>(SB), RODATA|NOPTR, $32

DATA tanhLo<>+0(SB)/4, $0x3f200000
DATA tanhLo<>+4(SB)/4, $0x3f200000
DATA tanhLo<>+8(SB)/4, $0x3f200000
DATA tanhLo<>+12(SB)/4, $0x3f200000
DATA tanhLo<>+16(SB)/4, $0x3f200000
DATA tanhLo<>+20(SB)/4, $0x3f200000
DATA tanhLo<>+24(SB)/4, $0x3f200000
DATA tanhLo<>+28(SB)/4, $0x3f200000
GLOBL tanhLo<>(SB), RODATA|NOPTR, $32

DATA tanhC0<>+0(SB)/4, $0xbbbaf0ea
DATA tanhC0<>+4(SB)/4, $0xbbbaf0ea
DATA tanhC0<>+8(SB)/4, $0xbbbaf0ea
DATA tanhC0<>+12(SB)/4, $0xbbbaf0ea
DATA tanhC0<>+16(SB)/4, $0xbbbaf0ea
DATA tanhC0<>+20(SB)/4, $0xbbbaf0ea
DATA tanhC0<>+24(SB)/4, $0xbbbaf0ea
DATA tanhC0<>+28(SB)/4, $0xbbbaf0ea
GLOBL tanhC0<>(SB), RODATA|NOPTR, $32

DATA tanhC1<>+0(SB)/4, $0x3ca9134e
DATA tanhC1<>+4(SB)/4, $0x3ca9134e
DATA tanhC1<>+8(SB)/4, $0x3ca9134e
DATA tanhC1<>+12(SB)/4, $0x3ca9134e
DATA tanhC1<>+16(SB)/4, $0x3ca9134e
DATA tanhC1<>+20(SB)/4, $0x3ca9134e
DATA tanhC1<>+24(SB)/4, $0x3ca9134e
DATA tanhC1<>+28(SB)/4, $0x3ca9134e
GLOBL tanhC1<>(SB), RODATA|NOPTR, $32

DATA tanhC2<>+0(SB)/4, $0xbd5c1e2d
DATA tanhC2<>+4(SB)/4, $0xbd5c1e2d
DATA tanhC2<>+8(SB)/4, $0xbd5c1e2d
DATA tanhC2<>+12(SB)/4, $0xbd5c1e2d
DATA tanhC2<>+16(SB)/4, $0xbd5c1e2d
DATA tanhC2<>+20(SB)/4, $0xbd5c1e2d
DATA tanhC2<>+24(SB)/4, $0xbd5c1e2d
DATA tanhC2<>+28(SB)/4, $0xbd5c1e2d
GLOBL tanhC2<>(SB), RODATA|NOPTR, $32

DATA tanhC3<>+0(SB)/4, $0x3e088393
DATA tanhC3<>+4(SB)/4, $0x3e088393
DATA tanhC3<>+8(SB)/4, $0x3e088393
DATA tanhC3<>+12(SB)/4, $0x3e088393
DATA tanhC3<>+16(SB)/4, $0x3e088393
DATA tanhC3<>+20(SB)/4, $0x3e088393
DATA tanhC3<>+24(SB)/4, $0x3e088393
DATA tanhC3<>+28(SB)/4, $0x3e088393
GLOBL tanhC3<>(SB), RODATA|NOPTR, $32

DATA tanhC4<>+0(SB)/4, $0xbeaaaa99
DATA tanhC4<>+4(SB)/4, $0xbeaaaa99
DATA tanhC4<>+8(SB)/4, $0xbeaaaa99
DATA tanhC4<>+12(SB)/4, $0xbeaaaa99
DATA tanhC4<>+16(SB)/4, $0xbeaaaa99
DATA tanhC4<>+20(SB)/4, $0xbeaaaa99
DATA tanhC4<>+24(SB)/4, $0xbeaaaa99
DATA tanhC4<>+28(SB)/4, $0xbeaaaa99
GLOBL tanhC4<>(SB), RODATA|NOPTR, $32

DATA signMask<>+0(SB)/4, $0x80000000
DATA signMask<>+4(SB)/4, $0x80000000
DATA signMask<>+8(SB)/4, $0x80000000
DATA signMask<>+12(SB)/4, $0x80000000
DATA signMask<>+16(SB)/4, $0x80000000
DATA signMask<>+20(SB)/4, $0x80000000
DATA signMask<>+24(SB)/4, $0x80000000
DATA signMask<>+28(SB)/4, $0x80000000
GLOBL signMask<>(SB), RODATA|NOPTR, $32

DATA absMask<>+0(SB)/4, $0x7fffffff
DATA absMask<>+4(SB)/4, $0x7fffffff
DATA absMask<>+8(SB)/4, $0x7fffffff
DATA absMask<>+12(SB)/4, $0x7fffffff
DATA absMask<>+16(SB)/4, $0x7fffffff
DATA absMask<>+20(SB)/4, $0x7fffffff
DATA absMask<>+24(SB)/4, $0x7fffffff
DATA absMask<>+28(SB)/4, $0x7fffffff
GLOBL absMask<>(SB), RODATA|NOPTR, $32

DATA expBias<>+0(SB)/4, $0x0000007f
DATA expBias<>+4(SB)/4, $0x0000007f
DATA expBias<>+8(SB)/4, $0x0000007f
DATA expBias<>+12(SB)/4, $0x0000007f
DATA expBias<>+16(SB)/4, $0x0000007f
DATA expBias<>+20(SB)/4, $0x0000007f
DATA expBias<>+24(SB)/4, $0x0000007f
DATA expBias<>+28(SB)/4, $0x0000007f
GLOBL expBias<>(SB), RODATA|NOPTR, $32

// EXP replaces Y0 with e^Y0, clamped to the float32 range; it uses Y1-Y3.
#define EXP \
	VMINPS expHi<>(SB), Y0, Y0 \
	VMAXPS expLo<>(SB), Y0, Y0 \
	VMULPS log2e<>(SB), Y0, Y1 \
	VROUNDPS $0, Y1, Y1 \
	VFNMADD231PS ln2Hi<>(SB), Y1, Y0 \
	VFNMADD231PS ln2Lo<>(SB), Y1, Y0 \
	VMOVUPS expC0<>(SB), Y2 \
	VFMADD213PS expC1<>(SB), Y0, Y2 \
	VFMADD213PS expC2<>(SB), Y0, Y2 \
	VFMADD213PS expC3<>(SB), Y0, Y2 \
	VFMADD213PS expC4<>(SB), Y0, Y2 \
	VFMADD213PS expC5<>(SB), Y0, Y2 \
	VMULPS Y0, Y0, Y3 \
	VFMADD213PS Y0, Y3, Y2 \
	VADDPS one<>(SB), Y2, Y2 \
	VCVTPS2DQ Y1, Y1 \
	VPADDD expBias<>(SB), Y1, Y1 \
	VPSLLD $23, Y1, Y1 \
	VMULPS Y1, Y2, Y0

// SIGMOID replaces Y0 with 1/(1+e^-Y0); it uses Y1-Y3 and needs one in Y10.
#define SIGMOID \
	VXORPS signMask<>(SB), Y0, Y0 \
	EXP \
	VADDPS Y10, Y0, Y0 \
	VDIVPS Y0, Y10, Y0

// TANH sets Y0 to tanh(Y5) as tanh8AVX2 does; it uses Y1-Y4 and Y6-Y9 and
// needs one in Y10, two in Y11 and tanhLo in Y12.
#define TANH \
	VANDPS      absMask<>(SB), Y5, Y6 \
	VANDPS      signMask<>(SB), Y5, Y7 \
	VMULPS      Y5, Y5, Y4 \
	VMOVUPS     tanhC0<>(SB), Y8 \
	VFMADD213PS tanhC1<>(SB), Y4, Y8 \
	VFMADD213PS tanhC2<>(SB), Y4, Y8 \
	VFMADD213PS tanhC3<>(SB), Y4, Y8 \
	VFMADD213PS tanhC4<>(SB), Y4, Y8 \
	VMULPS      Y4, Y8, Y8 \
	VFMADD213PS Y5, Y5, Y8 \
	VADDPS      Y6, Y6, Y0 \
	EXP \
	VADDPS      Y10, Y0, Y0 \
	VDIVPS      Y0, Y11, Y0 \
	VSUBPS      Y0, Y10, Y0 \
	VORPS       Y7, Y0, Y0 \
	VCMPPS      $1, Y12, Y6, Y9 \
	VBLENDVPS   Y9, Y8, Y0, Y0

// func sigmoid8AVX2(dst, src *float32, n int, bias float32)
TEXT ·sigmoid8AVX2(SB), NOSPLIT, $0-28
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS bias+24(FP), Y8
	VMOVUPS one<>(SB), Y10

sigmoidLoop:
	CMPQ CX, $8
	JLT  sigmoidDone
	VMOVUPS (SI), Y0
	VADDPS  Y8, Y0, Y0
	SIGMOID
	VMOVUPS Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	SUBQ    $8, CX
	JMP     sigmoidLoop

sigmoidDone:
	VZEROUPPER
	RET

// func tanh8AVX2(dst, src *float32, n int)
TEXT ·tanh8AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	VMOVUPS one<>(SB), Y10
	VMOVUPS two<>(SB), Y11
	VMOVUPS tanhLo<>(SB), Y12

tanhLoop:
	CMPQ CX, $8
	JLT  tanhDone
	VMOVUPS (SI), Y5
	TANH
	VMOVUPS Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	SUBQ    $8, CX
	JMP     tanhLoop

tanhDone:
	VZEROUPPER
	RET

// func lstmCell8AVX2(gates, bias, cPrev, c, h, tc *float32, u int, forgetBias float32)
//
// One row of an LSTM step: gates + bias (4u values each, in the order i,
// j, f, o) are the pre-activations; gates gets the activations; c =
// cPrev·f + i·j (i·j when cPrev is nil), tc = tanh(c), h = tc·o. u is a
// multiple of 8.
TEXT ·lstmCell8AVX2(SB), NOSPLIT, $0-60
	MOVQ gates+0(FP), SI
	MOVQ bias+8(FP), BX
	MOVQ cPrev+16(FP), R8
	MOVQ c+24(FP), R9
	MOVQ h+32(FP), R10
	MOVQ tc+40(FP), R11
	MOVQ u+48(FP), CX
	VBROADCASTSS forgetBias+56(FP), Y15
	MOVQ CX, DX
	SHLQ $2, DX          // u in bytes: the distance between gates
	VMOVUPS one<>(SB), Y10
	VMOVUPS two<>(SB), Y11
	VMOVUPS tanhLo<>(SB), Y12

cellLoop:
	CMPQ CX, $8
	JLT  cellDone
	// i = σ(gi)
	VMOVUPS (SI), Y0
	VADDPS  (BX), Y0, Y0
	SIGMOID
	VMOVUPS Y0, (SI)
	VMOVUPS Y0, Y13
	// j = tanh(gj)
	VMOVUPS (SI)(DX*1), Y5
	VADDPS  (BX)(DX*1), Y5, Y5
	TANH
	VMOVUPS Y0, (SI)(DX*1)
	VMOVUPS Y0, Y14
	// f = σ(gf + forgetBias)
	LEAQ    (SI)(DX*2), AX
	LEAQ    (BX)(DX*2), DI
	VMOVUPS (AX), Y0
	VADDPS  (DI), Y0, Y0
	VADDPS  Y15, Y0, Y0
	SIGMOID
	VMOVUPS Y0, (AX)
	// c = cPrev·f + i·j
	VMULPS  Y14, Y13, Y5
	TESTQ   R8, R8
	JZ      cellNoPrev
	VMULPS  (R8), Y0, Y4
	VADDPS  Y5, Y4, Y5
	ADDQ    $32, R8

cellNoPrev:
	VMOVUPS Y5, (R9)
	// tc = tanh(c)
	TANH
	VMOVUPS Y0, (R11)
	VMOVUPS Y0, Y13
	// o = σ(go), h = tc·o
	ADDQ    DX, AX
	ADDQ    DX, DI
	VMOVUPS (AX), Y0
	VADDPS  (DI), Y0, Y0
	SIGMOID
	VMOVUPS Y0, (AX)
	VMULPS  Y0, Y13, Y0
	VMOVUPS Y0, (R10)
	ADDQ    $32, SI
	ADDQ    $32, BX
	ADDQ    $32, R9
	ADDQ    $32, R10
	ADDQ    $32, R11
	SUBQ    $8, CX
	JMP     cellLoop

cellDone:
	VZEROUPPER
	RET

// func lstmCellGrad8AVX2(acts, tc, cPrev, dC, dH, dcNext, dhNext, dg *float32, u int)
//
// One row of an LSTM step's backward pass, as lstmCellGradRows computes
// it, in the same order of operations. cPrev may be nil (the zero state).
// u is a multiple of 8.
TEXT ·lstmCellGrad8AVX2(SB), NOSPLIT, $0-72
	MOVQ acts+0(FP), SI
	MOVQ tc+8(FP), R8
	MOVQ cPrev+16(FP), R9
	MOVQ dC+24(FP), R10
	MOVQ dH+32(FP), R11
	MOVQ dcNext+40(FP), R12
	MOVQ dhNext+48(FP), R13
	MOVQ dg+56(FP), DI
	MOVQ u+64(FP), CX
	MOVQ CX, DX
	SHLQ $2, DX
	LEAQ (DX)(DX*2), BX  // 3u in bytes
	VMOVUPS one<>(SB), Y10

gradLoop:
	CMPQ CX, $8
	JLT  gradDone
	VMOVUPS (SI), Y0         // i
	VMOVUPS (SI)(DX*1), Y1   // j
	VMOVUPS (SI)(DX*2), Y2   // f
	VMOVUPS (SI)(BX*1), Y3   // o
	VMOVUPS (R8), Y4         // t
	// gh = dH + dhNext
	VMOVUPS (R11), Y5
	VADDPS  (R13), Y5, Y5
	// gc = dC + dcNext + gh·o·(1 - t·t)
	VMULPS  Y4, Y4, Y6
	VSUBPS  Y6, Y10, Y6
	VMULPS  Y3, Y5, Y7
	VMULPS  Y6, Y7, Y7
	VMOVUPS (R10), Y8
	VADDPS  (R12), Y8, Y8
	VADDPS  Y7, Y8, Y8
	// di = gc·j·i·(1 - i)
	VMULPS  Y1, Y8, Y9
	VMULPS  Y0, Y9, Y9
	VSUBPS  Y0, Y10, Y11
	VMULPS  Y11, Y9, Y9
	VMOVUPS Y9, (DI)
	// dj = gc·i·(1 - j·j)
	VMULPS  Y0, Y8, Y9
	VMULPS  Y1, Y1, Y11
	VSUBPS  Y11, Y10, Y11
	VMULPS  Y11, Y9, Y9
	VMOVUPS Y9, (DI)(DX*1)
	// df = gc·cPrev·f·(1 - f)
	VXORPS  Y12, Y12, Y12
	TESTQ   R9, R9
	JZ      gradNoPrev
	VMOVUPS (R9), Y12
	ADDQ    $32, R9

gradNoPrev:
	VMULPS  Y12, Y8, Y9
	VMULPS  Y2, Y9, Y9
	VSUBPS  Y2, Y10, Y11
	VMULPS  Y11, Y9, Y9
	VMOVUPS Y9, (DI)(DX*2)
	// do = gh·t·o·(1 - o)
	VMULPS  Y4, Y5, Y9
	VMULPS  Y3, Y9, Y9
	VSUBPS  Y3, Y10, Y11
	VMULPS  Y11, Y9, Y9
	VMOVUPS Y9, (DI)(BX*1)
	// dcNext = gc·f
	VMULPS  Y2, Y8, Y9
	VMOVUPS Y9, (R12)
	ADDQ    $32, SI
	ADDQ    $32, R8
	ADDQ    $32, R10
	ADDQ    $32, R11
	ADDQ    $32, R12
	ADDQ    $32, R13
	ADDQ    $32, DI
	SUBQ    $8, CX
	JMP     gradLoop

gradDone:
	VZEROUPPER
	RET

// func add8AVX2(dst, src *float32, n int)
//
// dst[i] += src[i] for i < n rounded down to a multiple of 8.
TEXT ·add8AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX

addLoop32:
	CMPQ CX, $32
	JLT  addLoop8
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	VMOVUPS 64(DI), Y2
	VMOVUPS 96(DI), Y3
	VADDPS  (SI), Y0, Y0
	VADDPS  32(SI), Y1, Y1
	VADDPS  64(SI), Y2, Y2
	VADDPS  96(SI), Y3, Y3
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	ADDQ    $128, SI
	ADDQ    $128, DI
	SUBQ    $32, CX
	JMP     addLoop32

addLoop8:
	CMPQ CX, $8
	JLT  addDone
	VMOVUPS (DI), Y0
	VADDPS  (SI), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	SUBQ    $8, CX
	JMP     addLoop8

addDone:
	VZEROUPPER
	RET

// The AVX-512F versions of the macros: the same operations, in the same
// order, on sixteen lanes, so that both paths give the same bits. The
// constants are the first lane of the tables above, broadcast (.BCST);
// VPANDD, VPORD and VPXORD stand for the AVX512DQ-only VANDPS, VORPS and
// VXORPS, VRNDSCALEPS for VROUNDPS, and a masked move for VBLENDVPS.

// EXPZ replaces Z0 with e^Z0, clamped to the float32 range; it uses Z1-Z3
// and needs one in Z10.
#define EXPZ \
	VMINPS.BCST       expHi<>(SB), Z0, Z0 \
	VMAXPS.BCST       expLo<>(SB), Z0, Z0 \
	VMULPS.BCST       log2e<>(SB), Z0, Z1 \
	VRNDSCALEPS       $0, Z1, Z1 \
	VFNMADD231PS.BCST ln2Hi<>(SB), Z1, Z0 \
	VFNMADD231PS.BCST ln2Lo<>(SB), Z1, Z0 \
	VBROADCASTSS      expC0<>(SB), Z2 \
	VFMADD213PS.BCST  expC1<>(SB), Z0, Z2 \
	VFMADD213PS.BCST  expC2<>(SB), Z0, Z2 \
	VFMADD213PS.BCST  expC3<>(SB), Z0, Z2 \
	VFMADD213PS.BCST  expC4<>(SB), Z0, Z2 \
	VFMADD213PS.BCST  expC5<>(SB), Z0, Z2 \
	VMULPS            Z0, Z0, Z3 \
	VFMADD213PS       Z0, Z3, Z2 \
	VADDPS            Z10, Z2, Z2 \
	VCVTPS2DQ         Z1, Z1 \
	VPADDD.BCST       expBias<>(SB), Z1, Z1 \
	VPSLLD            $23, Z1, Z1 \
	VMULPS            Z1, Z2, Z0

// SIGMOIDZ replaces Z0 with 1/(1+e^-Z0); it uses Z1-Z3 and needs one in Z10.
#define SIGMOIDZ \
	VPXORD.BCST signMask<>(SB), Z0, Z0 \
	EXPZ \
	VADDPS      Z10, Z0, Z0 \
	VDIVPS      Z0, Z10, Z0

// TANHZ sets Z0 to tanh(Z5); it uses Z1-Z4, Z6-Z8 and K1 and needs one in
// Z10, two in Z11 and tanhLo in Z12.
#define TANHZ \
	VPANDD.BCST      absMask<>(SB), Z5, Z6 \
	VPANDD.BCST      signMask<>(SB), Z5, Z7 \
	VMULPS           Z5, Z5, Z4 \
	VBROADCASTSS     tanhC0<>(SB), Z8 \
	VFMADD213PS.BCST tanhC1<>(SB), Z4, Z8 \
	VFMADD213PS.BCST tanhC2<>(SB), Z4, Z8 \
	VFMADD213PS.BCST tanhC3<>(SB), Z4, Z8 \
	VFMADD213PS.BCST tanhC4<>(SB), Z4, Z8 \
	VMULPS           Z4, Z8, Z8 \
	VFMADD213PS      Z5, Z5, Z8 \
	VADDPS           Z6, Z6, Z0 \
	EXPZ \
	VADDPS           Z10, Z0, Z0 \
	VDIVPS           Z0, Z11, Z0 \
	VSUBPS           Z0, Z10, Z0 \
	VPORD            Z7, Z0, Z0 \
	VCMPPS           $1, Z12, Z6, K1 \
	VMOVAPS          Z8, K1, Z0

// func lstmCell16AVX512(gates, bias, cPrev, c, h, tc *float32, u int, forgetBias float32)
//
// lstmCell8AVX2 sixteen lanes at a time; u is a multiple of 16.
TEXT ·lstmCell16AVX512(SB), NOSPLIT, $0-60
	MOVQ gates+0(FP), SI
	MOVQ bias+8(FP), BX
	MOVQ cPrev+16(FP), R8
	MOVQ c+24(FP), R9
	MOVQ h+32(FP), R10
	MOVQ tc+40(FP), R11
	MOVQ u+48(FP), CX
	VBROADCASTSS forgetBias+56(FP), Z15
	MOVQ CX, DX
	SHLQ $2, DX          // u in bytes: the distance between gates
	VBROADCASTSS one<>(SB), Z10
	VBROADCASTSS two<>(SB), Z11
	VBROADCASTSS tanhLo<>(SB), Z12

cell16Loop:
	CMPQ CX, $16
	JLT  cell16Done
	// i = σ(gi)
	VMOVUPS (SI), Z0
	VADDPS  (BX), Z0, Z0
	SIGMOIDZ
	VMOVUPS Z0, (SI)
	VMOVUPS Z0, Z13
	// j = tanh(gj)
	VMOVUPS (SI)(DX*1), Z5
	VADDPS  (BX)(DX*1), Z5, Z5
	TANHZ
	VMOVUPS Z0, (SI)(DX*1)
	VMOVUPS Z0, Z14
	// f = σ(gf + forgetBias)
	LEAQ    (SI)(DX*2), AX
	LEAQ    (BX)(DX*2), DI
	VMOVUPS (AX), Z0
	VADDPS  (DI), Z0, Z0
	VADDPS  Z15, Z0, Z0
	SIGMOIDZ
	VMOVUPS Z0, (AX)
	// c = cPrev·f + i·j
	VMULPS  Z14, Z13, Z5
	TESTQ   R8, R8
	JZ      cell16NoPrev
	VMULPS  (R8), Z0, Z4
	VADDPS  Z5, Z4, Z5
	ADDQ    $64, R8

cell16NoPrev:
	VMOVUPS Z5, (R9)
	// tc = tanh(c)
	TANHZ
	VMOVUPS Z0, (R11)
	VMOVUPS Z0, Z13
	// o = σ(go), h = tc·o
	ADDQ    DX, AX
	ADDQ    DX, DI
	VMOVUPS (AX), Z0
	VADDPS  (DI), Z0, Z0
	SIGMOIDZ
	VMOVUPS Z0, (AX)
	VMULPS  Z0, Z13, Z0
	VMOVUPS Z0, (R10)
	ADDQ    $64, SI
	ADDQ    $64, BX
	ADDQ    $64, R9
	ADDQ    $64, R10
	ADDQ    $64, R11
	SUBQ    $16, CX
	JMP     cell16Loop

cell16Done:
	VZEROUPPER
	RET

// func lstmCellGrad16AVX512(acts, tc, cPrev, dC, dH, dcNext, dhNext, dg *float32, u int)
//
// lstmCellGrad8AVX2 sixteen lanes at a time; u is a multiple of 16.
TEXT ·lstmCellGrad16AVX512(SB), NOSPLIT, $0-72
	MOVQ acts+0(FP), SI
	MOVQ tc+8(FP), R8
	MOVQ cPrev+16(FP), R9
	MOVQ dC+24(FP), R10
	MOVQ dH+32(FP), R11
	MOVQ dcNext+40(FP), R12
	MOVQ dhNext+48(FP), R13
	MOVQ dg+56(FP), DI
	MOVQ u+64(FP), CX
	MOVQ CX, DX
	SHLQ $2, DX
	LEAQ (DX)(DX*2), BX  // 3u in bytes
	VBROADCASTSS one<>(SB), Z10

grad16Loop:
	CMPQ CX, $16
	JLT  grad16Done
	VMOVUPS (SI), Z0         // i
	VMOVUPS (SI)(DX*1), Z1   // j
	VMOVUPS (SI)(DX*2), Z2   // f
	VMOVUPS (SI)(BX*1), Z3   // o
	VMOVUPS (R8), Z4         // t
	// gh = dH + dhNext
	VMOVUPS (R11), Z5
	VADDPS  (R13), Z5, Z5
	// gc = dC + dcNext + gh·o·(1 - t·t)
	VMULPS  Z4, Z4, Z6
	VSUBPS  Z6, Z10, Z6
	VMULPS  Z3, Z5, Z7
	VMULPS  Z6, Z7, Z7
	VMOVUPS (R10), Z8
	VADDPS  (R12), Z8, Z8
	VADDPS  Z7, Z8, Z8
	// di = gc·j·i·(1 - i)
	VMULPS  Z1, Z8, Z9
	VMULPS  Z0, Z9, Z9
	VSUBPS  Z0, Z10, Z11
	VMULPS  Z11, Z9, Z9
	VMOVUPS Z9, (DI)
	// dj = gc·i·(1 - j·j)
	VMULPS  Z0, Z8, Z9
	VMULPS  Z1, Z1, Z11
	VSUBPS  Z11, Z10, Z11
	VMULPS  Z11, Z9, Z9
	VMOVUPS Z9, (DI)(DX*1)
	// df = gc·cPrev·f·(1 - f)
	VPXORD  Z12, Z12, Z12
	TESTQ   R9, R9
	JZ      grad16NoPrev
	VMOVUPS (R9), Z12
	ADDQ    $64, R9

grad16NoPrev:
	VMULPS  Z12, Z8, Z9
	VMULPS  Z2, Z9, Z9
	VSUBPS  Z2, Z10, Z11
	VMULPS  Z11, Z9, Z9
	VMOVUPS Z9, (DI)(DX*2)
	// do = gh·t·o·(1 - o)
	VMULPS  Z4, Z5, Z9
	VMULPS  Z3, Z9, Z9
	VSUBPS  Z3, Z10, Z11
	VMULPS  Z11, Z9, Z9
	VMOVUPS Z9, (DI)(BX*1)
	// dcNext = gc·f
	VMULPS  Z2, Z8, Z9
	VMOVUPS Z9, (R12)
	ADDQ    $64, SI
	ADDQ    $64, R8
	ADDQ    $64, R10
	ADDQ    $64, R11
	ADDQ    $64, R12
	ADDQ    $64, R13
	ADDQ    $64, DI
	SUBQ    $16, CX
	JMP     grad16Loop

grad16Done:
	VZEROUPPER
	RET
