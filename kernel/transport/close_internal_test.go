package transport

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/gornn/gornn/kernel/protocol"
)

// TestCloseAfterFrontEndLeft: a front end that closes its connections
// while the kernel is closing its sockets (as Jupyter does on receiving
// the shutdown reply) is no error of Close. zmq4 closes such a connection
// on the peer's EOF and, once the sockets' context is cancelled, no longer
// forgets it: the socket's Close used to close it again and return "close
// tcp ...: use of closed network connection", which rnnkernel printed.
// The test puts the heartbeat's connection in that state for certain.
func TestCloseAfterFrontEndLeft(t *testing.T) {
	logs := &lockedBuffer{}
	srv, err := Listen(ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", SignatureScheme: "hmac-sha256"}, log.New(logs, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	srv.Serve(func(protocol.Channel, *protocol.Message) {})
	req := zmq4.NewReq(context.Background())
	if err := req.Dial(srv.info.endpoint(srv.info.HBPort)); err != nil {
		t.Fatal(err)
	}
	// An answered ping: the kernel holds the connection.
	if err := req.Send(zmq4.NewMsgString("ping")); err != nil {
		t.Fatal(err)
	}
	if _, err := req.Recv(); err != nil {
		t.Fatal(err)
	}
	srv.cancel() // where Close starts
	req.Close()
	time.Sleep(100 * time.Millisecond) // for the EOF to reach the kernel's reader
	if err := srv.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if logs.String() != "" {
		t.Errorf("log: %s", logs)
	}
}

// TestCloseSocket: only a connection already closed is taken for closed.
func TestCloseSocket(t *testing.T) {
	other := errors.New("disk on fire")
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"closed", nil, nil},
		{"already closed", &net.OpError{Op: "close", Net: "tcp", Err: net.ErrClosed}, nil},
		{"already closed, wrapped", fmt.Errorf("zmq4: %w", &net.OpError{Op: "close", Net: "tcp", Err: net.ErrClosed}), nil},
		{"another failure", other, other},
	}
	for _, tt := range tests {
		if got := closeSocket(closerFunc(func() error { return tt.err })); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

type closerFunc func() error

func (f closerFunc) Close() error { return f() }
