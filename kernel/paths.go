package kernel

import (
	"os"
	"path/filepath"
)

// DefaultHistoryPath returns where the kernel keeps executed cells:
// $XDG_DATA_HOME/gornn/history.sqlite, else
// ~/.local/share/gornn/history.sqlite (the directory where earlier versions
// kept history.jsonl, which is imported from there). It returns "" when
// neither the variable nor a home directory is known.
func DefaultHistoryPath() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "gornn", "history.sqlite")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".local", "share", "gornn", "history.sqlite")
}
