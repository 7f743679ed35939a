package transport_test

import (
	"bytes"
	"log"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gornn/gornn/kernel/internal/kerneltest"
	"github.com/gornn/gornn/kernel/protocol"
	"github.com/gornn/gornn/kernel/transport"
)

// syncBuffer is a log destination safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// echoServer answers every request on its own channel with an echo_reply
// carrying the same content, and publishes an echo on iopub.
func echoServer(t *testing.T, key string) (*transport.Server, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	srv, err := transport.Listen(transport.ConnectionInfo{
		Transport: "tcp", IP: "127.0.0.1", Key: key, SignatureScheme: "hmac-sha256",
	}, log.New(logs, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	srv.Serve(func(ch protocol.Channel, msg *protocol.Message) {
		reply, err := protocol.NewReply(msg, "echo_reply", msg.Content)
		if err != nil {
			t.Error(err)
			return
		}
		if err := srv.Send(ch, reply); err != nil {
			t.Error(err)
		}
		pub, _ := protocol.NewReply(msg, "echo", msg.Content)
		if err := srv.Send(protocol.IOPub, pub); err != nil {
			t.Error(err)
		}
		// As a kernel ends each request: kerneltest's WaitReady waits for
		// this idle status to know that iopub delivers.
		idle, _ := protocol.NewReply(msg, "status", map[string]string{"execution_state": "idle"})
		if err := srv.Send(protocol.IOPub, idle); err != nil {
			t.Error(err)
		}
	})
	return srv, logs
}

func TestRoundTripOnEachChannel(t *testing.T) {
	for _, key := range []string{"a-key", ""} {
		srv, _ := echoServer(t, key)
		info := srv.Info()
		if info.ShellPort == 0 || info.HBPort == 0 {
			t.Fatalf("ports not reported: %+v", info)
		}
		c := kerneltest.Dial(t, info)
		for _, ch := range []protocol.Channel{protocol.Shell, protocol.Control, protocol.Stdin} {
			id := c.Send(ch, "ping_request", map[string]string{"via": string(ch)})
			r := c.Reply(ch, id)
			if r.Type() != "echo_reply" || kerneltest.Content(t, r)["via"] != string(ch) {
				t.Errorf("key %q, %s: reply %s %s", key, ch, r.Type(), r.Content)
			}
		}
		if !c.Heartbeat(5 * time.Second) {
			t.Errorf("key %q: heartbeat not echoed", key)
		}
	}
}

func TestBadMessagesAreDroppedAndLogged(t *testing.T) {
	srv, logs := echoServer(t, "right-key")
	c := kerneltest.Dial(t, srv.Info())
	wrong, _ := protocol.NewSigner("hmac-sha256", "wrong-key")
	forged := c.Request("execute_request", map[string]string{"code": "evil"})
	frames, _ := protocol.Encode(forged, wrong)

	tests := []struct {
		name   string
		frames [][]byte
		log    string
	}{
		{"wrong key", frames, "invalid signature"},
		{"no delimiter", [][]byte{[]byte("junk"), []byte("more")}, "no <IDS|MSG>"},
		{"missing frames", [][]byte{[]byte(protocol.Delimiter), []byte("sig")}, "at least 5"},
		{"one empty frame", [][]byte{{}}, "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.SendFrames(protocol.Shell, tt.frames)
			// The kernel must keep serving, and must not answer the bad message.
			id := c.Send(protocol.Shell, "ping_request", map[string]string{})
			r := c.Reply(protocol.Shell, id)
			if r == nil {
				t.Fatal("no reply after a bad message")
			}
			if strings.Contains(string(r.Content), "evil") {
				t.Fatal("a forged message was answered")
			}
			if !strings.Contains(logs.String(), tt.log) {
				t.Errorf("log %q does not mention %q", logs.String(), tt.log)
			}
		})
	}
	if m := c.Next(protocol.Shell, 100*time.Millisecond); m != nil {
		t.Errorf("unexpected extra reply %s %s", m.Type(), m.Content)
	}
}

func TestParseConnectionInfo(t *testing.T) {
	tests := []struct {
		json, err string
	}{
		{`{"ip":"127.0.0.1","shell_port":1,"key":"k","signature_scheme":"hmac-sha256"}`, ""},
		{`{"transport":"ipc","ip":"/tmp/kernel"}`, ""},
		{`{"transport":"udp","ip":"x"}`, "not tcp or ipc"},
		{`{"ip":""}`, "no ip"},
		{`{"ip":"x","hb_port":70000}`, "hb_port 70000 is out of range"},
		{`{"ip":"x","shell_port":"1"}`, "invalid JSON"},
		{`nope`, "invalid JSON"},
	}
	for _, tt := range tests {
		info, err := transport.ParseConnectionInfo([]byte(tt.json))
		if tt.err == "" {
			if err != nil || info.Transport == "" {
				t.Errorf("%s: %v, %+v", tt.json, err, info)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: error %v, want %q", tt.json, err, tt.err)
		}
	}
}

func TestListenRejectsUnknownScheme(t *testing.T) {
	_, err := transport.Listen(transport.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", SignatureScheme: "rot13"}, nil)
	if err == nil || !strings.Contains(err.Error(), "rot13") {
		t.Fatalf("err = %v", err)
	}
}

func TestReadConnectionFileMissing(t *testing.T) {
	_, err := transport.ReadConnectionFile(t.TempDir() + "/none.json")
	if err == nil || !strings.Contains(err.Error(), "none.json") {
		t.Fatalf("err = %v", err)
	}
}

func FuzzParseConnectionInfo(f *testing.F) {
	f.Add([]byte(`{"transport":"tcp","ip":"127.0.0.1","shell_port":5000,"key":"k","signature_scheme":"hmac-sha256"}`))
	f.Add([]byte(`{"transport":"ipc","ip":"/tmp/x"}`))
	f.Add([]byte(`{"ip":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := transport.ParseConnectionInfo(data)
		if err != nil {
			return
		}
		if info.IP == "" || (info.Transport != "tcp" && info.Transport != "ipc") {
			t.Fatalf("accepted %+v", info)
		}
	})
}

func TestIPCTransport(t *testing.T) {
	info := transport.ConnectionInfo{
		Transport: "ipc", IP: t.TempDir() + "/kernel",
		ShellPort: 1, ControlPort: 2, IOPubPort: 3, StdinPort: 4, HBPort: 5, Key: "k",
	}
	srv, err := transport.Listen(info, log.New(&syncBuffer{}, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	srv.Serve(func(ch protocol.Channel, msg *protocol.Message) {
		reply, _ := protocol.NewReply(msg, "pong_reply", map[string]any{})
		srv.Send(ch, reply)
	})
	c := kerneltest.Dial(t, srv.Info())
	id := c.Send(protocol.Shell, "ping_request", map[string]any{})
	if r := c.Reply(protocol.Shell, id); r.Type() != "pong_reply" {
		t.Errorf("reply %s", r.Type())
	}
}

func TestReplayedRequestsAreDropped(t *testing.T) {
	srv, logs := echoServer(t, "a-key")
	c := kerneltest.Dial(t, srv.Info())
	first := c.Request("execute_request", map[string]string{"code": "once"})
	frames, err := protocol.Encode(first, c.Signer)
	if err != nil {
		t.Fatal(err)
	}
	// The same signature in upper-case hex verifies too; it is the same
	// digest and must not pass for a new message.
	upper := slices.Clone(frames)
	upper[1] = bytes.ToUpper(frames[1])

	c.SendFrames(protocol.Shell, frames)
	if r := c.Reply(protocol.Shell, first.Header.MsgID); r.Type() != "echo_reply" {
		t.Fatalf("reply %s", r.Type())
	}
	c.SendFrames(protocol.Shell, frames)
	c.SendFrames(protocol.Control, frames) // one history for every channel
	c.SendFrames(protocol.Shell, upper)
	// Messages of a channel are handled in order: once the reply to a
	// later request has come, a reply to the replays would have too.
	id := c.Send(protocol.Shell, "ping_request", map[string]string{})
	for {
		r := c.Next(protocol.Shell, kerneltest.Timeout)
		if r == nil {
			t.Fatal("no reply to a request sent after the replays")
		}
		if r.ParentHeader.MsgID == first.Header.MsgID {
			t.Fatal("a replayed request was answered")
		}
		if r.ParentHeader.MsgID == id {
			break
		}
	}
	ctl := c.Send(protocol.Control, "ping_request", map[string]string{})
	if r := c.Reply(protocol.Control, ctl); r == nil {
		t.Fatal("no reply on control")
	}
	if n := strings.Count(logs.String(), "dropped a replayed execute_request"); n != 3 {
		t.Errorf("%d replays logged, want 3:\n%s", n, logs)
	}
}

func TestRepliesCarryTheKernelsSession(t *testing.T) {
	var sessions []string
	for range 2 {
		srv, _ := echoServer(t, "a-key")
		c := kerneltest.Dial(t, srv.Info())
		c.WaitReady() // the iopub subscription is live
		own := srv.Session()
		if own == "" || own == c.Session {
			t.Fatalf("kernel session %q, client session %q", own, c.Session)
		}
		id := c.Send(protocol.Shell, "ping_request", map[string]string{})
		r := c.Reply(protocol.Shell, id)
		pub := c.Reply(protocol.IOPub, id)
		for _, m := range []*protocol.Message{r, pub} {
			if m.Header.Session != own {
				t.Errorf("%s header session %q, want the kernel's %q", m.Type(), m.Header.Session, own)
			}
			if m.ParentHeader.Session != c.Session {
				t.Errorf("%s parent session %q, want the client's %q", m.Type(), m.ParentHeader.Session, c.Session)
			}
		}
		sessions = append(sessions, own)
	}
	if sessions[0] == sessions[1] {
		t.Errorf("two servers share session %q", sessions[0])
	}
}
