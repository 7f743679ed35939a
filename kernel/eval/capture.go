package eval

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// Capture redirects the process's file descriptors 1 and 2 to pipes and
// streams what is written to them, so that output of interpreted and
// compiled code alike reaches the front end while a cell runs.
type Capture struct {
	origStdout, origStderr *os.File // duplicates of the original fds 1 and 2
	streams                [2]*captured
	closeOnce              sync.Once
}

// captured is one redirected descriptor and the goroutine reading it.
type captured struct {
	name     string
	fd       int
	r, w     *os.File
	emit     func(stream string, p []byte)
	sentinel []byte // marks the place in the stream a Sync waits for
	mu       sync.Mutex
	waiting  []chan struct{} // Syncs waiting for the sentinel, in order
	done     chan struct{}
}

// CaptureStdio redirects fds 1 and 2 and calls emit with "stdout" or
// "stderr" and each chunk read. emit is called from one goroutine per
// stream, so calls for the two streams may overlap.
func CaptureStdio(emit func(stream string, p []byte)) (*Capture, error) {
	c := &Capture{}
	for i, fd := range []int{1, 2} {
		dup, err := unix.Dup(fd)
		if err != nil {
			c.restore()
			return nil, fmt.Errorf("eval: capture: duplicating fd %d: %w", fd, err)
		}
		unix.CloseOnExec(dup)
		orig := os.NewFile(uintptr(dup), []string{"stdout", "stderr"}[i])
		if i == 0 {
			c.origStdout = orig
		} else {
			c.origStderr = orig
		}
		r, w, err := os.Pipe()
		if err != nil {
			c.restore()
			return nil, fmt.Errorf("eval: capture: %w", err)
		}
		if err := unix.Dup2(int(w.Fd()), fd); err != nil {
			r.Close()
			w.Close()
			c.restore()
			return nil, fmt.Errorf("eval: capture: redirecting fd %d: %w", fd, err)
		}
		token := make([]byte, 8)
		rand.Read(token)
		s := &captured{
			name: orig.Name(), fd: fd, r: r, w: w, emit: emit,
			sentinel: []byte("\x00gornn-sync-" + hex.EncodeToString(token) + "\x00"),
			done:     make(chan struct{}),
		}
		c.streams[i] = s
		go s.read()
	}
	return c, nil
}

// OriginalStderr returns a file writing to the process's stderr as it
// was before the capture, for logs that must not reach cells' output.
func (c *Capture) OriginalStderr() *os.File { return c.origStderr }

// OriginalStdout returns a file writing to the process's stdout as it
// was before the capture.
func (c *Capture) OriginalStdout() *os.File { return c.origStdout }

// Sync returns once everything written to fds 1 and 2 before the call
// has been passed to emit. It writes a sentinel into each stream and
// waits for the reader to reach it, so output is attributed to the cell
// that wrote it.
func (c *Capture) Sync() {
	var waits []chan struct{}
	for _, s := range c.streams {
		if s == nil {
			continue
		}
		ch := make(chan struct{})
		s.mu.Lock()
		s.waiting = append(s.waiting, ch)
		s.mu.Unlock()
		if _, err := unix.Write(s.fd, s.sentinel); err != nil {
			s.release(ch)
			continue
		}
		waits = append(waits, ch)
	}
	for i, ch := range waits {
		select {
		case <-ch:
		case <-c.streams[i].done:
		}
	}
}

// release forgets a waiter whose sentinel could not be written.
func (s *captured) release(ch chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, w := range s.waiting {
		if w == ch {
			s.waiting = append(s.waiting[:i], s.waiting[i+1:]...)
			break
		}
	}
	close(ch)
}

// read passes what arrives on the pipe to emit, cut at sentinels, until
// the pipe is closed.
func (s *captured) read() {
	defer close(s.done)
	buf := make([]byte, 32*1024)
	var pending []byte
	for {
		n, err := s.r.Read(buf)
		if n > 0 {
			pending = append(pending, buf[:n]...)
			pending = s.flush(pending)
		}
		if err != nil {
			if len(pending) > 0 {
				s.emit(s.name, pending)
			}
			return
		}
	}
}

// flush emits data up to each complete sentinel and wakes its Sync; it
// keeps back a tail that may be the start of a sentinel.
func (s *captured) flush(data []byte) []byte {
	for {
		i := bytes.Index(data, s.sentinel)
		if i < 0 {
			break
		}
		if i > 0 {
			s.emit(s.name, data[:i])
		}
		data = data[i+len(s.sentinel):]
		s.mu.Lock()
		if len(s.waiting) > 0 {
			close(s.waiting[0])
			s.waiting = s.waiting[1:]
		}
		s.mu.Unlock()
	}
	keep := 0
	for k := len(s.sentinel) - 1; k > 0; k-- {
		if len(data) >= k && bytes.HasPrefix(s.sentinel, data[len(data)-k:]) {
			keep = k
			break
		}
	}
	if len(data)-keep > 0 {
		s.emit(s.name, data[:len(data)-keep])
	}
	return append([]byte(nil), data[len(data)-keep:]...)
}

// Close restores fds 1 and 2, emits what was still in the pipes and
// stops the readers.
func (c *Capture) Close() error {
	var err error
	c.closeOnce.Do(func() { err = c.restore() })
	return err
}

func (c *Capture) restore() error {
	var first error
	for i, orig := range []*os.File{c.origStdout, c.origStderr} {
		if orig == nil {
			continue
		}
		if err := unix.Dup2(int(orig.Fd()), i+1); err != nil && first == nil {
			first = fmt.Errorf("eval: capture: restoring fd %d: %w", i+1, err)
		}
		if s := c.streams[i]; s != nil {
			s.w.Close() // the last writer of the pipe besides fd i+1, now restored
			select {
			case <-s.done:
			case <-time.After(2 * time.Second):
				// A child process still holds the pipe: stop reading.
			}
			s.r.Close()
		}
	}
	return first
}
