package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gornn/gornn/kernel/dispatch"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DefaultMaxEntry is the length in bytes beyond which an entry is kept cut.
const DefaultMaxEntry = 1 << 20

// DefaultBusyTimeout is how long a write waits for other kernels holding
// the database before it fails.
const DefaultBusyTimeout = 10 * time.Second

// Options configures a Store.
type Options struct {
	// Logger receives the lines about entries that could not be imported;
	// nil means the standard logger.
	Logger *log.Logger
	// MaxEntry is the length in bytes beyond which an entry is cut; 0
	// means DefaultMaxEntry.
	MaxEntry int
	// BusyTimeout is how long a statement waits for a lock held by another
	// kernel; 0 means DefaultBusyTimeout.
	BusyTimeout time.Duration
}

// Store is the history of a kernel session in a database shared with other
// kernels. Its methods are safe for concurrent use.
type Store struct {
	db       *sql.DB
	path     string
	session  int
	maxEntry int
	log      *log.Logger

	closeOnce sync.Once
	closeErr  error
}

var _ dispatch.History = (*Store)(nil)

// schema is IPython's (sessions and history tables with the same columns),
// so that its tools can read the file, plus a record of imported files.
const schema = `
CREATE TABLE IF NOT EXISTS sessions (
	session INTEGER PRIMARY KEY AUTOINCREMENT,
	start TIMESTAMP, end TIMESTAMP, num_cmds INTEGER, remark TEXT);
CREATE TABLE IF NOT EXISTS history (
	session INTEGER, line INTEGER, source TEXT, source_raw TEXT,
	PRIMARY KEY (session, line));
CREATE TABLE IF NOT EXISTS imports (
	name TEXT PRIMARY KEY, at TIMESTAMP, entries INTEGER);
`

// legacyName is the file of one JSON object per line that earlier versions
// kept in the same directory.
const legacyName = "history.jsonl"

// Open opens (creating it and its directory if needed) the database at
// path and starts a new session in it. A path ending in ".jsonl", the file
// of earlier versions, opens the ".sqlite" file beside it and imports the
// old one. Any history.jsonl in the database's directory is imported once.
func Open(path string, opts Options) (*Store, error) {
	legacy := filepath.Join(filepath.Dir(path), legacyName)
	if strings.HasSuffix(path, ".jsonl") {
		legacy = path
		path = strings.TrimSuffix(path, ".jsonl") + ".sqlite"
	}
	s := &Store{path: path, maxEntry: opts.MaxEntry, log: opts.Logger}
	if s.maxEntry <= 0 {
		s.maxEntry = DefaultMaxEntry
	}
	if s.log == nil {
		s.log = log.Default()
	}
	busy := opts.BusyTimeout
	if busy <= 0 {
		busy = DefaultBusyTimeout
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	// busy_timeout makes a kernel wait for the lock another holds; WAL lets
	// readers go on while one writes; synchronous=NORMAL skips the fsync
	// per cell (a power cut may lose the last cells, never the database);
	// _txlock=immediate takes the write lock when a transaction begins, so
	// two kernels opening at once queue instead of one failing to upgrade.
	dsn := fmt.Sprintf("file:%s?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate",
		(&url.URL{Path: path}).EscapedPath(), busy.Milliseconds())
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("history: %s: %w", path, err)
	}
	// One connection: a kernel's requests come one at a time, and a single
	// connection keeps its pragmas and sees its own writes.
	db.SetMaxOpenConns(1)
	s.db = db
	// Kernels that open a new database together race to switch it to WAL
	// mode, which SQLite settles by failing the loser at once, without its
	// busy timeout: such a failure is tried again, within that timeout.
	deadline := time.Now().Add(busy)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, 250*time.Millisecond) {
		err := s.start(legacy)
		if err == nil {
			return s, nil
		}
		if !isBusy(err) || time.Now().After(deadline) {
			db.Close()
			return nil, fmt.Errorf("history: %s: %w", path, err)
		}
		time.Sleep(wait)
	}
}

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var coded interface{ Code() int }
	return errors.As(err, &coded) && coded.Code()&0xff == sqliteBusy
}

// sqliteBusy is SQLITE_BUSY, the primary code of "database is locked".
const sqliteBusy = 5

// start creates the tables, imports the legacy file if it has not been,
// and opens a session, in one transaction.
func (s *Store) start(legacy string) error {
	ctx := context.Background()
	// Everything, the tables included, in one transaction that takes the
	// write lock at BEGIN: a statement that reads and then writes could
	// otherwise find, in WAL mode, that another kernel wrote in between,
	// and fail at once without waiting (SQLITE_BUSY_SNAPSHOT).
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	imported, err := s.importLegacy(ctx, tx, legacy)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	if err := tx.QueryRowContext(ctx, `INSERT INTO sessions (start, num_cmds) VALUES (?, 0) RETURNING session`, now).Scan(&s.session); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if imported {
		if err := os.Rename(legacy, legacy+".migrated"); err != nil {
			// The import is recorded: the file will not be read again.
			s.log.Printf("history: %v", err)
		}
	}
	return nil
}

