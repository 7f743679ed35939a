#include "textflag.h"

// func stackUsed() uintptr
//
// The goroutine's g is in thread-local storage; its first field is the
// stack's bounds [lo, hi), an offset the runtime's cgo and linker also
// rely on.
TEXT ·stackUsed(SB), NOSPLIT, $0-8
	MOVQ (TLS), AX
	MOVQ 8(AX), BX
	SUBQ SP, BX
	MOVQ BX, ret+0(FP)
	RET

// func currentG() uintptr
//
// The address of the goroutine's g, which names the goroutine for as
// long as it runs.
TEXT ·currentG(SB), NOSPLIT, $0-8
	MOVQ (TLS), AX
	MOVQ AX, ret+0(FP)
	RET

// func unwinding() bool
//
// The g's field after the stack and its two guards is the innermost
// panic, an offset the linker also relies on; Goexit links one too.
TEXT ·unwinding(SB), NOSPLIT, $0-1
	MOVQ (TLS), AX
	MOVQ 32(AX), BX
	TESTQ BX, BX
	SETNE ret+0(FP)
	RET
