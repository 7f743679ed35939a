// Package kerneltest is a small Jupyter client for tests: it connects to a
// kernel's sockets over real ZeroMQ, signs what it sends and checks the
// signatures of what it receives.
package kerneltest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/gornn/gornn/kernel/protocol"
	"github.com/gornn/gornn/kernel/transport"
)

// Timeout bounds every wait of the client.
const Timeout = 10 * time.Second

// Client talks to one kernel.
type Client struct {
	t       testing.TB
	Session string
	Signer  *protocol.Signer
	Info    transport.ConnectionInfo

	ctx    context.Context
	cancel context.CancelFunc
	socks  map[protocol.Channel]zmq4.Socket
	hb     zmq4.Socket
	in     map[protocol.Channel]chan *protocol.Message
}

// Dial connects to the kernel described by info and waits until the iopub
// subscription is live (a kernel_info round trip that published a status).
func Dial(t testing.TB, info transport.ConnectionInfo) *Client {
	t.Helper()
	signer, err := protocol.NewSigner(info.SignatureScheme, info.Key)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &Client{
		t: t, Session: protocol.NewID(), Signer: signer, Info: info, ctx: ctx, cancel: cancel,
		socks: map[protocol.Channel]zmq4.Socket{},
		in:    map[protocol.Channel]chan *protocol.Message{},
	}
	// Retry dialing often, so that a client started together with its
	// kernel connects as soon as the kernel listens.
	retry := []zmq4.Option{zmq4.WithDialerRetry(2 * time.Millisecond), zmq4.WithDialerMaxRetries(5000)}
	id := zmq4.WithID(zmq4.SocketIdentity(c.Session))
	c.socks[protocol.Shell] = zmq4.NewDealer(ctx, append(retry, id)...)
	c.socks[protocol.Control] = zmq4.NewDealer(ctx, append(retry, zmq4.WithID(zmq4.SocketIdentity(c.Session+"-control")))...)
	c.socks[protocol.Stdin] = zmq4.NewDealer(ctx, append(retry, id)...)
	c.socks[protocol.IOPub] = zmq4.NewSub(ctx, retry...)
	c.hb = zmq4.NewReq(ctx, retry...)
	ep := func(port int) string {
		if info.Transport == "ipc" {
			return fmt.Sprintf("ipc://%s-%d", info.IP, port)
		}
		return fmt.Sprintf("tcp://%s:%d", info.IP, port)
	}
	ports := map[protocol.Channel]int{
		protocol.Shell: info.ShellPort, protocol.Control: info.ControlPort,
		protocol.Stdin: info.StdinPort, protocol.IOPub: info.IOPubPort,
	}
	for ch, sck := range c.socks {
		if err := sck.Dial(ep(ports[ch])); err != nil {
			t.Fatalf("kerneltest: dial %s: %v", ch, err)
		}
	}
	if err := c.socks[protocol.IOPub].SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	if err := c.hb.Dial(ep(info.HBPort)); err != nil {
		t.Fatalf("kerneltest: dial heartbeat: %v", err)
	}
	for ch, sck := range c.socks {
		q := make(chan *protocol.Message, 1000)
		c.in[ch] = q
		go c.read(ch, sck, q)
	}
	t.Cleanup(c.Close)
	return c
}

func (c *Client) read(ch protocol.Channel, sck zmq4.Socket, q chan *protocol.Message) {
	for {
		raw, err := sck.Recv()
		if err != nil {
			if c.ctx.Err() != nil {
				close(q)
				return
			}
			continue
		}
		msg, err := protocol.Decode(raw.Frames, c.Signer)
		if err != nil {
			c.t.Errorf("kerneltest: %s: kernel sent a bad message: %v", ch, err)
			continue
		}
		q <- msg
	}
}

// Close disconnects the client.
func (c *Client) Close() {
	c.cancel()
	for _, s := range c.socks {
		s.Close()
	}
	c.hb.Close()
}

// WaitReady sends kernel_info requests until one is answered and its
// idle status reaches the iopub subscription, then drops what iopub
// received before: iopub delivers in order, so nothing of the earlier
// attempts can arrive later.
func (c *Client) WaitReady() {
	c.t.Helper()
	deadline := time.Now().Add(Timeout)
	for time.Now().Before(deadline) {
		id := c.Send(protocol.Shell, "kernel_info_request", map[string]any{})
		c.Reply(protocol.Shell, id)
		if c.idleOf(id) {
			c.Drain(protocol.IOPub)
			return
		}
	}
	c.t.Fatal("kerneltest: iopub never delivered a status message")
}

