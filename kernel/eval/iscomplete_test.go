package eval

import "testing"

func TestIsComplete(t *testing.T) {
	tests := []struct {
		code, status, indent string
	}{
		{"", "complete", ""},
		{"x := 1", "complete", ""},
		{"func f() {", "incomplete", "\t"},
		{"func f() {\n\tif x {", "incomplete", "\t\t"},
		{"f(map[string]int{", "incomplete", "\t"},
		{"x := 1 +", "incomplete", ""},
		{"s := `raw", "incomplete", ""},
		{"/* open comment", "incomplete", ""},
		{"x := )", "invalid", ""},
		{"}", "invalid", ""},
		{"x := 1 2", "invalid", ""},
		{"import \"fmt\"\nfmt.Println(1)", "complete", ""},
	}
	for _, tt := range tests {
		status, indent := isComplete(tt.code)
		if status != tt.status || indent != tt.indent {
			t.Errorf("isComplete(%q) = %q, %q, want %q, %q", tt.code, status, indent, tt.status, tt.indent)
		}
	}
}

// TestIsCompleteWithCommands: command lines are complete as they are; a
// cell's Go decides the rest.
func TestIsCompleteWithCommands(t *testing.T) {
	s := newSession(t, Options{})
	tests := []struct{ code, status string }{
		{"rnn.BasicLSTMCell?", "complete"},
		{"%time f()", "complete"},
		{"!ls -l", "complete"},
		{"%%time\nfor i := 0; i < 3; i++ {", "incomplete"},
		{"!echo hi\nfunc f() {", "incomplete"},
		{"%who\nx := )", "invalid"},
	}
	for _, tt := range tests {
		if status, _ := s.IsComplete(tt.code); status != tt.status {
			t.Errorf("IsComplete(%q) = %q, want %q", tt.code, status, tt.status)
		}
	}
}
