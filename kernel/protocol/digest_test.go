package protocol

import (
	"strings"
	"testing"
)

func TestDigestHistory(t *testing.T) {
	tests := []struct {
		name string
		size int
		sigs []string
		seen []bool
	}{
		{"new digests", 4, []string{"a", "b", "c"}, []bool{false, false, false}},
		{"a replay", 4, []string{"a", "b", "a"}, []bool{false, false, true}},
		{"unsigned messages are never replays", 4, []string{"", ""}, []bool{false, false}},
		// With room for two, the third digest pushes out the first.
		{"the oldest is forgotten", 2, []string{"a", "b", "c", "a", "c"}, []bool{false, false, false, false, true}},
		{"a replay is not recorded twice", 2, []string{"a", "a", "b", "a"}, []bool{false, true, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := NewDigestHistory(tt.size)
			for i, sig := range tt.sigs {
				if got := h.Seen(sig); got != tt.seen[i] {
					t.Errorf("Seen(%q) at %d = %v, want %v", sig, i, got, tt.seen[i])
				}
			}
		})
	}
}

func TestDecodeKeepsSignatureInLowerCase(t *testing.T) {
	s := mustSigner(t, "hmac-sha256", "k")
	header := `{"msg_id":"1","session":"s","username":"u","date":"","msg_type":"kernel_info_request","version":"5.3"}`
	f := frames(s, header, "{}", "{}", "{}")
	lower := string(f[2])
	f[2] = []byte(strings.ToUpper(lower))
	m, err := Decode(f, s)
	if err != nil {
		t.Fatal(err)
	}
	if m.Signature != lower {
		t.Errorf("Signature = %q, want %q", m.Signature, lower)
	}
}
