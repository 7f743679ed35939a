package protocol

import "sync"

// DefaultDigestHistory is how many signatures a DigestHistory remembers by
// default: jupyter_client's Session.digest_history_size.
const DefaultDigestHistory = 1 << 16

// DigestHistory remembers the signatures of the last messages received, so
// that a signed message sent again (replayed by a client that retries, or
// by someone who captured it) is recognised and dropped instead of run a
// second time. jupyter_client's Session does the same; it forgets old
// digests at random when full, this one forgets the oldest. It is safe for
// concurrent use, so one history can serve every channel.
type DigestHistory struct {
	mu   sync.Mutex
	set  map[string]struct{}
	ring []string // the remembered digests, oldest at next once full
	next int
}

// NewDigestHistory returns a history of the last size signatures.
func NewDigestHistory(size int) *DigestHistory {
	if size <= 0 {
		size = DefaultDigestHistory
	}
	return &DigestHistory{set: map[string]struct{}{}, ring: make([]string, 0, size)}
}

// Seen records the signature sig and reports whether it was already
// recorded. An empty signature (signing off) is never a duplicate: unsigned
// messages carry no digest to tell them apart.
func (h *DigestHistory) Seen(sig string) bool {
	if sig == "" {
		return false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.set[sig]; ok {
		return true
	}
	if len(h.ring) < cap(h.ring) {
		h.ring = append(h.ring, sig)
	} else {
		delete(h.set, h.ring[h.next])
		h.ring[h.next] = sig
		h.next = (h.next + 1) % len(h.ring)
	}
	h.set[sig] = struct{}{}
	return false
}
