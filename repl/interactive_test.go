package repl

import (
	"strings"
	"testing"
)

func TestScreenRows(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  int
	}{
		{"", 80, 1},
		{"go> ", 80, 1},
		{"go> " + strings.Repeat("x", 76), 80, 1},
		{"go> " + strings.Repeat("x", 77), 80, 2},
		{"go> " + strings.Repeat("x", 200), 80, 3},
		{"go> 世界", 6, 2}, // wide characters take two columns
	}
	for _, tt := range tests {
		if got := screenRows(tt.text, tt.width); got != tt.want {
			t.Errorf("screenRows(%q, %d) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
}
