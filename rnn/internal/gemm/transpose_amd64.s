//go:build !purego

#include "textflag.h"

// func transpose8AVX2(dst, src *float32, lds, blocks, ldd int)
//
// Transposes an 8×(8*blocks) block of src (rows lds floats apart) into
// dst, so that column p of src becomes the 8 adjacent values at
// dst[p*ldd]. Each 8×8 square goes through registers:
//   Y0-Y7    the eight source rows
//   Y8-Y15   pairs of rows interleaved (VUNPCKLPS/VUNPCKHPS)
//   Y0-Y7    quadruples (VSHUFPS), then Y8-Y15 whole columns (VPERM2F128)
//   SI = src, DI = dst, R8 = lds in bytes, R9 = ldd in bytes, CX = blocks left
//   R10 = 3*lds, R11 = src + 4*lds (the lower four rows), R12 = 3*ldd
TEXT ·transpose8AVX2(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ lds+16(FP), R8
	SHLQ $2, R8
	MOVQ blocks+24(FP), CX
	MOVQ ldd+32(FP), R9
	SHLQ $2, R9
	LEAQ (R8)(R8*2), R10
	LEAQ (R9)(R9*2), R12
	TESTQ CX, CX
	JZ    done

loop:
	LEAQ (SI)(R8*4), R11
	VMOVUPS (SI), Y0
	VMOVUPS (SI)(R8*1), Y1
	VMOVUPS (SI)(R8*2), Y2
	VMOVUPS (SI)(R10*1), Y3
	VMOVUPS (R11), Y4
	VMOVUPS (R11)(R8*1), Y5
	VMOVUPS (R11)(R8*2), Y6
	VMOVUPS (R11)(R10*1), Y7

	// Rows a..h: Y8 = a0 b0 a1 b1 | a4 b4 a5 b5, Y9 = a2 b2 a3 b3 | a6 b6 a7 b7, ...
	VUNPCKLPS Y1, Y0, Y8
	VUNPCKHPS Y1, Y0, Y9
	VUNPCKLPS Y3, Y2, Y10
	VUNPCKHPS Y3, Y2, Y11
	VUNPCKLPS Y5, Y4, Y12
	VUNPCKHPS Y5, Y4, Y13
	VUNPCKLPS Y7, Y6, Y14
	VUNPCKHPS Y7, Y6, Y15

	// Y0 = a0 b0 c0 d0 | a4 b4 c4 d4, Y1 = a1 b1 c1 d1 | a5 ..., Y4 = e0 f0 g0 h0 | e4 ...
	VSHUFPS $0x44, Y10, Y8, Y0
	VSHUFPS $0xEE, Y10, Y8, Y1
	VSHUFPS $0x44, Y11, Y9, Y2
	VSHUFPS $0xEE, Y11, Y9, Y3
	VSHUFPS $0x44, Y14, Y12, Y4
	VSHUFPS $0xEE, Y14, Y12, Y5
	VSHUFPS $0x44, Y15, Y13, Y6
	VSHUFPS $0xEE, Y15, Y13, Y7

	// Whole columns: Y8 = column 0 = a0..h0, ..., Y15 = column 7.
	VPERM2F128 $0x20, Y4, Y0, Y8
	VPERM2F128 $0x20, Y5, Y1, Y9
	VPERM2F128 $0x20, Y6, Y2, Y10
	VPERM2F128 $0x20, Y7, Y3, Y11
	VPERM2F128 $0x31, Y4, Y0, Y12
	VPERM2F128 $0x31, Y5, Y1, Y13
	VPERM2F128 $0x31, Y6, Y2, Y14
	VPERM2F128 $0x31, Y7, Y3, Y15

	LEAQ (DI)(R9*4), R11
	VMOVUPS Y8, (DI)
	VMOVUPS Y9, (DI)(R9*1)
	VMOVUPS Y10, (DI)(R9*2)
	VMOVUPS Y11, (DI)(R12*1)
	VMOVUPS Y12, (R11)
	VMOVUPS Y13, (R11)(R9*1)
	VMOVUPS Y14, (R11)(R9*2)
	VMOVUPS Y15, (R11)(R12*1)

	ADDQ $32, SI
	LEAQ (DI)(R9*8), DI
	DECQ CX
	JNZ  loop

done:
	VZEROUPPER
	RET

// func copyPanel24AVX2(dst, src *float32, lds, rows int)
//
// Copies rows rows of 24 floats, lds floats apart at src, to dst packed
// (24 floats apart): the packing of an untransposed B panel. Two rows per
// iteration keep six loads in flight.
//   SI = src, DI = dst, R8 = lds in bytes, CX = rows left, Y0-Y5 data
TEXT ·copyPanel24AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ lds+16(FP), R8
	SHLQ $2, R8
	MOVQ rows+24(FP), CX
	CMPQ CX, $2
	JLT  one

two:
	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), Y1
	VMOVUPS 64(SI), Y2
	VMOVUPS (SI)(R8*1), Y3
	VMOVUPS 32(SI)(R8*1), Y4
	VMOVUPS 64(SI)(R8*1), Y5
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	VMOVUPS Y4, 128(DI)
	VMOVUPS Y5, 160(DI)
	LEAQ (SI)(R8*2), SI
	ADDQ $192, DI
	SUBQ $2, CX
	CMPQ CX, $2
	JGE  two

