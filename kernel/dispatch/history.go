package dispatch

import (
	"sync"
)

// HistoryEntry is one executed cell: the kernel session (one per kernel
// process) and its execution count within that session.
type HistoryEntry struct {
	Session int    `json:"session"`
	Line    int    `json:"line"`
	Input   string `json:"input"`
}

// History keeps the inputs of executed cells and answers history_request.
// Entries come back oldest first. Implementations must be safe for
// concurrent use; kernel/history keeps them in a database that outlives
// the process.
type History interface {
	// Session returns the number of the current session.
	Session() int
	// Append records the input of cell number line of the current session.
	Append(line int, input string) error
	// Tail returns the last n entries (all when n <= 0), dropping earlier
	// duplicates of an input when unique is set.
	Tail(n int, unique bool) ([]HistoryEntry, error)
	// Range returns the entries of one session with start <= line < stop;
	// a stop <= 0 means to the end. Session 0 is the current session and a
	// negative session counts back from it.
	Range(session, start, stop int) ([]HistoryEntry, error)
	// Search returns the entries whose input matches the glob pattern (as
	// in SQLite's GLOB: * any text, ? one character, [...] a class), the
	// last n of them when n > 0, without earlier duplicates when unique is
	// set.
	Search(pattern string, n int, unique bool) ([]HistoryEntry, error)
}

// memoryHistory is a History of one session that is not saved anywhere.
type memoryHistory struct {
	mu      sync.Mutex
	session int
	entries []HistoryEntry
}

// NewMemoryHistory returns a History that lives as long as the process,
// for kernels without a history file and for tests.
func NewMemoryHistory() History {
	return &memoryHistory{session: 1}
}

func (h *memoryHistory) Session() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.session
}

func (h *memoryHistory) Append(line int, input string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.entries = append(h.entries, HistoryEntry{Session: h.session, Line: line, Input: input})
	return nil
}

func (h *memoryHistory) Tail(n int, unique bool) ([]HistoryEntry, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return lastN(h.entries, n, unique), nil
}

func (h *memoryHistory) Range(session, start, stop int) ([]HistoryEntry, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if session <= 0 {
		session += h.session
	}
	var out []HistoryEntry
	for _, e := range h.entries {
		if e.Session == session && e.Line >= start && (stop <= 0 || e.Line < stop) {
			out = append(out, e)
		}
	}
	return out, nil
}

func (h *memoryHistory) Search(pattern string, n int, unique bool) ([]HistoryEntry, error) {
	re, err := globRegexp(pattern)
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	var matched []HistoryEntry
	for _, e := range h.entries {
		if re.MatchString(e.Input) {
			matched = append(matched, e)
		}
	}
	return lastN(matched, n, unique), nil
}

// lastN keeps the last n entries (all when n <= 0), after dropping all but
// the latest occurrence of each input when unique is set.
func lastN(entries []HistoryEntry, n int, unique bool) []HistoryEntry {
	if unique {
		seen := map[string]bool{}
		var rev []HistoryEntry
		for i := len(entries) - 1; i >= 0; i-- {
			if !seen[entries[i].Input] {
				seen[entries[i].Input] = true
				rev = append(rev, entries[i])
			}
		}
		entries = make([]HistoryEntry, len(rev))
		for i, e := range rev {
			entries[len(rev)-1-i] = e
		}
	}
	if n > 0 && len(entries) > n {
		entries = entries[len(entries)-n:]
	}
	return append([]HistoryEntry(nil), entries...)
}
