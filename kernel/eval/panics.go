package eval

import (
	"fmt"
	"io"
	"sync"
)

// panicFrame is one frame of an interpreted panic as the interpreter
// reports it: the start of the block that was running, in the source of
// the evaluation that defined it.
type panicFrame struct {
	Line, Column int
	Func         string // "main.g", "main", "main.func1", ...
	// Calls holds the sites of the goroutine's running functions when
	// the frame was reported (see callStack), outermost first.
	Calls []int
}

// panicSniffer is the interpreter's stderr: it keeps the frame lines the
// interpreter writes while a panic unwinds and passes everything else (log
// output of cells) on to the process's stderr.
type panicSniffer struct {
	mu     sync.Mutex
	out    io.Writer
	calls  *callStack // nil in tests that need no call sites
	frames []panicFrame
	// noted is the text of the last value a cell's panic statement
	// panicked with, by its Error or String method, which compiled code
	// cannot call on a value of a type a cell declared.
	noted panicNote
}

// panicNote is the text Go prints for the value a panic statement
// panicked with, and the statement's site.
type panicNote struct {
	text string
	site int
}

// note keeps the text Go would print for a value a cell panics with: the
// rewrite of `panic(v)` calls it with v just before panicking, and the
// interpreter gives it v wrapped with its Error or String method.
func (s *panicSniffer) note(site int, v any) {
	text := ""
	func() {
		defer func() { recover() }() // a method that panics: Go would say so too, but no text is better
		switch v := v.(type) {
		case error:
			text = v.Error()
		case fmt.Stringer:
			text = v.String()
		}
	}()
	s.mu.Lock()
	s.noted = panicNote{text: text, site: site}
	s.mu.Unlock()
}

func (s *panicSniffer) Write(p []byte) (int, error) {
	if f, ok := parsePanicFrame(p); ok {
		// The interpreter writes a frame on the goroutine that panics,
		// before the frames below are unwound: the calls are still
		// there.
		if s.calls != nil {
			f.Calls = s.calls.snapshot(currentG())
		}
		s.mu.Lock()
		if len(s.frames) < 1000 {
			s.frames = append(s.frames, f)
		}
		s.mu.Unlock()
		return len(p), nil
	}
	return s.out.Write(p)
}

// take returns and forgets the frames seen so far, and the calls and the
// panic text kept for them.
func (s *panicSniffer) take() []panicFrame {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.frames
	s.frames = nil
	s.noted = panicNote{}
	if s.calls != nil {
		s.calls.reset()
	}
	return f
}

// lastUnwinding returns the frames of the last panic among frames: a
// panic that a cell recovered leaves frames of its own before them.
func lastUnwinding(frames []panicFrame) []panicFrame {
	i := len(frames) - 1
	for i > 0 && sameUnwinding(frames[i-1].Calls, frames[i].Calls) {
		i--
	}
	if i < 0 {
		return nil
	}
	return frames[i:]
}

// takeNote returns the note kept since the last take.
func (s *panicSniffer) takeNote() panicNote {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.noted
}
