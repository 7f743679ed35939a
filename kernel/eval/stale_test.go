package eval

import (
	"strings"
	"testing"
)

// TestGoexit: runtime.Goexit on the goroutine running a cell fails the
// cell, saying so, after its deferred calls; in a goroutine the cell
// started it only ends that goroutine.
func TestGoexit(t *testing.T) {
	tests := []struct {
		name    string
		cell    string
		want    string // the next cell's value: what ran
		wantErr bool
	}{
		{"in the cell", "runtime.Goexit()\nran = 1", "0", true},
		{"in a function the cell calls", "func stop() { defer func() { ran = 2 }(); runtime.Goexit() }\nstop()\nran = 1", "2", true},
		{"in a goroutine of the cell", "done := make(chan bool)\ngo func() { defer close(done); runtime.Goexit() }()\n<-done\nran = 3", "3", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			run(t, s, "import \"runtime\"\nvar ran int")
			r := s.Execute(t.Context(), tt.cell)
			if tt.wantErr {
				if r.Err == nil || r.Err.Name != "Goexit" || !strings.Contains(r.Err.Message, "runtime.Goexit") {
					t.Fatalf("err = %v, want a Goexit error naming runtime.Goexit", r.Err)
				}
			} else if r.Err != nil {
				t.Fatalf("err = %v", r.Err)
			}
			if got := text(run(t, s, "ran")); got != tt.want {
				t.Errorf("ran = %s, want %s", got, tt.want)
			}
		})
	}
}
