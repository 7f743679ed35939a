package eval

// stackUsed returns how many bytes of its stack the calling goroutine
// uses: from the top of its stack to the stack pointer.
func stackUsed() uintptr
