//go:build unix

package magic

import (
	"os/exec"
	"syscall"
)

// interruptGroup makes cancellation send SIGINT to the command's process
// group, so that what the shell started stops too, as Ctrl-C in a
// terminal would.
func interruptGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
	}
}
