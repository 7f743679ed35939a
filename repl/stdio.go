package repl

import (
	"fmt"
	"io"
	"os"
	"syscall"
)

// detachFromStdio returns a writer to where w writes now that survives
// fds 1 and 2 being redirected: w itself, or a duplicate of the file
// descriptor when w is the process's standard output or error.
func detachFromStdio(w io.Writer) (io.Writer, func(), error) {
	f, ok := w.(*os.File)
	if !ok || (f.Fd() != 1 && f.Fd() != 2) {
		return w, func() {}, nil
	}
	fd, err := syscall.Dup(int(f.Fd()))
	if err != nil {
		return nil, nil, fmt.Errorf("repl: duplicating %s: %w", f.Name(), err)
	}
	dup := os.NewFile(uintptr(fd), f.Name())
	return dup, func() { dup.Close() }, nil
}
