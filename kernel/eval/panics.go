package eval

import (
	"io"
	"sync"
)

// panicFrame is one frame of an interpreted panic as the interpreter
// reports it: the start of the block that was running, in the source of
// the evaluation that defined it.
type panicFrame struct {
	Line, Column int
	Func         string // "main.g", "main", "main.func1", ...
}

// panicSniffer is the interpreter's stderr: it keeps the frame lines the
// interpreter writes while a panic unwinds and passes everything else (log
// output of cells) on to the process's stderr.
type panicSniffer struct {
	mu     sync.Mutex
	out    io.Writer
	frames []panicFrame
}

func (s *panicSniffer) Write(p []byte) (int, error) {
	if f, ok := parsePanicFrame(p); ok {
		s.mu.Lock()
		if len(s.frames) < 1000 {
			s.frames = append(s.frames, f)
		}
		s.mu.Unlock()
		return len(p), nil
	}
	return s.out.Write(p)
}

// take returns and forgets the frames seen so far.
func (s *panicSniffer) take() []panicFrame {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.frames
	s.frames = nil
	return f
}
