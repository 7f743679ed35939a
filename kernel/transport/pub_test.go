package transport

import (
	"encoding/binary"
	"fmt"
	"log"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/security/null"
)

// testPub starts a publisher on a free loopback port. Each subscription
// that takes effect sends on the returned channel.
func testPub(t *testing.T, opts pubOptions) (*publisher, <-chan struct{}, *lockedBuffer) {
	t.Helper()
	logs := &lockedBuffer{}
	subscribed := make(chan struct{}, 16)
	opts.log = log.New(logs, "", 0)
	opts.subscribed = func() { subscribed <- struct{}{} }
	p, err := listenPub("tcp://127.0.0.1:0", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.close() })
	return p, subscribed, logs
}

// rawSub connects a SUB socket to p over a plain TCP connection, so that
// the test decides when (and whether) it reads, and subscribes to topic.
// It returns once p has applied the subscription.
func rawSub(t *testing.T, p *publisher, subscribed <-chan struct{}, topic string) *zmq4.Conn {
	t.Helper()
	raw, err := net.Dial("tcp", p.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return subscribe(t, raw, subscribed, topic)
}

// stalledSub is rawSub for a subscriber that will not read: its receive
// buffer is fixed at 64 KiB, so that what it absorbs before the publisher
// has to queue for it does not depend on the machine's TCP autotuning
// (which may let an unread loopback connection take tens of megabytes).
func stalledSub(t *testing.T, p *publisher, subscribed <-chan struct{}) *zmq4.Conn {
	t.Helper()
	raw, err := net.Dial("tcp", p.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	if err := raw.(*net.TCPConn).SetReadBuffer(64 << 10); err != nil {
		t.Fatal(err)
	}
	return subscribe(t, raw, subscribed, "")
}

// subscribe opens a SUB connection over raw and subscribes to topic.
func subscribe(t *testing.T, raw net.Conn, subscribed <-chan struct{}, topic string) *zmq4.Conn {
	t.Helper()
	conn, err := zmq4.Open(raw, null.Security(), zmq4.Sub, nil, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.SendMsg(zmq4.NewMsg(append([]byte{1}, topic...))); err != nil {
		t.Fatal(err)
	}
	wait(t, subscribed, "the subscription")
	return conn
}

// numbered returns a message on topic whose payload of size bytes starts
// with i, so that a reader can check it got every message in order.
func numbered(topic string, i, size int) [][]byte {
	payload := make([]byte, max(size, 8))
	binary.BigEndian.PutUint64(payload, uint64(i))
	return [][]byte{[]byte(topic), payload}
}

// receive reads messages from conn and sends the number each one carries
// on the returned channel, until the connection ends.
func receive(conn *zmq4.Conn) <-chan int {
	out := make(chan int, 1024)
	go func() {
		defer close(out)
		for {
			msg, err := conn.RecvMsg()
			if err != nil {
				return
			}
			if len(msg.Frames) != 2 || len(msg.Frames[1]) < 8 {
				out <- -1
				continue
			}
			out <- int(binary.BigEndian.Uint64(msg.Frames[1]))
		}
	}()
	return out
}

// TestStalledSubscriberDoesNotBlockOthers is the suspended `jupyter
// console --existing`: a subscriber that connects and never reads, while
// a notebook's subscriber must receive a 20 MB output without loss.
func TestStalledSubscriberDoesNotBlockOthers(t *testing.T) {
	const (
		n    = 80
		size = 256 << 10 // 80 × 256 KiB = 20 MiB
	)
	p, subscribed, logs := testPub(t, pubOptions{})
	stalledSub(t, p, subscribed) // never reads
	live := receive(rawSub(t, p, subscribed, ""))

	start := time.Now()
	for i := range n {
		if err := p.publish(numbered("kernel.stream", i, size)); err != nil {
			t.Fatal(err)
		}
	}
	published := time.Since(start)
	for i := range n {
		if got := wait(t, live, fmt.Sprintf("message %d of %d for the live subscriber", i, n)); got != i {
			t.Fatalf("live subscriber got message %d, want %d", got, i)
		}
	}
	t.Logf("%d MiB reached the live subscriber past a stalled one in %v (publishing took %v)",
		n*size>>20, time.Since(start), published)
	if strings.Contains(logs.String(), "dropping") {
		t.Errorf("messages were dropped below the high-water mark: %s", logs)
	}
}

// TestFullQueueDropsForThatSubscriberOnly fills a stalled subscriber's
// queue (its TCP buffers first) while a live one receives each message
// before the next is published: the live one loses nothing, the stalled
// one loses messages, the log says so once, and once the stalled one reads
// again it gets new messages and the log says how many it lost.
func TestFullQueueDropsForThatSubscriberOnly(t *testing.T) {
	const size = 1 << 20
	// The stall timeout only decides how soon the drops begin.
	p, subscribed, logs := testPub(t, pubOptions{hwm: 4, stall: time.Millisecond})
	stalledConn := stalledSub(t, p, subscribed)
	live := receive(rawSub(t, p, subscribed, ""))

	// Publish until a message is dropped for the stalled subscriber; the
	// kernel's socket buffers hold a few megabytes, then its queue four
	// messages.
	i := 0
	for ; !strings.Contains(logs.String(), "took no message"); i++ {
		if i == 1000 {
			t.Fatalf("nothing dropped after %d MiB to a subscriber that never reads", i*size>>20)
		}
		if err := p.publish(numbered("kernel.stream", i, size)); err != nil {
			t.Fatal(err)
		}
		if got := wait(t, live, "a message for the live subscriber"); got != i {
			t.Fatalf("live subscriber got %d, want %d", got, i)
		}
	}
	firstDropped := i - 1
	for range 20 {
		p.publish(numbered("kernel.stream", i, size))
		if got := wait(t, live, "a message for the live subscriber"); got != i {
			t.Fatalf("live subscriber got %d, want %d", got, i)
		}
		i++
	}
	if c := strings.Count(logs.String(), "took no message"); c != 1 {
		t.Errorf("%d log lines about the stalled subscriber, want 1:\n%s", c, logs)
	}

	// The stalled subscriber wakes up: it gets what was queued before the
	// drops began, in order, then (once there is room again) new messages.
	stalled := receive(stalledConn)
	last := -1
	for got := range stalled {
		if got <= last {
			t.Fatalf("stalled subscriber got %d after %d", got, last)
		}
		if got >= firstDropped && got < i {
			t.Fatalf("stalled subscriber got %d, which was published while its queue was full", got)
		}
		last = got
		if got >= i {
			break
		}
		if got == firstDropped-1 {
			// Everything queued has arrived: publish again.
			p.publish(numbered("kernel.stream", i, size))
			wait(t, live, "a message for the live subscriber")
		}
	}
	if last != i {
		t.Fatalf("stalled subscriber's last message %d, want %d", last, i)
	}
	if !strings.Contains(logs.String(), "reading again; 21 messages were dropped") {
		t.Errorf("log does not count the 21 dropped messages:\n%s", logs)
	}
}

// TestSlowSubscriberLosesNothing checks that a subscriber that reads, only
// later than the messages come, holds publishing back rather than losing
// messages: the publisher fills its queue and waits, then the subscriber
// reads everything.
func TestSlowSubscriberLosesNothing(t *testing.T) {
	const n = 100
	waiting := make(chan struct{}, 1)
	p, subscribed, logs := testPub(t, pubOptions{
		hwm: 2, stall: failAfter,
		waiting: func() {
			select {
			case waiting <- struct{}{}:
			default:
			}
		},
	})
	conn := stalledSub(t, p, subscribed) // for now
	published := make(chan struct{})
	go func() {
		defer close(published)
		for i := range n {
			p.publish(numbered("kernel.stream", i, 64<<10))
		}
	}()
	wait(t, waiting, "the publisher to wait for room")
	slow := receive(conn)
	for want := range n {
		if got := wait(t, slow, "a message"); got != want {
			t.Fatalf("got message %d, want %d", got, want)
		}
	}
	wait(t, published, "the end of publishing")
	if strings.Contains(logs.String(), "dropping") {
		t.Errorf("messages were dropped for a subscriber that reads:\n%s", logs)
	}
}

// TestWaitEndsWithSubscriberOrClose checks that a publisher waiting for
// room in a stalled subscriber's queue lets go at once when that
// subscriber disconnects or the publisher closes, not at the stall
// timeout.
func TestWaitEndsWithSubscriberOrClose(t *testing.T) {
	for _, end := range []string{"disconnect", "close"} {
		t.Run(end, func(t *testing.T) {
			waiting := make(chan struct{})
			var once sync.Once
			p, subscribed, _ := testPub(t, pubOptions{
				hwm: 1, stall: 2 * failAfter, // beyond the failure guard
				waiting: func() { once.Do(func() { close(waiting) }) },
			})
			conn := stalledSub(t, p, subscribed)
			returned := make(chan struct{})
			go func() {
				defer close(returned)
				for i := 0; ; i++ {
					p.publish(numbered("kernel.stream", i, 1<<20))
					select {
					case <-waiting: // that publish waited, and is over
						return
					default:
					}
				}
			}()
			wait(t, waiting, "the publisher to wait for room")
			closed := make(chan error, 1)
			if end == "disconnect" {
				conn.Close()
			} else {
				go func() { closed <- p.close() }()
			}
			wait(t, returned, "publish to return")
			if end == "close" {
				if err := wait(t, closed, "close to return"); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestTopicPrefixes checks that a subscriber gets only the topics it asked
// for: the first message it receives is the first one that matches.
func TestTopicPrefixes(t *testing.T) {
	p, subscribed, _ := testPub(t, pubOptions{})
	status := receive(rawSub(t, p, subscribed, "kernel.status"))
	all := receive(rawSub(t, p, subscribed, ""))
	p.publish(numbered("kernel.stream", 0, 8))
	p.publish(numbered("kernel.status", 1, 8))
	if got := wait(t, status, "a status message"); got != 1 {
		t.Errorf("subscriber to kernel.status got message %d first, want 1", got)
	}
	for want := range 2 {
		if got := wait(t, all, "a message"); got != want {
			t.Errorf("subscriber to everything got %d, want %d", got, want)
		}
	}
}

// TestCloseDrainsQueues checks that messages published just before close
// reach a subscriber that reads (a kernel's last idle status).
func TestCloseDrainsQueues(t *testing.T) {
	const n = 500
	// The drain timeout is only a failure guard here.
	p, subscribed, _ := testPub(t, pubOptions{drain: failAfter})
	live := receive(rawSub(t, p, subscribed, ""))
	for i := range n {
		p.publish(numbered("kernel.status", i, 64<<10))
	}
	closed := make(chan error)
	go func() { closed <- p.close() }()
	for want := range n {
		if got := wait(t, live, "a message published before close"); got != want {
			t.Fatalf("got message %d, want %d", got, want)
		}
	}
	if err := wait(t, closed, "return from close"); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-live; ok {
		t.Error("a message after the last one published")
	}
	if err := p.publish(numbered("kernel.status", 0, 8)); err != nil {
		t.Errorf("publish after close: %v", err)
	}
}

// TestCloseGivesUpOnStalledSubscriber checks that a subscriber that never
// reads holds close up for the drain timeout at most.
func TestCloseGivesUpOnStalledSubscriber(t *testing.T) {
	p, subscribed, _ := testPub(t, pubOptions{drain: time.Millisecond})
	stalledSub(t, p, subscribed)
	for i := range 200 {
		p.publish(numbered("kernel.status", i, 64<<10))
	}
	closed := make(chan error)
	go func() { closed <- p.close() }()
	if err := wait(t, closed, "return from close"); err != nil {
		t.Fatal(err)
	}
}

// TestDeliverLimits checks a queue's limits by message count and by bytes,
// for a subscriber that takes nothing.
func TestDeliverLimits(t *testing.T) {
	tests := []struct {
		name          string
		hwm, maxBytes int
		sizes         []int
		queued        int
	}{
		{"below both limits", 4, 100, []int{10, 10, 10}, 3},
		{"high-water mark", 2, 100, []int{10, 10, 10, 10}, 2},
		{"byte limit", 10, 25, []int{10, 10, 10, 1}, 3},
		{"one big message fits an empty queue", 10, 25, []int{100, 1}, 1},
		{"but not a non-empty one", 10, 25, []int{1, 100, 1}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &subscriber{queue: make(chan zmq4.Msg, tt.hwm), topics: map[string]int{"": 1}}
			opts := pubOptions{hwm: tt.hwm, maxBytes: tt.maxBytes, stall: time.Nanosecond, log: log.New(&lockedBuffer{}, "", 0)}
			for _, n := range tt.sizes {
				msg := zmq4.NewMsgFrom([]byte("t"), make([]byte, n-1))
				s.deliver(msg, "t", n, opts, nil)
			}
			if len(s.queue) != tt.queued {
				t.Errorf("queued %d, want %d", len(s.queue), tt.queued)
			}
		})
	}
}
