package repl

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
)

// Bracketed paste: a terminal asked to (pasteOn) wraps pasted text in
// pasteStart and pasteEnd, so that a program can tell it from typing.
const (
	pasteOn    = "\x1b[?2004h"
	pasteOff   = "\x1b[?2004l"
	pasteStart = "\x1b[200~"
	pasteEnd   = "\x1b[201~"
)

// pasteMark stands in the key stream for a paste taken out of it. It is a
// Unicode noncharacter, kept for a program's internal use, so no keyboard
// types it and no terminal font draws it.
const pasteMark = '\uFDD0'

// pasteParser takes bracketed pastes out of a byte stream that arrives in
// chunks of any size, markers split across chunks included.
type pasteParser struct {
	held    []byte // the stream's end so far, which may begin a marker
	inPaste bool
	paste   []byte // the paste so far
}

// feed parses the next chunk. It returns the bytes to pass on, with one
// pasteMark where each non-empty paste was, and the pastes completed in
// this chunk, in order, their line breaks as "\n". Stray end markers are
// dropped.
func (p *pasteParser) feed(chunk []byte) (out []byte, pastes []string) {
	data := append(p.held, chunk...)
	p.held = nil
	for len(data) > 0 {
		if p.inPaste {
			i := bytes.Index(data, []byte(pasteEnd))
			if i < 0 {
				keep := partialMarker(data, pasteEnd)
				p.paste = append(p.paste, data[:len(data)-keep]...)
				p.held = append(p.held, data[len(data)-keep:]...)
				return out, pastes
			}
			p.paste = append(p.paste, data[:i]...)
			data = data[i+len(pasteEnd):]
			p.inPaste = false
			if text := pasteText(p.paste); text != "" {
				out = utf8.AppendRune(out, pasteMark)
				pastes = append(pastes, text)
			}
			p.paste = nil
			continue
		}
		i := bytes.IndexByte(data, '\x1b')
		if i < 0 {
			return append(out, data...), pastes
		}
		out = append(out, data[:i]...)
		data = data[i:]
		switch {
		case bytes.HasPrefix(data, []byte(pasteStart)):
			p.inPaste = true
			data = data[len(pasteStart):]
		case bytes.HasPrefix(data, []byte(pasteEnd)):
			data = data[len(pasteEnd):]
		case len(data) < len(pasteStart) &&
			(strings.HasPrefix(pasteStart, string(data)) || strings.HasPrefix(pasteEnd, string(data))):
			// Too short to tell: the next chunk decides. An Escape key
			// held back here waits for the next key, as readline would
			// anyway to tell it from an escape sequence.
			p.held = append(p.held, data...)
			return out, pastes
		default:
			out = append(out, data[0])
			data = data[1:]
		}
	}
	return out, pastes
}

// flush ends the stream: bytes held back are passed on, and a paste the
// stream cut short counts as pasted.
func (p *pasteParser) flush() (out []byte, pastes []string) {
	if p.inPaste {
		p.paste = append(p.paste, p.held...)
		p.held = nil
		p.inPaste = false
		if text := pasteText(p.paste); text != "" {
			out = utf8.AppendRune(out, pasteMark)
			pastes = append(pastes, text)
		}
		p.paste = nil
		return out, pastes
	}
	out, p.held = p.held, nil
	return out, nil
}

// partialMarker returns the length of the longest end of data that is a
// proper beginning of marker.
func partialMarker(data []byte, marker string) int {
	for n := min(len(marker)-1, len(data)); n > 0; n-- {
		if strings.HasPrefix(marker, string(data[len(data)-n:])) {
			return n
		}
	}
	return 0
}

// pasteText is a paste with its line breaks as "\n": terminals send the
// Enter in pasted text as "\r", and text copied from Windows has "\r\n".
func pasteText(b []byte) string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// pasteReader is the standard input readline reads: bracketed pastes are
// taken out and queued, and a pasteMark in their place tells the line
// editor, through take, when it reaches one.
type pasteReader struct {
	r      io.ReadCloser
	parser pasteParser
	buf    []byte // read from r
	out    []byte // parsed, not yet read
	err    error  // r's error, returned once out is empty

	mu     sync.Mutex
	queued []string // pastes whose marks the line editor has not reached
}

func newPasteReader(r io.ReadCloser) *pasteReader {
	return &pasteReader{r: r, buf: make([]byte, 4096)}
}

// Read passes on what the terminal sent, pastes replaced by pasteMark.
// One goroutine reads, as readline does.
func (pr *pasteReader) Read(b []byte) (int, error) {
	for len(pr.out) == 0 {
		if pr.err != nil {
			return 0, pr.err
		}
		n, err := pr.r.Read(pr.buf)
		out, pastes := pr.parser.feed(pr.buf[:n])
		if err != nil {
			more, morePastes := pr.parser.flush()
			out, pastes = append(out, more...), append(pastes, morePastes...)
			pr.err = err
		}
		pr.out = append(pr.out, out...)
		pr.mu.Lock()
		pr.queued = append(pr.queued, pastes...)
		pr.mu.Unlock()
	}
	n := copy(b, pr.out)
	pr.out = pr.out[n:]
	return n, nil
}

// take returns the paste whose mark the line editor has just met: the
// oldest queued. ok is false when none is queued (the mark was typed).
func (pr *pasteReader) take() (paste string, ok bool) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if len(pr.queued) == 0 {
		return "", false
	}
	paste = pr.queued[0]
	pr.queued = pr.queued[1:]
	return paste, true
}

// Close closes the terminal's reader, which ends a read under way.
func (pr *pasteReader) Close() error { return pr.r.Close() }
