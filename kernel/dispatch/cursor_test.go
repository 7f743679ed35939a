package dispatch

import "testing"

func TestCursorConversion(t *testing.T) {
	tests := []struct {
		s        string
		cp, b    int
		roundTip bool
	}{
		{"abc", 0, 0, true},
		{"abc", 2, 2, true},
		{"abc", 3, 3, true},
		{"abc", 9, 3, false},
		{"abc", -1, 0, false},
		{"héllo", 2, 3, true}, // é is two bytes
		{"日本語x", 3, 9, true},  // three bytes each
		{"a😀b", 2, 5, true},   // four-byte emoji counts as one code point
		{"a😀b", 3, 6, true},
		{"", 1, 0, false},
	}
	for _, tt := range tests {
		if got := byteOffset(tt.s, tt.cp); got != tt.b {
			t.Errorf("byteOffset(%q, %d) = %d, want %d", tt.s, tt.cp, got, tt.b)
		}
		if tt.roundTip {
			if got := codePointOffset(tt.s, tt.b); got != tt.cp {
				t.Errorf("codePointOffset(%q, %d) = %d, want %d", tt.s, tt.b, got, tt.cp)
			}
		}
	}
	if got := codePointOffset("abc", 10); got != 3 {
		t.Errorf("codePointOffset past the end = %d, want 3", got)
	}
}
