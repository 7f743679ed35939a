//go:build !amd64

package eval

// stackUsed returns 0: on this architecture runaway recursion is left to
// the runtime, which ends the process.
func stackUsed() uintptr { return 0 }

// currentG returns 0: on this architecture calls are not told apart by
// goroutine, and tracebacks name the start of outer frames' bodies.
func currentG() uintptr { return 0 }

// unwinding returns false: stackUsed never reports a stack past the limit
// here.
func unwinding() bool { return false }
