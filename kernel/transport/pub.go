package transport

import (
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/security/null"
)

// Limits of a subscriber's queue: it is full with defaultHWM messages or
// defaultMaxQueuedBytes bytes waiting. An empty queue takes a message of
// any size, so a big display still reaches a subscriber that keeps up.
const (
	// defaultHWM is libzmq's default ZMQ_SNDHWM, which ipykernel's
	// IOPub socket runs with.
	defaultHWM = 1000
	// defaultMaxQueuedBytes bounds what a stalled subscriber pins in
	// memory: libzmq shares the data of a message between its
	// subscribers, and so do these queues, but a thousand big plots would
	// still be gigabytes.
	defaultMaxQueuedBytes = 64 << 20
)

// defaultStallTimeout is how long publishing waits for room in the full
// queue of a subscriber before it counts as stalled. A subscriber that is
// reading, only more slowly than the kernel writes, frees a place every
// few milliseconds, and so loses nothing; one that has not taken a message
// for that long has stopped reading. It is seconds rather than a fraction
// of one because a client on a machine with far more runnable threads than
// cores can go a second without being scheduled (measured with 27 on 2).
const defaultStallTimeout = 5 * time.Second

// defaultDrainTimeout bounds how long closing the publisher waits for
// queued messages to reach subscribers that are reading, so that a
// subscriber that never reads cannot hold up a kernel's exit.
const defaultDrainTimeout = 2 * time.Second

// pubOptions configures a publisher.
type pubOptions struct {
	hwm      int // messages per subscriber queue; 0 means defaultHWM
	maxBytes int // bytes per subscriber queue; 0 means defaultMaxQueuedBytes
	log      *log.Logger
	drain    time.Duration // 0 means defaultDrainTimeout
	stall    time.Duration // 0 means defaultStallTimeout
	// subscribed, if set, is called after a subscriber's subscription
	// has taken effect; tests wait on it instead of guessing how long a
	// subscription takes to arrive.
	subscribed func()
	// waiting, if set, is called when publishing starts to wait for
	// room in a subscriber's queue.
	waiting func()
}

// publisher is the kernel's IOPub socket: a ZeroMQ PUB socket built on
// zmq4's exported ZMTP connection (zmq4.Open) instead of zmq4's own PUB.
//
// zmq4 v0.17.0's PUB writes each message to every subscriber in turn from
// one goroutine, with no deadline and no per-subscriber high-water mark
// (its ZMQ_SNDHWM option bounds only the socket's shared queue), so one
// subscriber that stops reading, such as a suspended `jupyter console
// --existing`, blocks the writes to every other one and then every Send.
// Here, as in libzmq's PUB, each subscriber has its own bounded queue and
// its own writer goroutine, and a message that finds the queue of a
// stalled subscriber full is dropped for that subscriber alone.
//
// Unlike libzmq, a full queue first holds publishing back, for up to the
// stall timeout, until the subscriber's writer makes room. The kernel
// writes output in many small messages (each read of the captured stdout
// is one), far faster than a client decodes them, so a live client would
// otherwise lose output, and with it the final idle status, to a burst of
// printing. A subscriber that takes nothing for the stall timeout is
// stalled: from then until its writer sends again, its messages are
// dropped without waiting. So one stalled subscriber delays publishing by
// the stall timeout once, not at every message, and never blocks it.
//
// Subscriptions are read as ZMTP 3.0 subscription messages (a frame whose
// first byte is 1 to subscribe or 0 to cancel, then the topic prefix),
// which libzmq sends to a peer that greets as ZMTP 3.0, as zmq4 does.
type publisher struct {
	ln       net.Listener
	unixPath string // socket file to remove on close (ipc transport)
	opts     pubOptions

	mu   sync.Mutex
	subs map[*subscriber]struct{}
	// handshaking holds the connections still in their ZMTP handshake,
	// for close to cut short.
	handshaking map[net.Conn]struct{}
	closed      bool
	quit        chan struct{} // closed by close
	quitOnce    sync.Once

	wg sync.WaitGroup // the accept loop and every subscriber's goroutines
}

// subscriber is one connected SUB socket.
type subscriber struct {
	conn  *zmq4.Conn
	raw   net.Conn
	addr  string
	queue chan zmq4.Msg
	// done is closed when the subscriber goes away, telling its writer
	// to stop without sending what is left.
	done     chan struct{}
	doneOnce sync.Once
	// written is closed when the writer has stopped: the queue was
	// closed and everything in it sent, or the subscriber went away.
	written chan struct{}

	// sent receives a value (without blocking) each time the writer
	// has sent a message, waking a publisher that waits for room.
	sent chan struct{}

	mu      sync.Mutex
	topics  map[string]int // subscribed prefixes, counted as libzmq does
	queued  int            // bytes in queue
	stalled bool           // messages are dropped for this subscriber
	dropped int            // how many since it stalled
}

