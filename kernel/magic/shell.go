package magic

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"time"
)

// shellGrace is how long an interrupted command gets between the
// interrupt signal and being killed.
const shellGrace = 2 * time.Second

// runShell runs a !command line with /bin/sh, streaming its output as it
// comes. Cancelling ctx interrupts the command's whole process group. A
// non-zero exit is reported on stderr but does not fail the cell, as in
// IPython: the command's own output says what went wrong.
func runShell(ctx context.Context, p Part, out Output) error {
	if p.Arg == "" {
		return &Error{p.Line, "! needs a command: !ls -l"}
	}
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", p.Arg)
	cmd.Stdout = streamWriter{out, "stdout"}
	cmd.Stderr = streamWriter{out, "stderr"}
	cmd.WaitDelay = shellGrace
	interruptGroup(cmd)
	err := cmd.Run()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		out.Stream("stderr", fmt.Sprintf("!%s: %s\n", p.Arg, exit.ProcessState))
		return nil
	case err != nil:
		return &Error{p.Line, err.Error()}
	}
	return nil
}

// streamWriter forwards a command's output to one stream of Output.
type streamWriter struct {
	out  Output
	name string
}

func (w streamWriter) Write(b []byte) (int, error) {
	w.out.Stream(w.name, string(b))
	return len(b), nil
}
