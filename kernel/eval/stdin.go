package eval

import (
	"errors"
	"io"
	"sync"
)

// stdinReader answers reads of standard input by cells through
// Options.Input, one line per request.
type stdinReader struct {
	mu    sync.Mutex
	input func(prompt string, password bool) (string, error)
	buf   []byte
}

// Read returns buffered input, asking the front end for a new line when
// the buffer is empty. Without a front end that takes input, a cell sees
// the end of its input, as a program run with `< /dev/null` does: plain
// io.EOF, since readers compare with it rather than use errors.Is.
func (r *stdinReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.buf) == 0 {
		if r.input == nil {
			return 0, io.EOF
		}
		line, err := r.input("", false)
		if errors.Is(err, io.EOF) {
			return 0, io.EOF
		}
		if err != nil {
			return 0, err
		}
		r.buf = append(r.buf, line...)
		r.buf = append(r.buf, '\n')
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

var _ io.Reader = (*stdinReader)(nil)
