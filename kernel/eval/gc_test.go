package eval

import (
	"runtime/debug"
	"testing"
)

func TestSetGCDefault(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	tests := []struct {
		env  string
		want int
	}{
		{"", DefaultGCPercent},
		{"150", 100}, // GOGC set: SetGCDefault leaves the setting alone
	}
	for _, tc := range tests {
		t.Setenv("GOGC", tc.env)
		debug.SetGCPercent(100)
		SetGCDefault()
		if got := debug.SetGCPercent(100); got != tc.want {
			t.Errorf("GOGC=%q: percent %d, want %d", tc.env, got, tc.want)
		}
	}
}