// listenPub binds a publisher to a ZeroMQ endpoint (tcp://host:port or
// ipc://path) and starts accepting subscribers.
func listenPub(endpoint string, opts pubOptions) (*publisher, error) {
	scheme, addr, ok := strings.Cut(endpoint, "://")
	if !ok {
		return nil, fmt.Errorf("endpoint %q has no scheme", endpoint)
	}
	network := scheme
	if scheme == "ipc" {
		network = "unix"
	}
	if opts.hwm <= 0 {
		opts.hwm = defaultHWM
	}
	if opts.maxBytes <= 0 {
		opts.maxBytes = defaultMaxQueuedBytes
	}
	if opts.log == nil {
		opts.log = log.Default()
	}
	if opts.drain <= 0 {
		opts.drain = defaultDrainTimeout
	}
	if opts.stall <= 0 {
		opts.stall = defaultStallTimeout
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		return nil, err
	}
	p := &publisher{
		ln: ln, opts: opts, quit: make(chan struct{}),
		subs: map[*subscriber]struct{}{}, handshaking: map[net.Conn]struct{}{},
	}
	if network == "unix" {
		p.unixPath = addr
	}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Addr returns the address the publisher listens on.
func (p *publisher) Addr() net.Addr { return p.ln.Addr() }

func (p *publisher) accept() {
	defer p.wg.Done()
	var backoff retryBackoff
	errs := errorLog{log: p.opts.log, prefix: "transport: iopub: accept"}
	for {
		raw, err := p.ln.Accept()
		if err != nil {
			if p.isClosed() {
				return
			}
			// Running out of file descriptors is the usual cause:
			// wait for some to be freed rather than spin.
			errs.failed(err)
			if !backoff.wait(p.quit) {
				return
			}
			continue
		}
		backoff.reset()
		errs.succeeded()
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			raw.Close()
			return
		}
		p.handshaking[raw] = struct{}{}
		// The handshake runs on its own goroutine: a peer that
		// connects and says nothing must not keep others out.
		p.wg.Add(1)
		p.mu.Unlock()
		go p.open(raw)
	}
}

// open performs the ZMTP handshake with a new peer and starts serving it.
func (p *publisher) open(raw net.Conn) {
	defer p.wg.Done()
	// A peer that does not complete the handshake in time is dropped.
	raw.SetDeadline(time.Now().Add(10 * time.Second))
	conn, err := zmq4.Open(raw, null.Security(), zmq4.Pub, nil, true, nil)
	p.mu.Lock()
	delete(p.handshaking, raw)
	p.mu.Unlock()
	if err != nil {
		raw.Close()
		if !p.isClosed() {
			p.opts.log.Printf("transport: iopub: %s: %v", raw.RemoteAddr(), err)
		}
		return
	}
	raw.SetDeadline(time.Time{})
	s := &subscriber{
		conn: conn, raw: raw, addr: raw.RemoteAddr().String(),
		queue:   make(chan zmq4.Msg, p.opts.hwm),
		done:    make(chan struct{}),
		written: make(chan struct{}),
		sent:    make(chan struct{}, 1),
		topics:  map[string]int{},
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		raw.Close()
		return
	}
	p.subs[s] = struct{}{}
	p.wg.Add(2)
	p.mu.Unlock()
	go p.write(s)
	go p.read(s)
}

// read applies the subscriber's subscriptions until its connection ends.
func (p *publisher) read(s *subscriber) {
	defer p.wg.Done()
	defer p.remove(s)
	for {
		msg, err := s.conn.RecvMsg()
		if err != nil {
			return
		}
		if msg.Type != zmq4.UsrMsg || len(msg.Frames) != 1 || len(msg.Frames[0]) == 0 {
			continue
		}
		f := msg.Frames[0]
		topic := string(f[1:])
		s.mu.Lock()
		switch f[0] {
		case 1:
			s.topics[topic]++
		case 0:
			if s.topics[topic]--; s.topics[topic] <= 0 {
				delete(s.topics, topic)
			}
		}
		s.mu.Unlock()
		if f[0] == 1 && p.opts.subscribed != nil {
			p.opts.subscribed()
		}
	}
}

// write sends the subscriber's queue in order until it is closed.
func (p *publisher) write(s *subscriber) {
	defer p.wg.Done()
	defer close(s.written)
	for {
		select {
		case msg, ok := <-s.queue:
			if !ok {
				return
			}
			err := s.conn.SendMsg(msg)
			s.mu.Lock()
			s.queued -= msgSize(msg)
			if s.stalled && err == nil {
				p.opts.log.Printf("transport: iopub: subscriber %s is reading again; %d messages were dropped for it", s.addr, s.dropped)
				s.stalled, s.dropped = false, 0
			}
			s.mu.Unlock()
			select {
			case s.sent <- struct{}{}:
			default:
			}
			if err != nil {
				// The reader sees the broken connection too and
				// removes the subscriber.
				s.raw.Close()
				return
			}
		case <-s.done:
			return
		}
	}
}

