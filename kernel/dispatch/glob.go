package dispatch

import (
	"fmt"
	"regexp"
	"strings"
)

// globRegexp turns a GLOB pattern (*, ?, [abc], [^abc], [a-z]) into an
// anchored regular expression. Matching is case-sensitive and * crosses
// line breaks, as in SQLite, which IPython's history search uses.
func globRegexp(pattern string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString(`(?s)\A`)
	runes := []rune(pattern)
	for i := 0; i < len(runes); i++ {
		switch r := runes[i]; r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			end := i + 1
			if end < len(runes) && (runes[end] == '^' || runes[end] == '!') {
				end++
			}
			if end < len(runes) && runes[end] == ']' {
				end++
			}
			for end < len(runes) && runes[end] != ']' {
				end++
			}
			if end >= len(runes) {
				return nil, fmt.Errorf("dispatch: history pattern %q: unclosed [ at position %d", pattern, i)
			}
			class := runes[i+1 : end]
			b.WriteByte('[')
			if len(class) > 0 && (class[0] == '^' || class[0] == '!') {
				b.WriteByte('^')
				class = class[1:]
			}
			for _, c := range class {
				if c == '\\' || c == '[' || c == ']' || c == '^' {
					b.WriteByte('\\')
				}
				b.WriteRune(c)
			}
			b.WriteByte(']')
			i = end
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`\z`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("dispatch: history pattern %q: %w", pattern, err)
	}
	return re, nil
}
