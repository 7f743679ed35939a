package kernel

import (
	"os"
	"path/filepath"
)

// DefaultHistoryPath returns where the kernel keeps executed cells:
// $XDG_DATA_HOME/gornn/history.jsonl, else
// ~/.local/share/gornn/history.jsonl. It returns "" when neither the
// variable nor a home directory is known.
func DefaultHistoryPath() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "gornn", "history.jsonl")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".local", "share", "gornn", "history.jsonl")
}
