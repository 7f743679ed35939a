package dispatch

import (
	"bufio"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sync"
)

// HistoryEntry is one executed cell: the kernel session (one per kernel
// process) and its execution count within that session.
type HistoryEntry struct {
	Session int    `json:"session"`
	Line    int    `json:"line"`
	Input   string `json:"input"`
}

// History keeps the inputs of executed cells. When opened on a file it
// appends one JSON line per cell, so that history survives restarts of the
// kernel; each kernel process starts a new session number.
type History struct {
	// loaded is closed once the file has been read; every method waits
	// for it, so that a long history does not delay the kernel's start.
	loaded chan struct{}

	mu      sync.Mutex
	session int
	entries []HistoryEntry
	file    *os.File
	log     *log.Logger
}

// NewMemoryHistory returns a History that is not saved anywhere.
func NewMemoryHistory() *History {
	loaded := make(chan struct{})
	close(loaded)
	return &History{loaded: loaded, session: 1, log: log.Default()}
}

// OpenHistory opens the history file at path (creating it and its
// directory if needed) and reads it in the background; the new session
// numbers itself after the last one found. Lines that cannot be parsed
// are skipped and logged.
func OpenHistory(path string, logger *log.Logger) (*History, error) {
	if logger == nil {
		logger = log.Default()
	}
	h := &History{log: logger, loaded: make(chan struct{})}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("dispatch: history %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("dispatch: history %s: %w", path, err)
	}
	h.file = f
	go h.load(path)
	return h, nil
}

// load reads the entries of the history file.
func (h *History) load(path string) {
	defer close(h.loaded)
	h.mu.Lock()
	defer h.mu.Unlock()
	logger := h.log
	sc := bufio.NewScanner(h.file)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	lineNo, bad := 0, 0
	for sc.Scan() {
		lineNo++
		var e HistoryEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Session <= 0 || e.Line <= 0 {
			bad++
			continue
		}
		h.entries = append(h.entries, e)
		h.session = max(h.session, e.Session)
	}
	if err := sc.Err(); err != nil {
		logger.Printf("dispatch: history %s: stopped reading at line %d: %v", path, lineNo+1, err)
	}
	if bad > 0 {
		logger.Printf("dispatch: history %s: skipped %d unreadable lines", path, bad)
	}
	h.session++
	// A line cut short (by a crash during a write) is ended, so that the
	// next entry starts on a line of its own.
	var last [1]byte
	if st, err := h.file.Stat(); err == nil && st.Size() > 0 {
		if _, err := h.file.ReadAt(last[:], st.Size()-1); err == nil && last[0] != '\n' {
			if _, err := h.file.Write([]byte{'\n'}); err != nil {
				logger.Printf("dispatch: history %s: %v", path, err)
			}
		}
	}
}

// Session returns the number of the current session.
func (h *History) Session() int {
	<-h.loaded
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.session
}

// Append records the input of cell number line of the current session.
// A failure to write the file is logged; the entry stays in memory.
func (h *History) Append(line int, input string) {
	<-h.loaded
	h.mu.Lock()
	defer h.mu.Unlock()
	e := HistoryEntry{Session: h.session, Line: line, Input: input}
	h.entries = append(h.entries, e)
	if h.file == nil {
		return
	}
	data, err := json.Marshal(e)
	if err == nil {
		// One write per line: appends from several kernels do not interleave.
		_, err = h.file.Write(append(data, '\n'))
	}
	if err != nil {
		h.log.Printf("dispatch: history: %v", err)
	}
}

// Close closes the history file.
func (h *History) Close() error {
	<-h.loaded
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.file == nil {
		return nil
	}
	err := h.file.Close()
	h.file = nil
	return err
}

// Tail returns the last n entries (all when n <= 0), dropping earlier
// duplicates of an input when unique is set.
func (h *History) Tail(n int, unique bool) []HistoryEntry {
	<-h.loaded
	h.mu.Lock()
	defer h.mu.Unlock()
	return lastN(h.entries, n, unique)
}

// Range returns the entries of one session with start <= line < stop; a
// stop <= 0 means to the end. Session 0 is the current session and a
// negative session counts back from it.
func (h *History) Range(session, start, stop int) []HistoryEntry {
	<-h.loaded
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
	return out
}

// Search returns the entries whose input matches the glob pattern (as in
// SQLite's GLOB: * any text, ? one character, [...] a class), the last n
// of them when n > 0, without earlier duplicates when unique is set.
func (h *History) Search(pattern string, n int, unique bool) ([]HistoryEntry, error) {
	re, err := globRegexp(pattern)
	if err != nil {
		return nil, err
	}
	<-h.loaded
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
