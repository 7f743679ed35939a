package eval

// stackUsed returns how many bytes of its stack the calling goroutine
// uses: from the top of its stack to the stack pointer.
func stackUsed() uintptr

// unwinding reports whether the calling goroutine runs deferred calls for
// a panic or for runtime.Goexit.
func unwinding() bool
