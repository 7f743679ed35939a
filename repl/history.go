package repl

import (
	"fmt"
	"os"
	"path/filepath"
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
