package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/gornn/gornn/kernel/protocol"
)

// Handler receives each well-formed, correctly signed message read from
// the shell, control or stdin socket. Messages of one channel are handed
// over one at a time, in order; different channels run concurrently, so
// that control requests are served while a shell request is running.
type Handler func(ch protocol.Channel, msg *protocol.Message)

// Server owns a kernel's sockets.
type Server struct {
	info   ConnectionInfo
	signer *protocol.Signer
	log    *log.Logger
	// session is the kernel's own session id, new for every Server (so
	// at every start of the kernel), sent in the header of every
	// message as the spec asks of a sender.
	session string
	// digests drops replayed requests, on every channel.
	digests *protocol.DigestHistory

	ctx    context.Context
	cancel context.CancelFunc

	// sockets holds the ROUTER sockets: shell, control and stdin.
	sockets map[protocol.Channel]*socket
	iopub   *publisher
	hb      zmq4.Socket
	wg      sync.WaitGroup
	// sleep, if set, replaces the timer of the read loops' backoff
	// (tests record the pauses instead of waiting them out).
	sleep func(d time.Duration, cancel <-chan struct{}) bool

	closeOnce sync.Once
}

// socket is a ZeroMQ socket whose sends are serialized.
type socket struct {
	mu sync.Mutex
	zmq4.Socket
}

// receiver is what a read loop needs of a socket.
type receiver interface {
	Recv() (zmq4.Msg, error)
}

// Listen binds the sockets named by info. Ports given as 0 are chosen by
// the system; Info reports the ones in use. Log lines go to logger.
func Listen(info ConnectionInfo, logger *log.Logger) (*Server, error) {
	signer, err := protocol.NewSigner(info.SignatureScheme, info.Key)
	if err != nil {
		return nil, fmt.Errorf("transport: %w", err)
	}
	if logger == nil {
		logger = log.Default()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		info: info, signer: signer, log: logger, ctx: ctx, cancel: cancel,
		session: protocol.NewID(),
		digests: protocol.NewDigestHistory(protocol.DefaultDigestHistory),
		sockets: map[protocol.Channel]*socket{},
	}
	opts := []zmq4.Option{zmq4.WithLogger(logger), zmq4.WithTimeout(10 * time.Second)}
	bind := func(name string, sck zmq4.Socket, port *int) error {
		if err := sck.Listen(info.endpoint(*port)); err != nil {
			return fmt.Errorf("transport: %s socket on %s: %w", name, info.endpoint(*port), err)
		}
		if a, ok := sck.Addr().(*net.TCPAddr); ok {
			*port = a.Port
		}
		return nil
	}
	for _, c := range []struct {
		ch   protocol.Channel
		sck  zmq4.Socket
		port *int
	}{
		{protocol.Shell, zmq4.NewRouter(ctx, opts...), &s.info.ShellPort},
		{protocol.Control, zmq4.NewRouter(ctx, opts...), &s.info.ControlPort},
		{protocol.Stdin, zmq4.NewRouter(ctx, opts...), &s.info.StdinPort},
	} {
		s.sockets[c.ch] = &socket{Socket: c.sck}
		if err := bind(string(c.ch), c.sck, c.port); err != nil {
			s.Close()
			return nil, err
		}
	}
	pub, err := listenPub(info.endpoint(info.IOPubPort), pubOptions{log: logger})
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("transport: iopub socket on %s: %w", info.endpoint(info.IOPubPort), err)
	}
	s.iopub = pub
	if a, ok := pub.Addr().(*net.TCPAddr); ok {
		s.info.IOPubPort = a.Port
	}
	s.hb = zmq4.NewRep(ctx, opts...)
	if err := bind("heartbeat", s.hb, &s.info.HBPort); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Info returns the connection information with the ports actually bound.
func (s *Server) Info() ConnectionInfo { return s.info }

// Session returns the kernel's session id, which Send writes into the
// header of every message.
func (s *Server) Session() string { return s.session }

// Serve starts reading the sockets and answering heartbeats in background
// goroutines, handing messages to h. It returns at once.
func (s *Server) Serve(h Handler) {
	for _, ch := range []protocol.Channel{protocol.Shell, protocol.Control, protocol.Stdin} {
		s.wg.Add(1)
		go s.readLoop(ch, s.sockets[ch], h)
	}
	s.wg.Add(1)
	go s.heartbeat()
}

