package repl

import (
	"fmt"

	"github.com/gornn/gornn/kernel/eval"
)

// syncCapture waits until the output written so far has been recorded,
// when output is captured.
func (r *Runner) syncCapture() {
	r.mu.Lock()
	c := r.capture
	r.mu.Unlock()
	if c != nil {
		c.Sync()
	}
}

// onStream receives what cells write to fds 1 and 2 while they are
// captured: it is recorded and echoed.
func (r *Runner) onStream(name string, b []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.flushPending()
	if r.rec != nil {
		r.rec.stream(name, string(b))
	}
	r.p.stream(name, b)
}

// startCapture redirects fds 1 and 2 to the runner, which echoes them and,
// with record set, records them. Captured, the cells' output keeps its
// order with the displays, whose last updates are shown when other
// output follows. The terminal output first moves onto duplicates of fds
// 1 and 2 so that the echo does not loop back into the capture.
func (r *Runner) startCapture(record bool) (stop func(), err error) {
	out, closeOut, err := detachFromStdio(r.cfg.Stdout)
	if err != nil {
		return nil, err
	}
	errOut, closeErr, err := detachFromStdio(r.cfg.Stderr)
	if err != nil {
		closeOut()
		return nil, err
	}
	r.p.setOutput(out, errOut)
	c, err := eval.CaptureStdio(r.onStream)
	if err != nil {
		r.p.setOutput(r.cfg.Stdout, r.cfg.Stderr)
		closeOut()
		closeErr()
		return nil, fmt.Errorf("repl: capturing output: %w", err)
	}
	r.mu.Lock()
	if record {
		r.rec = &recorder{}
	}
	r.capture = c
	r.mu.Unlock()
	return func() {
		c.Sync()
		r.mu.Lock()
		r.capture = nil
		r.flushPending()
		r.rec = nil
		r.mu.Unlock()
		c.Close()
		r.p.setOutput(r.cfg.Stdout, r.cfg.Stderr)
		closeOut()
		closeErr()
	}, nil
}
