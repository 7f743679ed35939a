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
