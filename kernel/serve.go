package kernel

import (
	"os"
	"syscall"

	"github.com/gornn/gornn/kernel/transport"
)

// Serve runs a kernel on info until a front end shuts it down or sigs
// delivers SIGTERM. SIGINT on sigs interrupts the running cell instead of
// stopping the kernel. It reports whether the front end asked for a
// restart, which the front end performs by starting a new process.
func Serve(info transport.ConnectionInfo, opts Options, sigs <-chan os.Signal) (restart bool, err error) {
	k, err := Start(info, opts)
	if err != nil {
		return false, err
	}
	defer func() {
		if cerr := k.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	for {
		select {
		case sig := <-sigs:
			if sig == syscall.SIGINT {
				k.log.Printf("kernel: SIGINT: interrupting the running cell")
				k.Interrupt()
				continue
			}
			k.log.Printf("kernel: %v: stopping", sig)
			return false, nil
		case <-k.Done():
			return k.Restart(), nil
		}
	}
}
