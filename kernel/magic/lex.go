package magic

// lexState follows Go's raw strings and block comments across lines, so
// that a line inside one ("%d" in a multi-line format string, say) is
// never taken for a command.
type lexState struct {
	raw, comment bool
}

// continued reports whether the next line starts inside a raw string or
// a block comment.
func (l *lexState) continued() bool { return l.raw || l.comment }

// scan advances the state over one line.
func (l *lexState) scan(line string) {
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case l.raw:
			if c == '`' {
				l.raw = false
			}
		case l.comment:
			if c == '*' && i+1 < len(line) && line[i+1] == '/' {
				l.comment = false
				i++
			}
		case c == '`':
			l.raw = true
		case c == '/' && i+1 < len(line) && line[i+1] == '/':
			return
		case c == '/' && i+1 < len(line) && line[i+1] == '*':
			l.comment = true
			i++
		case c == '"' || c == '\'':
			i = skipQuoted(line, i)
		}
	}
}

// skipQuoted returns the index of the quote that closes the interpreted
// string or rune literal opened at line[start], or the line's last index.
func skipQuoted(line string, start int) int {
	q := line[start]
	for i := start + 1; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case q:
			return i
		}
	}
	return len(line) - 1
}
