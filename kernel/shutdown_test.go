package kernel

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gornn/gornn/kernel/internal/kerneltest"
	"github.com/gornn/gornn/kernel/protocol"
)

// TestShutdownIsQuiet: a kernel shut down as Jupyter does it (a
// shutdown_request on control, and the front end closing its connections
// as soon as it has the reply) ends with status 0 and writes nothing to
// its stderr. It used to print "rnnkernel: close tcp ...: use of closed
// network connection" when a connection closed by the front end was
// closed again by the kernel; the race is narrow, so each round closes
// the client a little later after the reply.
func TestShutdownIsQuiet(t *testing.T) {
	for round := range 8 {
		p, c := startKernel(t)
		execute(t, c, "quiet := 1", nil)
		id := c.Send(protocol.Control, "shutdown_request", map[string]any{"restart": false})
		if r := kerneltest.Content(t, c.Reply(protocol.Control, id)); r["status"] != "ok" {
			t.Fatalf("shutdown_reply %v", r)
		}
		time.Sleep(time.Duration(round%3) * time.Millisecond)
		c.Close()
		if code := p.waitExit(t, 10*time.Second); code != 0 {
			t.Errorf("round %d: exit code %d, want 0", round, code)
		}
		log, err := os.ReadFile(p.stderr.Name())
		if err != nil {
			t.Fatal(err)
		}
		if s := strings.TrimSpace(string(log)); s != "" {
			t.Errorf("round %d: the kernel's stderr at shutdown:\n%s", round, s)
		}
	}
}