// idleOf reads iopub until the idle status of request id, and reports
// false when iopub goes quiet first: the subscription was not live yet
// when that status was published, and the caller asks again.
func (c *Client) idleOf(id string) bool {
	for {
		select {
		case m := <-c.in[protocol.IOPub]:
			if m.ParentHeader.MsgID == id && m.Type() == "status" && Content(c.t, m)["execution_state"] == "idle" {
				return true
			}
		case <-time.After(200 * time.Millisecond):
			return false
		}
	}
}

// Request builds a signed request of type msgType with the given content.
func (c *Client) Request(msgType string, content any) *protocol.Message {
	raw, err := json.Marshal(content)
	if err != nil {
		c.t.Fatal(err)
	}
	h := protocol.NewHeader(msgType, c.Session)
	h.Username = "test"
	return &protocol.Message{Header: h, Content: raw}
}

// Send sends a request on ch and returns its msg_id.
func (c *Client) Send(ch protocol.Channel, msgType string, content any) string {
	c.t.Helper()
	m := c.Request(msgType, content)
	c.SendMessage(ch, m)
	return m.Header.MsgID
}

// SendMessage signs and sends m on ch.
func (c *Client) SendMessage(ch protocol.Channel, m *protocol.Message) {
	c.t.Helper()
	frames, err := protocol.Encode(m, c.Signer)
	if err != nil {
		c.t.Fatal(err)
	}
	c.SendFrames(ch, frames)
}

// SendFrames sends raw frames on ch, for tests of malformed messages.
func (c *Client) SendFrames(ch protocol.Channel, frames [][]byte) {
	c.t.Helper()
	if err := c.socks[ch].SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatalf("kerneltest: send on %s: %v", ch, err)
	}
}

// Next returns the next message on ch, or nil after d.
func (c *Client) Next(ch protocol.Channel, d time.Duration) *protocol.Message {
	select {
	case m := <-c.in[ch]:
		return m
	case <-time.After(d):
		return nil
	}
}

// Reply waits for the reply to request id on ch, skipping other messages.
func (c *Client) Reply(ch protocol.Channel, id string) *protocol.Message {
	c.t.Helper()
	deadline := time.After(Timeout)
	for {
		select {
		case m := <-c.in[ch]:
			if m.ParentHeader.MsgID == id {
				return m
			}
		case <-deadline:
			c.t.Fatalf("kerneltest: no reply on %s to %s", ch, id)
			return nil
		}
	}
}

// Outputs collects the iopub messages answering request id up to and
// including its status idle.
func (c *Client) Outputs(id string) []*protocol.Message {
	c.t.Helper()
	var out []*protocol.Message
	deadline := time.After(Timeout)
	for {
		select {
		case m := <-c.in[protocol.IOPub]:
			if m.ParentHeader.MsgID != id {
				continue
			}
			out = append(out, m)
			if m.Type() == "status" && Content(c.t, m)["execution_state"] == "idle" {
				return out
			}
		case <-deadline:
			c.t.Fatalf("kerneltest: no idle status for %s; got %d messages", id, len(out))
			return out
		}
	}
}

// Drain discards the messages already received on ch.
func (c *Client) Drain(ch protocol.Channel) {
	for {
		select {
		case <-c.in[ch]:
		default:
			return
		}
	}
}

// Heartbeat sends a ping and reports whether it came back within d.
func (c *Client) Heartbeat(d time.Duration) bool {
	done := make(chan bool, 1)
	go func() {
		if err := c.hb.Send(zmq4.NewMsgString("ping")); err != nil {
			done <- false
			return
		}
		m, err := c.hb.Recv()
		done <- err == nil && string(m.Bytes()) == "ping"
	}()
	select {
	case ok := <-done:
		return ok
	case <-time.After(d):
		return false
	}
}

// Content decodes a message's content into a generic map.
func Content(t testing.TB, m *protocol.Message) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(m.Content, &v); err != nil {
		t.Fatalf("kerneltest: %s content: %v", m.Type(), err)
	}
	return v
}

// Types lists the message types of msgs, for compact assertions.
func Types(msgs []*protocol.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.Type()
	}
	return out
}
