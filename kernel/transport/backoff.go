package transport

import (
	"fmt"
	"log"
	"time"
)

// Bounds of the pause between retries after a receive fails. A socket
// error that persists (a closed socket, no file descriptors left) would
// otherwise make a read loop spin on one core and write a log line per
// turn.
const (
	minRetryDelay = time.Millisecond
	maxRetryDelay = time.Second
)

// retryBackoff is a bounded exponential backoff: each wait doubles the
// pause, from minRetryDelay up to maxRetryDelay, until reset.
type retryBackoff struct {
	delay time.Duration
	// sleep pauses for d, or returns false early when cancel is closed.
	// Nil means a timer; tests record the pauses instead.
	sleep func(d time.Duration, cancel <-chan struct{}) bool
}

// wait pauses before the next retry. It returns false if cancel was
// closed first.
func (b *retryBackoff) wait(cancel <-chan struct{}) bool {
	if b.delay == 0 {
		b.delay = minRetryDelay
	} else {
		b.delay = min(2*b.delay, maxRetryDelay)
	}
	if b.sleep != nil {
		return b.sleep(b.delay, cancel)
	}
	t := time.NewTimer(b.delay)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-cancel:
		return false
	}
}

// reset makes the next wait the shortest again.
func (b *retryBackoff) reset() { b.delay = 0 }

// errorLog logs each kind of error once until the errors stop, so that a
// persistent failure leaves one line rather than one per retry.
type errorLog struct {
	log    *log.Logger
	prefix string
	seen   map[string]int // error text -> occurrences since the last success
}

// maxErrorKinds bounds the kinds remembered, in case error texts vary
// (addresses, counters): past it errors of new kinds are counted together
// and not logged.
const maxErrorKinds = 16

// failed records err, logging it if its kind is new.
func (l *errorLog) failed(err error) {
	if l.seen == nil {
		l.seen = map[string]int{}
	}
	kind := fmt.Sprintf("%T: %v", err, err)
	if _, ok := l.seen[kind]; !ok {
		if len(l.seen) >= maxErrorKinds {
			kind = "other"
		} else {
			l.log.Printf("%s: %v (retrying with backoff; repeats are not logged)", l.prefix, err)
		}
	}
	l.seen[kind]++
}

// succeeded notes a success, logging how many errors preceded it.
func (l *errorLog) succeeded() {
	if len(l.seen) == 0 {
		return
	}
	n := 0
	for _, c := range l.seen {
		n += c
	}
	l.log.Printf("%s: working again after %d errors", l.prefix, n)
	clear(l.seen)
}
