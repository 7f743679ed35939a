package history

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// legacyEntry is one line of history.jsonl.
type legacyEntry struct {
	Session int    `json:"session"`
	Line    int    `json:"line"`
	Input   string `json:"input"`
}

// importLegacy copies the entries of the history.jsonl at path into the
// database within tx, unless the file is missing or was imported before.
// It reports whether it imported the file. Its sessions keep their numbers
// when the database has none yet, and are moved past the database's last
// session otherwise. Lines that cannot be parsed are skipped and counted
// in the log: the file was written by appends from several processes, so
// a crash can leave a line cut short.
func (s *Store) importLegacy(ctx context.Context, tx *sql.Tx, path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	// The name recorded is the absolute path: the same file reached
	// another way is still the same import.
	name, err := filepath.Abs(path)
	if err != nil {
		return false, err
	}
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM imports WHERE name = ?`, name).Scan(&done); err != nil {
		return false, err
	}
	if done > 0 {
		return false, nil
	}
	var offset int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(session), 0) FROM sessions`).Scan(&offset); err != nil {
		return false, err
	}
	insert, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO history (session, line, source) VALUES (?, ?, ?)`)
	if err != nil {
		return false, err
	}
	defer insert.Close()
	sessions := map[int]bool{}
	// A bufio.Reader, not a Scanner: a line has no length limit here (a
	// 100 MB cell made the Scanner of earlier versions stop reading).
	r := bufio.NewReaderSize(f, 1<<16)
	count, bad := 0, 0
	for {
		line, rerr := r.ReadBytes('\n')
		if len(line) > 0 {
			var e legacyEntry
			if err := json.Unmarshal(line, &e); err != nil || e.Session <= 0 || e.Line <= 0 {
				bad++
			} else {
				e.Session += offset
				sessions[e.Session] = true
				if _, err := insert.ExecContext(ctx, e.Session, e.Line, s.cut(e.Input)); err != nil {
					return false, err
				}
				count++
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return false, fmt.Errorf("reading %s: %w", path, rerr)
		}
	}
	// The imported sessions get their rows, so that AUTOINCREMENT numbers
	// new sessions after them.
	for session := range sessions {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO sessions (session, remark) VALUES (?, ?)`,
			session, "imported from "+name); err != nil {
			return false, err
		}
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	if _, err := tx.ExecContext(ctx, `INSERT INTO imports (name, at, entries) VALUES (?, ?, ?)`, name, now, count); err != nil {
		return false, err
	}
	if bad > 0 {
		s.log.Printf("history: %s: skipped %d unreadable lines", path, bad)
	}
	return true, nil
}
