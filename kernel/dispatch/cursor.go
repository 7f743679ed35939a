package dispatch

import "unicode/utf8"

// Jupyter counts cursor positions in Unicode code points while Go indexes
// strings by byte. These two functions are the only place where one is
// turned into the other.

// byteOffset returns the byte offset of code point number cp in s. An
// offset past the end is clamped to len(s), a negative one to 0.
func byteOffset(s string, cp int) int {
	if cp <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == cp {
			return i
		}
		n++
	}
	return len(s)
}

// codePointOffset returns how many code points of s precede byte offset b,
// clamping b to [0, len(s)].
func codePointOffset(s string, b int) int {
	if b <= 0 {
		return 0
	}
	if b > len(s) {
		b = len(s)
	}
	return utf8.RuneCountInString(s[:b])
}
