package kernel

import "testing"

func TestStreamDecoderKeepsSplitCharacters(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		want   []string
	}{
		{"ascii", []string{"ab", "c\n"}, []string{"ab", "c\n"}},
		{"é split", []string{"h\xc3", "\xa9llo"}, []string{"h", "éllo"}},
		{"emoji split thrice", []string{"\xf0\x9f", "\x98", "\x80!"}, []string{"", "", "😀!"}},
		{"invalid byte passes", []string{"a\xff", "b"}, []string{"a\xff", "b"}},
	}
	for _, tt := range tests {
		var d streamDecoder
		for i, c := range tt.chunks {
			if got := d.text("stdout", []byte(c)); got != tt.want[i] {
				t.Errorf("%s: chunk %d: %q, want %q", tt.name, i, got, tt.want[i])
			}
		}
	}
	// Streams do not share their pending bytes.
	var d streamDecoder
	d.text("stdout", []byte("\xc3"))
	if got := d.text("stderr", []byte("\xa9")); got != "\xa9" {
		t.Errorf("stderr got stdout's pending byte: %q", got)
	}
}
