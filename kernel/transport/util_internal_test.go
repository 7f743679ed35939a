package transport

import (
	"bytes"
	"sync"
	"testing"
	"time"
)

// failAfter bounds every wait of these tests: it only turns a hang into a
// failure, and is far beyond what any passing run takes.
const failAfter = 60 * time.Second

// lockedBuffer is a log destination safe for concurrent writers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// wait receives from ch or fails the test after failAfter.
func wait[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(failAfter):
		t.Fatalf("no %s after %v", what, failAfter)
		panic("unreachable")
	}
}
