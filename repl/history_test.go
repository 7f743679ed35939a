package repl

import (
	"path/filepath"
	"testing"
)

func TestHistoryPath(t *testing.T) {
	home := t.TempDir()
	tests := []struct {
		name, xdg, want string
	}{
		{"XDG_DATA_HOME", "/data", "/data/gornn/repl_history"},
		{"default", "", filepath.Join(home, ".local/share/gornn/repl_history")},
		{"relative XDG_DATA_HOME is ignored", "rel/data", filepath.Join(home, ".local/share/gornn/repl_history")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("HOME", home)
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			got, err := HistoryPath()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("HistoryPath() = %q, want %q", got, tt.want)
			}
		})
	}
}
