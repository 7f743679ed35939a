package eval

// stackUsed returns how many bytes of its stack the calling goroutine
// uses: from the top of its stack to the stack pointer.
func stackUsed() uintptr

// currentG returns a number that names the calling goroutine while it
// runs (the runtime reuses it for later goroutines).
func currentG() uintptr

// unwinding reports whether the calling goroutine runs deferred calls for
// a panic or for runtime.Goexit.
func unwinding() bool