// cut returns input, or its first bytes after a line saying it was cut
// when it is longer than the limit. It cuts at a line break when one is
// near the limit, so that the kept part ends with whole lines.
func (s *Store) cut(input string) string {
	if len(input) <= s.maxEntry {
		return input
	}
	keep := s.maxEntry
	for keep > 0 && !utf8.RuneStart(input[keep]) {
		keep--
	}
	if nl := strings.LastIndexByte(input[:keep], '\n'); nl >= keep-keep/4 {
		keep = nl + 1
	}
	return fmt.Sprintf("// history: this cell had %d bytes; only its first %d are kept\n%s", len(input), keep, input[:keep])
}

// Session returns the number of the current session.
func (s *Store) Session() int { return s.session }

// Path returns the database file.
func (s *Store) Path() string { return s.path }

// Append records the input of cell number line of the current session. A
// line recorded before is replaced.
func (s *Store) Append(line int, input string) error {
	_, err := s.db.Exec(`INSERT OR REPLACE INTO history (session, line, source) VALUES (?, ?, ?)`,
		s.session, line, s.cut(input))
	if err != nil {
		return fmt.Errorf("history: %s: %w", s.path, err)
	}
	return nil
}

// Tail returns the last n entries (all when n <= 0), dropping earlier
// duplicates of an input when unique is set. Entries are ordered by
// session, then line.
func (s *Store) Tail(n int, unique bool) ([]dispatch.HistoryEntry, error) {
	return s.latest(n, unique, `SELECT session, line, source FROM history ORDER BY session DESC, line DESC`)
}

// Search returns the entries whose input matches the GLOB pattern, the
// last n of them when n > 0, without earlier duplicates when unique is set.
func (s *Store) Search(pattern string, n int, unique bool) ([]dispatch.HistoryEntry, error) {
	return s.latest(n, unique, `SELECT session, line, source FROM history WHERE source GLOB ? ORDER BY session DESC, line DESC`, pattern)
}

// latest reads the rows of query, newest first, until it has n of them (n
// distinct inputs when unique is set), and returns them oldest first. The
// rows past those are never read.
func (s *Store) latest(n int, unique bool, query string, args ...any) ([]dispatch.HistoryEntry, error) {
	if n > 0 && !unique {
		query += " LIMIT ?"
		args = append(args, n)
	}
	rows, err := s.db.Query(query, args...)
	if err != nil {
		return nil, fmt.Errorf("history: %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []dispatch.HistoryEntry
	seen := map[string]bool{}
	for (n <= 0 || len(out) < n) && rows.Next() {
		var e dispatch.HistoryEntry
		if err := rows.Scan(&e.Session, &e.Line, &e.Input); err != nil {
			return nil, fmt.Errorf("history: %s: %w", s.path, err)
		}
		if unique {
			if seen[e.Input] {
				continue
			}
			seen[e.Input] = true
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history: %s: %w", s.path, err)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// Range returns the entries of one session with start <= line < stop; a
// stop <= 0 means to the end. Session 0 is the current session and a
// negative session counts back from it, as in IPython: with several
// kernels sharing the database the previous number may be another's.
func (s *Store) Range(session, start, stop int) ([]dispatch.HistoryEntry, error) {
	if session <= 0 {
		session += s.session
	}
	end := int64(math.MaxInt64)
	if stop > 0 {
		end = int64(stop)
	}
	rows, err := s.db.Query(`SELECT session, line, source FROM history WHERE session = ? AND line >= ? AND line < ? ORDER BY line`,
		session, start, end)
	if err != nil {
		return nil, fmt.Errorf("history: %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []dispatch.HistoryEntry
	for rows.Next() {
		var e dispatch.HistoryEntry
		if err := rows.Scan(&e.Session, &e.Line, &e.Input); err != nil {
			return nil, fmt.Errorf("history: %s: %w", s.path, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history: %s: %w", s.path, err)
	}
	return out, nil
}

// Close ends the session (recording its end and number of cells, as
// IPython does) and closes the database.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		_, err := s.db.Exec(`UPDATE sessions SET end = ?, num_cmds = (SELECT count(*) FROM history WHERE session = ?) WHERE session = ?`,
			time.Now().UTC().Format(time.RFC3339Nano), s.session, s.session)
		s.closeErr = errors.Join(err, s.db.Close())
		if s.closeErr != nil {
			s.closeErr = fmt.Errorf("history: %s: %w", s.path, s.closeErr)
		}
	})
	return s.closeErr
}
