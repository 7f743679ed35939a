package kernel

import (
	"sync"
	"unicode/utf8"
)

// streamDecoder turns the byte chunks read from a captured file descriptor
// into text, holding back a UTF-8 sequence split between two chunks so
// that no character is mangled on the wire.
type streamDecoder struct {
	mu      sync.Mutex
	pending map[string][]byte
}

// text returns the complete characters of p (after what was held back for
// stream) and keeps an unfinished trailing sequence for the next call.
func (d *streamDecoder) text(stream string, p []byte) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pending == nil {
		d.pending = map[string][]byte{}
	}
	buf := append(d.pending[stream], p...)
	cut := len(buf)
	// Look back at most utf8.UTFMax-1 bytes for the start of a sequence
	// that is not finished yet.
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-(utf8.UTFMax-1); i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				cut = i
			}
			break
		}
	}
	d.pending[stream] = append([]byte(nil), buf[cut:]...)
	return string(buf[:cut])
}
