//go:build !unix

package magic

import "os/exec"

// interruptGroup keeps exec's default: cancellation kills the command.
func interruptGroup(cmd *exec.Cmd) {}
