package magic

import (
	"strings"
	"unicode"
)

// Kind says what a Part of a cell is.
type Kind int

const (
	// Go is a run of Go source lines.
	Go Kind = iota
	// LineCommand is a %name command on one line.
	LineCommand
	// CellCommand is a %%name command on the first line of a cell; it
	// applies to the Go source of the rest of the cell.
	CellCommand
	// Shell is a !command line run by the shell.
	Shell
	// Help is a NAME? or NAME?? line (or ?NAME, ??NAME).
	Help
)

// Part is one piece of a cell.
type Part struct {
	Kind Kind
	// Name is the command's name without its % or %% (LineCommand,
	// CellCommand), or the name asked about (Help).
	Name string
	// Arg is the rest of the command's line, trimmed (LineCommand,
	// CellCommand, Shell).
	Arg string
	// Detail is 1 for NAME? and 2 for NAME??.
	Detail int
	// Line is the 1-based line of the cell where the part starts.
	Line int
	// Code is the whole cell with every line outside this part blanked,
	// for Go parts and the body of a cell command, so that positions in
	// it are positions in the cell.
	Code string
}

// HasCommands reports whether cell holds any command line. Cells without
// one run as plain Go and need none of this package.
func HasCommands(cell string) bool {
	var lex lexState
	for _, line := range strings.Split(cell, "\n") {
		inside := lex.continued()
		lex.scan(line)
		if inside {
			continue
		}
		if _, ok := command(line); ok {
			return true
		}
	}
	return false
}

// Parse splits cell into its parts, in order. Consecutive Go lines form
// one part; blank lines and comments between commands belong to no part.
func Parse(cell string) []Part {
	lines := strings.Split(cell, "\n")
	var parts []Part
	goStart := -1 // first line of the Go part being collected
	flushGo := func(end int) {
		if goStart < 0 {
			return
		}
		if code, ok := blankOutside(lines, goStart, end); ok {
			parts = append(parts, Part{Kind: Go, Line: goStart + 1, Code: code})
		}
		goStart = -1
	}
	var lex lexState
	for i, line := range lines {
		inside := lex.continued()
		lex.scan(line)
		p, ok := command(line)
		if inside || !ok {
			if goStart < 0 {
				goStart = i
			}
			continue
		}
		flushGo(i)
		p.Line = i + 1
		if p.Kind == CellCommand {
			if i != firstNonBlank(lines) {
				// %%name anywhere but the first line is an error of
				// the user's; keep it as a line command so that it is
				// reported rather than silently run as Go.
				p.Kind = LineCommand
				p.Name = "%" + p.Name
			} else {
				code, _ := blankOutside(lines, i+1, len(lines))
				p.Code = code
				return append(parts, p)
			}
		}
		parts = append(parts, p)
	}
	flushGo(len(lines))
	return parts
}

// firstNonBlank returns the index of the first line that is not blank.
func firstNonBlank(lines []string) int {
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			return i
		}
	}
	return len(lines)
}

// blankOutside returns the lines with every line outside [start, end)
// emptied, and whether the range holds anything but blank lines.
func blankOutside(lines []string, start, end int) (string, bool) {
	var b strings.Builder
	any := false
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i >= start && i < end {
			b.WriteString(l)
			if strings.TrimSpace(l) != "" {
				any = true
			}
		}
	}
	return b.String(), any
}

// command parses line as a command line.
func command(line string) (Part, bool) {
	s := strings.TrimSpace(line)
	switch {
	case s == "":
		return Part{}, false
	case strings.HasPrefix(s, "%%"):
		name, arg := splitName(s[2:])
		if name == "" {
			return Part{}, false
		}
		return Part{Kind: CellCommand, Name: name, Arg: arg}, true
	case s[0] == '%':
		name, arg := splitName(s[1:])
		if name == "" {
			return Part{}, false
		}
		return Part{Kind: LineCommand, Name: name, Arg: arg}, true
	case s[0] == '!':
		// "!x" is also Go (a negation), but never a whole statement:
		// Go rejects an unused expression, so a line that is only
		// "!something" can only be a shell command.
		if s == "!" {
			return Part{}, false
		}
		return Part{Kind: Shell, Arg: strings.TrimSpace(s[1:])}, true
	}
	if name, detail, ok := helpName(s); ok {
		return Part{Kind: Help, Name: name, Detail: detail}, true
	}
	return Part{}, false
}

// splitName splits "name rest" into the command's name and its argument.
func splitName(s string) (name, arg string) {
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i+1:])
}

// helpName recognises NAME?, NAME??, ?NAME and ??NAME, where NAME is an
// identifier or a selector chain such as rnn.BasicLSTMCell.
func helpName(s string) (name string, detail int, ok bool) {
	switch {
	case strings.HasSuffix(s, "??"):
		name, detail = s[:len(s)-2], 2
	case strings.HasSuffix(s, "?"):
		name, detail = s[:len(s)-1], 1
	case strings.HasPrefix(s, "??"):
		name, detail = s[2:], 2
	case strings.HasPrefix(s, "?"):
		name, detail = s[1:], 1
	default:
		return "", 0, false
	}
	if !isSelector(name) {
		return "", 0, false
	}
	return name, detail, true
}

// isSelector reports whether s is a dotted chain of Go identifiers.
func isSelector(s string) bool {
	if s == "" {
		return false
	}
	for _, id := range strings.Split(s, ".") {
		if !isIdent(id) {
			return false
		}
	}
	return true
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}
