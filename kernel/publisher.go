package kernel

import (
	"context"
	"fmt"
	"log"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/gornn/gornn/kernel/protocol"
	"github.com/gornn/gornn/kernel/transport"
)

// publisher is the dispatcher's Sender. The iopub socket queues what it
// publishes and writes it out from a goroutine of its own, so a message
// handed to it may still be queued when the sockets close: the last idle
// status of a shutdown would be lost. So the kernel subscribes to its own
// iopub as it starts (the probe), and drain waits until the probe has read
// the last message published. The socket writes a message to each
// subscriber in turn, and the next message only after that: once the
// probe has read a message, every earlier one has been written to every
// front end. The last one may still be being copied to the connections
// of front ends that subscribed after the probe, which takes the socket's
// goroutine far less time than the probe takes to read the message back
// through the network stack; zmq4 offers no event for that copy.
type publisher struct {
	srv *transport.Server
	log *log.Logger

	probe  zmq4.Socket
	cancel context.CancelFunc
	done   chan struct{} // closed when the probe's reader has returned

	mu      sync.Mutex
	changed *sync.Cond
	pending []string // ids of iopub messages the probe has not read, in order
	closed  bool     // the probe reads no more
}

// newPublisher subscribes the probe to srv's iopub. It must be called
// before anything is published, so that the probe is the first
// subscriber.
func newPublisher(srv *transport.Server, logger *log.Logger) (*publisher, error) {
	info := srv.Info()
	signer, err := protocol.NewSigner(info.SignatureScheme, info.Key)
	if err != nil {
		return nil, fmt.Errorf("kernel: iopub probe: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &publisher{srv: srv, log: logger, cancel: cancel, done: make(chan struct{}),
		probe: zmq4.NewSub(ctx, zmq4.WithLogger(logger))}
	p.changed = sync.NewCond(&p.mu)
	if err := p.probe.Dial(iopubEndpoint(info)); err != nil {
		cancel()
		return nil, fmt.Errorf("kernel: iopub probe: %w", err)
	}
	if err := p.probe.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		p.probe.Close()
		cancel()
		return nil, fmt.Errorf("kernel: iopub probe: %w", err)
	}
	go p.read(signer)
	return p, nil
}

// iopubEndpoint is the address the front ends subscribe to.
func iopubEndpoint(info transport.ConnectionInfo) string {
	if info.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", info.IP, info.IOPubPort)
	}
	return "tcp://" + net.JoinHostPort(info.IP, strconv.Itoa(info.IOPubPort))
}

// Send implements dispatch.Sender. iopub messages are handed to the
// transport under p.mu, so that pending lists them in the order the
// socket writes them.
func (p *publisher) Send(ch protocol.Channel, msg *protocol.Message) error {
	if ch != protocol.IOPub {
		return p.srv.Send(ch, msg)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	err := p.srv.Send(ch, msg)
	if err == nil && !p.closed {
		p.pending = append(p.pending, msg.Header.MsgID)
	}
	return err
}

// read takes what the probe receives off pending: the message read and,
// since the socket writes in order, every message before it, which
// either reached the probe earlier or was published before the probe's
// subscription took effect.
func (p *publisher) read(signer *protocol.Signer) {
	defer close(p.done)
	defer func() {
		p.mu.Lock()
		p.closed, p.pending = true, nil
		p.changed.Broadcast()
		p.mu.Unlock()
	}()
	for {
		raw, err := p.probe.Recv()
		if err != nil {
			return // the probe was closed
		}
		msg, err := protocol.Decode(raw.Frames, signer)
		if err != nil {
			p.log.Printf("kernel: iopub probe: %v", err)
			continue
		}
		p.mu.Lock()
		for i, id := range p.pending {
			if id == msg.Header.MsgID {
				p.pending = p.pending[i+1:]
				p.changed.Broadcast()
				break
			}
		}
		p.mu.Unlock()
	}
}

// drain waits until the messages published so far have been written to
// the subscribers, or timeout has passed (the probe lost its connection).
func (p *publisher) drain(timeout time.Duration) {
	expired := false
	timer := time.AfterFunc(timeout, func() {
		p.mu.Lock()
		expired = true
		p.changed.Broadcast()
		p.mu.Unlock()
	})
	defer timer.Stop()
	p.mu.Lock()
	for len(p.pending) > 0 && !expired && !p.closed {
		p.changed.Wait()
	}
	if n := len(p.pending); n > 0 {
		p.log.Printf("kernel: closing with %d iopub messages perhaps not sent", n)
	}
	p.mu.Unlock()
}

// close stops the probe. The kernel closes its sockets first: the
// socket would report the probe's connection closed under it as an
// error.
func (p *publisher) close() {
	p.probe.Close()
	p.cancel()
	<-p.done
}
