package repl

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// HistoryPath returns the file that keeps the REPL's history across
// sessions: $XDG_DATA_HOME/gornn/repl_history, by default
// ~/.local/share/gornn/repl_history.
func HistoryPath() (string, error) {
	base := os.Getenv("XDG_DATA_HOME")
	if !filepath.IsAbs(base) {
		// The XDG specification says to ignore relative paths.
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("repl: no place for the history file: %w", err)
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "gornn", "repl_history"), nil
}

// prepareHistory makes the folder of the history file path, readable by
// its owner only since the history can hold secrets typed into cells.
func prepareHistory(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("repl: history folder: %w", err)
	}
	return nil
}

// historyNewline stands for a line break of a cell in the history, whose
// entries are lines: Up-arrow brings back a whole cell on one editable
// line, shown with this sign where its lines break, and Enter runs it as
// the cell it was.
const historyNewline = "↵"

// historyNewlineEscape replaces a literal historyNewline in a cell saved in
// the history, so that it reads back as itself and not as a line break:
// in a Go string or rune literal it means the same character.
const historyNewlineEscape = `\u21b5`

// encodeEntry turns a cell into one history line. A one-line cell without
// the sign is unchanged, as were the lines of history files from before
// multi-line entries, which therefore read back as they were.
func encodeEntry(cell string) string {
	cell = strings.ReplaceAll(cell, historyNewline, historyNewlineEscape)
	cell = strings.ReplaceAll(cell, "\r\n", "\n")
	return strings.ReplaceAll(cell, "\n", historyNewline)
}

// decodeEntry turns a line of the editor, typed or brought back from the
// history, into the lines of the cell it stands for.
func decodeEntry(line string) []string {
	return strings.Split(line, historyNewline)
}
