package kernel

import (
	"testing"
	"time"

	"github.com/gornn/gornn/kernel/internal/kerneltest"
	"github.com/gornn/gornn/kernel/preload"
	"github.com/gornn/gornn/kernel/protocol"
	"github.com/gornn/gornn/kernel/transport"
)

// BenchmarkStartToKernelInfo measures a kernel process's start: from
// starting the process to the first kernel_info_reply (goal: 150 ms).
func BenchmarkStartToKernelInfo(b *testing.B) {
	for b.Loop() {
		p := startProcess(b, "")
		c := kerneltest.Dial(b, p.info)
		id := c.Send(protocol.Shell, "kernel_info_request", map[string]any{})
		c.Reply(protocol.Shell, id)
		b.StopTimer()
		c.Send(protocol.Control, "shutdown_request", map[string]any{"restart": false})
		p.waitExit(b, 10*time.Second)
		c.Close()
		b.StartTimer()
	}
}

// BenchmarkTrivialCell measures a trivial cell's round trip as a front
// end sees it: from sending execute_request to the reply and the idle
// status on iopub (goal: under 2 ms).
func BenchmarkTrivialCell(b *testing.B) {
	_, c := startKernel(b)
	for b.Loop() {
		id := c.Send(protocol.Shell, "execute_request", map[string]any{"code": "1", "stop_on_error": false})
		c.Reply(protocol.Shell, id)
		c.Outputs(id)
	}
}

// BenchmarkInProcessTrivialCell is BenchmarkTrivialCell with the kernel
// inside the test process and without output capture, which leaves the
// cost of the sockets, the dispatcher and the interpreter.
func BenchmarkInProcessTrivialCell(b *testing.B) {
	k, err := Start(transport.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: "k", SignatureScheme: "hmac-sha256"}, Options{Preload: preload.Options})
	if err != nil {
		b.Fatal(err)
	}
	defer k.Close()
	c := kerneltest.Dial(b, k.Info())
	c.WaitReady()
	for b.Loop() {
		id := c.Send(protocol.Shell, "execute_request", map[string]any{"code": "1", "stop_on_error": false})
		c.Reply(protocol.Shell, id)
		c.Outputs(id)
	}
}
