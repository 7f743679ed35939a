//go:build !amd64

package eval

// stackUsed returns 0: on this architecture runaway recursion is left to
// the runtime, which ends the process.
func stackUsed() uintptr { return 0 }

// unwinding returns false: stackUsed never reports a stack past the limit
// here.
func unwinding() bool { return false }
