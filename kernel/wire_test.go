package kernel

import (
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/security/null"

	"github.com/gornn/gornn/kernel/internal/kerneltest"
	"github.com/gornn/gornn/kernel/protocol"
)

func TestReplayedExecuteRunsOnce(t *testing.T) {
	_, c := startKernel(t)
	execute(t, c, "runs := 0", nil)
	req := c.Request("execute_request", map[string]any{"code": "runs++", "silent": false, "store_history": true})
	frames, err := protocol.Encode(req, c.Signer)
	if err != nil {
		t.Fatal(err)
	}
	c.SendFrames(protocol.Shell, frames)
	c.SendFrames(protocol.Shell, frames)
	c.Reply(protocol.Shell, req.Header.MsgID)
	// The shell channel is served in order: had the replay run, it would
	// have run before this cell.
	reply, out := execute(t, c, "runs", nil)
	if got := resultText(t, out); got != "1" {
		t.Errorf("the cell ran %s times", got)
	}
	if reply["execution_count"] != float64(3) {
		t.Errorf("execution count %v, want 3", reply["execution_count"])
	}
}

func TestKernelHasItsOwnSession(t *testing.T) {
	var sessions []string
	for range 2 { // two starts
		_, c := startKernel(t)
		id := c.Send(protocol.Shell, "kernel_info_request", map[string]any{})
		r := c.Reply(protocol.Shell, id)
		status := c.Reply(protocol.IOPub, id)
		own := r.Header.Session
		if own == "" || own == c.Session {
			t.Fatalf("reply session %q, client session %q", own, c.Session)
		}
		if status.Header.Session != own {
			t.Errorf("iopub session %q, reply session %q", status.Header.Session, own)
		}
		sessions = append(sessions, own)
	}
	if sessions[0] == sessions[1] {
		t.Errorf("a restarted kernel kept session %q", sessions[0])
	}
}

// TestStalledSubscriberDoesNotFreezeOutput is a suspended `jupyter console
// --existing` beside a live notebook: a subscriber that reads one message
// and then nothing while a cell prints 20 MiB.
func TestStalledSubscriberDoesNotFreezeOutput(t *testing.T) {
	const mib = 20
	p, c := startKernel(t)
	raw, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", p.info.IOPubPort))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// A small fixed receive buffer, so that the kernel has to hold back
	// for this subscriber whatever the machine's TCP autotuning allows.
	if err := raw.(*net.TCPConn).SetReadBuffer(64 << 10); err != nil {
		t.Fatal(err)
	}
	stalled, err := zmq4.Open(raw, null.Security(), zmq4.Sub, nil, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := stalled.SendMsg(zmq4.NewMsg([]byte{1})); err != nil {
		t.Fatal(err)
	}
	// Its subscription is live once it receives something: ask for
	// kernel info until a status arrives, as Jupyter's clients do.
	first := make(chan struct{})
	go func() {
		stalled.RecvMsg()
		close(first)
	}()
	for live := false; !live; {
		id := c.Send(protocol.Shell, "kernel_info_request", map[string]any{})
		c.Reply(protocol.Shell, id)
		select {
		case <-first:
			live = true
		case <-time.After(200 * time.Millisecond): // the next nudge
		}
	}

	start := time.Now()
	reply, out := execute(t, c, fmt.Sprintf(`import "fmt"
import "strings"
line := strings.Repeat("x", 1023) + "\n"
for i := 0; i < %d*1024; i++ { fmt.Print(line) }`, mib), nil)
	elapsed := time.Since(start)
	if reply["status"] != "ok" {
		t.Fatalf("reply %v", reply)
	}
	n := 0
	for _, s := range find(t, out, "stream") {
		text := s["text"].(string)
		if strings.Trim(text, "x\n") != "" {
			t.Fatalf("stream text %.40q", text)
		}
		n += len(text)
	}
	if n != mib<<20 {
		t.Errorf("%d bytes of output reached the live client, want %d", n, mib<<20)
	}
	t.Logf("%d MiB of output reached the live client past a stalled subscriber in %v", n>>20, elapsed)
}

func TestIncompleteAlwaysCarriesIndent(t *testing.T) {
	_, c := startKernel(t)
	tests := []struct {
		code, status string
		indent       any // nil: no indent key
	}{
		{"func f() {", "incomplete", "\t"},
		{"x := 1 +", "incomplete", ""}, // empty, but present
		{"x := 1", "complete", nil},
	}
	for _, tt := range tests {
		id := c.Send(protocol.Shell, "is_complete_request", map[string]any{"code": tt.code})
		r := kerneltest.Content(t, c.Reply(protocol.Shell, id))
		indent, has := r["indent"]
		if r["status"] != tt.status || has != (tt.indent != nil) || has && indent != tt.indent {
			t.Errorf("is_complete(%q) = %v, want status %s and indent %q", tt.code, r, tt.status, tt.indent)
		}
	}
}