one:
	TESTQ CX, CX
	JZ    done
	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), Y1
	VMOVUPS 64(SI), Y2
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)

done:
	VZEROUPPER
	RET

// func interleave4AVX2(dst, src *float32, lds, blocks int)
//
// Packs four rows of 8*blocks floats (lds apart at src) into an A panel:
// dst[4p+i] = row i, column p. Per block of eight columns:
//   Y0-Y3    the four rows a, b, c, d
//   Y4-Y7    pairs interleaved: Y4 = a0 b0 a1 b1 | a4 b4 a5 b5, ...
//   Y0-Y3    quadruples: Y0 = a0 b0 c0 d0 | a4 b4 c4 d4, Y1 = columns 1 | 5, ...
//   Y4-Y7    columns in order: Y4 = columns 0 | 1, Y5 = 2 | 3, Y6 = 4 | 5, Y7 = 6 | 7
//   SI = src, DI = dst, R8 = lds in bytes, R9 = 3*lds in bytes, CX = blocks left
TEXT ·interleave4AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ lds+16(FP), R8
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	MOVQ blocks+24(FP), CX
	TESTQ CX, CX
	JZ    done

loop:
	VMOVUPS (SI), Y0
	VMOVUPS (SI)(R8*1), Y1
	VMOVUPS (SI)(R8*2), Y2
	VMOVUPS (SI)(R9*1), Y3
	VUNPCKLPS Y1, Y0, Y4
	VUNPCKHPS Y1, Y0, Y5
	VUNPCKLPS Y3, Y2, Y6
	VUNPCKHPS Y3, Y2, Y7
	VSHUFPS $0x44, Y6, Y4, Y0
	VSHUFPS $0xEE, Y6, Y4, Y1
	VSHUFPS $0x44, Y7, Y5, Y2
	VSHUFPS $0xEE, Y7, Y5, Y3
	VPERM2F128 $0x20, Y1, Y0, Y4
	VPERM2F128 $0x20, Y3, Y2, Y5
	VPERM2F128 $0x31, Y1, Y0, Y6
	VPERM2F128 $0x31, Y3, Y2, Y7
	VMOVUPS Y4, (DI)
	VMOVUPS Y5, 32(DI)
	VMOVUPS Y6, 64(DI)
	VMOVUPS Y7, 96(DI)
	ADDQ $32, SI
	ADDQ $128, DI
	DECQ CX
	JNZ  loop

done:
	VZEROUPPER
	RET