// remove forgets a subscriber whose connection has ended.
func (p *publisher) remove(s *subscriber) {
	// done first: a publisher waiting for room in s's queue holds p.mu
	// and lets go of it on done.
	s.doneOnce.Do(func() { close(s.done) })
	s.raw.Close()
	p.mu.Lock()
	delete(p.subs, s)
	p.mu.Unlock()
}

// publish queues frames for every subscriber whose subscriptions match the
// first frame. A subscriber's full queue holds it back until there is room
// or the subscriber counts as stalled, for which the message is dropped.
// After close it drops every message.
func (p *publisher) publish(frames [][]byte) error {
	if len(frames) == 0 {
		return errors.New("no frames")
	}
	msg := zmq4.NewMsgFrom(frames...)
	size := msgSize(msg)
	topic := string(frames[0])
	// Holding p.mu keeps the messages of concurrent publishers in one
	// order for every subscriber, and close from closing a queue under
	// a publisher.
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		// Handlers may outlive the server (Close does not wait for
		// a running request); what they publish then has nobody
		// left to go to.
		return nil
	}
	for s := range p.subs {
		s.deliver(msg, topic, size, p.opts, p.quit)
	}
	return nil
}

// deliver queues msg for s if s subscribes to topic, waiting for room if
// s's queue is full, unless s is or becomes stalled or quit is closed.
func (s *subscriber) deliver(msg zmq4.Msg, topic string, size int, opts pubOptions, quit <-chan struct{}) {
	var timeout <-chan time.Time
	for {
		s.mu.Lock()
		if !s.subscribedLocked(topic) {
			s.mu.Unlock()
			return
		}
		// Only publishers send on the queue, one at a time, so a free
		// place cannot be taken between this test and the send.
		if len(s.queue) < cap(s.queue) && (len(s.queue) == 0 || s.queued+size <= opts.maxBytes) {
			s.queue <- msg
			s.queued += size
			s.mu.Unlock()
			return
		}
		if s.stalled {
			s.dropped++
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		if timeout == nil {
			if opts.waiting != nil {
				opts.waiting()
			}
			t := time.NewTimer(opts.stall)
			defer t.Stop()
			timeout = t.C
		}
		select {
		case <-s.sent:
		case <-s.done:
			return
		case <-quit:
			return
		case <-timeout:
			s.mu.Lock()
			s.stalled = true
			s.dropped++
			// Logged once per stall, not per message: a stalled
			// subscriber would otherwise flood the log.
			opts.log.Printf("transport: iopub: subscriber %s took no message for %v (%d messages, %d bytes queued); dropping messages for it until it reads again", s.addr, opts.stall, len(s.queue), s.queued)
			s.mu.Unlock()
			return
		}
	}
}

// subscribedLocked reports whether topic starts with one of s's
// subscribed prefixes. s.mu must be held.
func (s *subscriber) subscribedLocked(topic string) bool {
	for prefix := range s.topics {
		if strings.HasPrefix(topic, prefix) {
			return true
		}
	}
	return false
}

// close stops accepting subscribers, gives them together up to the drain
// timeout to receive what is queued for them (the last status messages of
// a kernel that is shutting down), then closes every connection.
func (p *publisher) close() error {
	// quit first: a publisher waiting for room in a queue holds p.mu
	// and lets go of it on quit.
	p.quitOnce.Do(func() { close(p.quit) })
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	err := p.ln.Close()
	for raw := range p.handshaking {
		raw.Close()
	}
	subs := make([]*subscriber, 0, len(p.subs))
	for s := range p.subs {
		subs = append(subs, s)
		// publish holds p.mu to send on the queue and is now refused,
		// so nothing sends on it after this.
		close(s.queue)
	}
	p.mu.Unlock()
	timeout := time.NewTimer(p.opts.drain)
	defer timeout.Stop()
	for _, s := range subs {
		select {
		case <-s.written:
		case <-timeout.C:
			// Later subscribers get no more time either: the
			// timer has fired once and for all.
			timeout.Reset(0)
		}
		s.raw.Close()
	}
	p.wg.Wait()
	if p.unixPath != "" {
		os.Remove(p.unixPath)
	}
	return err
}

func (p *publisher) isClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}

// msgSize is the number of payload bytes in msg.
func msgSize(msg zmq4.Msg) int {
	n := 0
	for _, f := range msg.Frames {
		n += len(f)
	}
	return n
}
