package kernel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gornn/gornn/kernel/internal/kerneltest"
	"github.com/gornn/gornn/kernel/protocol"
)

// TestFatalErrorEndsKernel: a cell that makes the Go runtime fail beyond
// recovery ends the kernel process promptly, with the runtime's report in
// the process's stderr (the front end's log), so that the front end sees
// the kernel die and restarts it. The kernel used to hang instead, blocked
// writing the report into its captured stderr.
func TestFatalErrorEndsKernel(t *testing.T) {
	if testing.Short() {
		t.Skip("grows a stack to 1 GB")
	}
	// Far beyond the seconds each takes: only a hang reaches it.
	const guard = 3 * time.Minute
	tests := []struct {
		name, code, want string
	}{
		{"stack overflow", "import \"fmt\"\na := []any{0}\na[0] = a // fmt recurses into a without end\nfmt.Sprint(a)", "fatal error: stack overflow"},
		{"out of memory", "b := make([]byte, 50<<30)\nb[len(b)-1] = 1", "fatal error: runtime: out of memory"},
		{"concurrent map writes", "m := map[int]int{}\nfor g := 0; g < 4; g++ {\n\tgo func() {\n\t\tfor i := 0; ; i++ {\n\t\t\tm[i%64] = i\n\t\t}\n\t}()\n}\nfor i := 0; ; i++ {\n\tm[i%64] = i\n}",
			"fatal error: concurrent map writes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := startProcess(t, filepath.Join(t.TempDir(), "history.sqlite"))
			c := kerneltest.Dial(t, p.info)
			c.WaitReady()
			c.Send(protocol.Shell, "execute_request", map[string]any{"code": tt.code, "silent": false})
			start := time.Now()
			if code := p.waitExit(t, guard); code != 2 {
				t.Errorf("exit code %d, want the runtime's 2", code)
			}
			took := time.Since(start)
			log, err := os.ReadFile(p.stderr.Name())
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(log), tt.want) || !strings.Contains(string(log), "goroutine ") {
				t.Errorf("kernel's stderr lacks %q and the goroutines:\n%.3000s", tt.want, log)
			}
			t.Logf("kernel exited %v after the request, %d bytes on its stderr", took.Round(time.Millisecond), len(log))
		})
	}
}

// TestRunawayRecursionIsAnError: recursion without end in a function of a
// cell, the issue's own example, is stopped before the runtime's limit:
// the cell fails with StackOverflow and the kernel keeps running.
func TestRunawayRecursionIsAnError(t *testing.T) {
	if testing.Short() {
		t.Skip("grows a stack to 64 MB")
	}
	_, c := startKernel(t)
	start := time.Now()
	c.Send(protocol.Shell, "execute_request", map[string]any{"code": "func rec(n int) int { return rec(n+1) + 1 }\nrec(0)"})
	// Seconds on an idle machine: longer than the client's usual wait.
	m := c.Next(protocol.Shell, 2*time.Minute)
	took := time.Since(start)
	if m == nil {
		t.Fatal("no execute_reply")
	}
	if reply := kerneltest.Content(t, m); reply["status"] != "error" || reply["ename"] != "StackOverflow" {
		t.Fatalf("reply %v", reply)
	}
	if reply, out := execute(t, c, "1 + 1", nil); reply["status"] != "ok" || resultText(t, out) != "2" {
		t.Errorf("after the overflow: %v %s", reply, resultText(t, out))
	}
	t.Logf("StackOverflow reply %v after the request", took.Round(time.Millisecond))
}
