package eval

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log"
	"os"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// Capture streams what the process writes to its standard output and
// error, so that output of interpreted and compiled code alike reaches the
// front end while a cell runs.
//
// Standard output is captured at the descriptor: fd 1 is redirected to a
// pipe. Standard error is captured at os.Stderr (and the standard logger,
// if it wrote there), which is made the write end of a pipe, while fd 2
// keeps the process's real stderr, the front end's log. The difference is
// the Go runtime: a fatal error (stack overflow, out of memory, concurrent
// map writes, an unrecovered panic in a goroutine) stops every goroutine,
// the pipe's reader included, and then writes its report to fd 2. Into a
// pipe nobody reads, a report longer than the pipe holds (each goroutine
// adds its stack) blocked that write forever: the process neither exited
// nor answered, and the report was seen nowhere. On the real stderr the
// report is written whole and the process exits, so the front end sees
// the kernel die, restarts it and has the reason in its log.
// (runtime/debug.SetCrashOutput would not do: the runtime writes the
// "fatal error: ..." line before it counts as crashing, so only fd 2 gets
// that line, and fd 2 would still block.)
//
// What the capture misses is what bypasses os.Stderr: the builtin print
// and println of compiled code, and writes to descriptor 2 itself. They go
// to the log.
type Capture struct {
	origStdout, origStderr *os.File // duplicates of the original fds 1 and 2
	streams                [2]*captured
	closeOnce              sync.Once

	// prevStderr is os.Stderr before the capture, put back by Close;
	// logToStderr records that the standard logger wrote to it.
	prevStderr  *os.File
	logToStderr bool
}

// captured is one redirected stream and the goroutine reading it.
type captured struct {
	name     string
	fd       int      // the descriptor redirected to the pipe; -1 for none
	r, w     *os.File // the pipe
	emit     func(stream string, p []byte)
	sentinel []byte // marks the place in the stream a Sync waits for
	mu       sync.Mutex
	waiting  []chan struct{} // Syncs waiting for the sentinel, in order
	done     chan struct{}
}

// CaptureStdio redirects fd 1 and os.Stderr (see Capture) and calls emit
// with "stdout" or "stderr" and each chunk read. emit is called from one
// goroutine per stream, so calls for the two streams may overlap.
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
		token := make([]byte, 8)
		rand.Read(token)
		s := &captured{
			name: orig.Name(), fd: -1, r: r, w: w, emit: emit,
			sentinel: []byte("\x00gornn-sync-" + hex.EncodeToString(token) + "\x00"),
			done:     make(chan struct{}),
		}
		if fd == 1 {
			if err := unix.Dup2(int(w.Fd()), fd); err != nil {
				r.Close()
				w.Close()
				c.restore()
				return nil, fmt.Errorf("eval: capture: redirecting fd %d: %w", fd, err)
			}
			s.fd = fd
		} else {
			c.prevStderr = os.Stderr
			os.Stderr = w
			if log.Writer() == c.prevStderr {
				c.logToStderr = true
				log.SetOutput(w)
			}
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

// Sync returns once everything written to fd 1 and os.Stderr before the
// call has been passed to emit. It writes a sentinel into each stream and
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
		if err := s.writeSentinel(); err != nil {
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

// writeSentinel writes the sentinel where the stream's writers write. A
// sentinel is shorter than PIPE_BUF, so it is never split by other writes.
func (s *captured) writeSentinel() error {
	if s.fd >= 0 {
		_, err := unix.Write(s.fd, s.sentinel)
		return err
	}
	_, err := s.w.Write(s.sentinel)
	return err
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

// Close restores fd 1 and os.Stderr, emits what was still in the pipes and
// stops the readers.
func (c *Capture) Close() error {
	var err error
	c.closeOnce.Do(func() { err = c.restore() })
	return err
}

func (c *Capture) restore() error {
	var first error
	if c.prevStderr != nil {
		os.Stderr = c.prevStderr
		if c.logToStderr {
			log.SetOutput(c.prevStderr)
		}
	}
	for i, orig := range []*os.File{c.origStdout, c.origStderr} {
		if orig == nil {
			continue
		}
		s := c.streams[i]
		if s != nil && s.fd >= 0 {
			if err := unix.Dup2(int(orig.Fd()), s.fd); err != nil && first == nil {
				first = fmt.Errorf("eval: capture: restoring fd %d: %w", s.fd, err)
			}
		}
		if s != nil {
			s.w.Close() // the last writer of the pipe, now that fd 1 and os.Stderr are restored
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