// readLoop reads the messages of channel ch as they arrive, stamping each
// with its arrival time, and hands them to h in order on a second
// goroutine, so that messages queue up while h is busy with an earlier
// one (the dispatcher tells queued requests apart by that time). Messages
// that are malformed, wrongly signed or replayed are dropped.
func (s *Server) readLoop(ch protocol.Channel, sck receiver, h Handler) {
	defer s.wg.Done()
	queue := make(chan *protocol.Message, 1024)
	// The handler goroutine is not waited for by Close: it may be
	// running a long request when the kernel stops.
	go func() {
		for msg := range queue {
			h(ch, msg)
		}
	}()
	defer close(queue)
	backoff := retryBackoff{sleep: s.sleep}
	errs := errorLog{log: s.log, prefix: fmt.Sprintf("transport: %s: receive", ch)}
	for {
		raw, err := sck.Recv()
		if err != nil {
			if s.ctx.Err() != nil {
				return
			}
			errs.failed(err)
			if !backoff.wait(s.ctx.Done()) {
				return
			}
			continue
		}
		backoff.reset()
		errs.succeeded()
		received := time.Now()
		msg, err := protocol.Decode(raw.Frames, s.signer)
		if err != nil {
			if errors.Is(err, protocol.ErrBadSignature) {
				s.log.Printf("transport: %s: dropped a message with an invalid signature", ch)
			} else {
				s.log.Printf("transport: %s: dropped a malformed message: %v", ch, err)
			}
			continue
		}
		if s.digests.Seen(msg.Signature) {
			s.log.Printf("transport: %s: dropped a replayed %s (its signature was seen before)", ch, msg.Type())
			continue
		}
		msg.Received = received
		select {
		case queue <- msg:
		case <-s.ctx.Done():
			return
		}
	}
}

func (s *Server) heartbeat() {
	defer s.wg.Done()
	backoff := retryBackoff{sleep: s.sleep}
	errs := errorLog{log: s.log, prefix: "transport: heartbeat: receive"}
	for {
		msg, err := s.hb.Recv()
		if err != nil {
			if s.ctx.Err() != nil {
				return
			}
			errs.failed(err)
			if !backoff.wait(s.ctx.Done()) {
				return
			}
			continue
		}
		backoff.reset()
		errs.succeeded()
		if err := s.hb.Send(msg); err != nil && s.ctx.Err() == nil {
			s.log.Printf("transport: heartbeat: send: %v", err)
		}
	}
}

// Send signs msg and sends it on channel ch, with the kernel's session id
// in its header (msg itself is left unchanged). On shell, control and
// stdin the message goes to the client named by msg.Identities; on iopub
// it is published to every subscriber except those that have stopped
// reading (pub.go says how): it may wait, up to a few seconds once per
// stall, for a subscriber that is behind. Send may be called from any
// goroutine.
func (s *Server) Send(ch protocol.Channel, msg *protocol.Message) error {
	sck, ok := s.sockets[ch]
	if !ok && ch != protocol.IOPub {
		return fmt.Errorf("transport: no %q channel", ch)
	}
	cp := *msg
	cp.Header.Session = s.session
	msg = &cp
	if ch == protocol.IOPub {
		// A published message starts with a topic instead of the
		// requester's routing identity.
		msg.Identities = [][]byte{[]byte("kernel." + msg.Header.MsgType)}
	} else if len(msg.Identities) == 0 {
		return fmt.Errorf("transport: %s %s has no recipient identity", ch, msg.Header.MsgType)
	}
	frames, err := protocol.Encode(msg, s.signer)
	if err != nil {
		return fmt.Errorf("transport: %s: %w", ch, err)
	}
	if ch == protocol.IOPub {
		if err := s.iopub.publish(frames); err != nil {
			return fmt.Errorf("transport: iopub: publishing %s: %w", msg.Header.MsgType, err)
		}
		return nil
	}
	sck.mu.Lock()
	defer sck.mu.Unlock()
	if err := sck.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return fmt.Errorf("transport: %s: sending %s: %w", ch, msg.Header.MsgType, err)
	}
	return nil
}

// Close stops the background goroutines and closes every socket. Messages
// already published go out first to the subscribers that are reading, for
// up to two seconds.
func (s *Server) Close() error {
	var first error
	s.closeOnce.Do(func() {
		if s.iopub != nil {
			first = s.iopub.close()
		}
		s.cancel()
		for _, sck := range s.sockets {
			if err := closeSocket(sck); err != nil && first == nil {
				first = err
			}
		}
		if s.hb != nil {
			if err := closeSocket(s.hb); err != nil && first == nil {
				first = err
			}
		}
		s.wg.Wait()
	})
	return first
}

// closeSocket closes a ZeroMQ socket, for which a connection already
// closed is no failure. A front end shutting the kernel down closes its
// connections as soon as it has the reply, while the kernel closes its
// sockets: zmq4's reader of a connection closes it on the peer's EOF, and
// until its reaper goroutine, which the socket's cancelled context stops,
// has forgotten it, the socket's Close closes it again and reports "use of
// closed network connection".
func closeSocket(sck io.Closer) error {
	if err := sck.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return nil
}
