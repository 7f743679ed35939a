package transport

import (
	"context"
	"errors"
	"log"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/gornn/gornn/kernel/protocol"
)

// scriptedSocket returns the errors and messages of its script in turn,
// then cancels the server, as closing it would.
type scriptedSocket struct {
	script []any // error or [][]byte
	cancel context.CancelFunc
}

func (s *scriptedSocket) Recv() (zmq4.Msg, error) {
	if len(s.script) == 0 {
		s.cancel()
		return zmq4.Msg{}, errors.New("closed")
	}
	next := s.script[0]
	s.script = s.script[1:]
	if err, ok := next.(error); ok {
		return zmq4.Msg{}, err
	}
	return zmq4.NewMsgFrom(next.([][]byte)...), nil
}

func TestReadLoopBacksOffAndLogsOncePerKind(t *testing.T) {
	signer, _ := protocol.NewSigner("hmac-sha256", "k")
	request := &protocol.Message{Header: protocol.NewHeader("kernel_info_request", "s")}
	frames, err := protocol.Encode(request, signer)
	if err != nil {
		t.Fatal(err)
	}
	refused := errors.New("connection refused")
	tooMany := errors.New("too many open files")
	var script []any
	for range 12 {
		script = append(script, refused)
	}
	script = append(script, tooMany, tooMany, frames, refused, refused)

	logs := &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var pauses []time.Duration
	s := &Server{
		signer: signer, log: log.New(logs, "", 0), ctx: ctx, cancel: cancel,
		digests: protocol.NewDigestHistory(0),
		sleep: func(d time.Duration, _ <-chan struct{}) bool {
			pauses = append(pauses, d)
			return true
		},
	}
	handled := make(chan string, 1)
	s.wg.Add(1)
	s.readLoop(protocol.Shell, &scriptedSocket{script: script, cancel: cancel}, func(_ protocol.Channel, m *protocol.Message) {
		handled <- m.Type()
	})
	if got := wait(t, handled, "the message between the errors"); got != "kernel_info_request" {
		t.Errorf("handled %s", got)
	}

	ms := time.Millisecond
	want := []time.Duration{
		// 12 refusals: doubling up to the bound; then a new kind of error
		// keeps doubling, since the socket has not recovered.
		ms, 2 * ms, 4 * ms, 8 * ms, 16 * ms, 32 * ms, 64 * ms, 128 * ms, 256 * ms, 512 * ms, time.Second, time.Second,
		time.Second, time.Second,
		// After a message the pauses start short again.
		ms, 2 * ms,
	}
	if !slices.Equal(pauses, want) {
		t.Errorf("pauses %v, want %v", pauses, want)
	}
	out := logs.String()
	for _, tt := range []struct {
		text string
		n    int
	}{
		{"connection refused", 2}, // once before the message, once after
		{"too many open files", 1},
		{"working again after 14 errors", 1},
	} {
		if got := strings.Count(out, tt.text); got != tt.n {
			t.Errorf("%q logged %d times, want %d:\n%s", tt.text, got, tt.n, out)
		}
	}
}
