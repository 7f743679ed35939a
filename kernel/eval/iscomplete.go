package eval

import (
	"go/scanner"
	"go/token"
	"strings"

	"github.com/gornn/gornn/kernel/magic"
)

// IsComplete says whether code is a complete cell ("complete"), needs
// more lines ("incomplete", with the indent for the next line), or can
// never become valid Go ("invalid").
// Notebook command lines (%time, NAME?, !ls) are complete as they are;
// only the cell's Go decides.
func (s *Session) IsComplete(code string) (status, indent string) {
	if magic.HasCommands(code) {
		var goCode strings.Builder
		for _, p := range magic.Parse(code) {
			if p.Kind == magic.Go || p.Kind == magic.CellCommand {
				goCode.WriteString(p.Code)
				goCode.WriteByte('\n')
			}
		}
		code = goCode.String()
	}
	return isComplete(code)
}

func isComplete(code string) (status, indent string) {
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	depth, open, lexErrAtEnd, lexErr := scanDepth(code)
	if lexErrAtEnd {
		return "incomplete", ""
	}
	if lexErr {
		return "invalid", ""
	}
	if depth < 0 {
		return "invalid", ""
	}
	if depth > 0 {
		return "incomplete", strings.Repeat("\t", open)
	}
	if _, err := parseCell(token.NewFileSet(), code); err != nil {
		pe, ok := err.(*parseError)
		if ok && pe.Offset >= len(strings.TrimRight(code, " \t\r\n")) {
			// The cell stops in the middle of something, as after a binary
			// operator or a comma at the end of the last line.
			return "incomplete", ""
		}
		return "invalid", ""
	}
	return "complete", ""
}

// scanDepth returns how many brackets are still open at the end of code
// (negative when one closes more than was opened), how many lines' worth
// of indentation the last open brackets ask for, and whether the scanner
// failed at the end (an unterminated string or comment, which more input
// can complete) or elsewhere.
func scanDepth(code string) (depth, indent int, errAtEnd, errElsewhere bool) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(code))
	var s scanner.Scanner
	s.Init(file, []byte(code), func(pos token.Position, msg string) {
		if strings.Contains(msg, "not terminated") {
			errAtEnd = true
		} else {
			errElsewhere = true
		}
	}, scanner.ScanComments)
	var stack []int // lines of open brackets
	for {
		pos, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			line := file.Line(pos)
			stack = append(stack, line)
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(stack) == 0 {
				return -1, 0, errAtEnd, errElsewhere
			}
			stack = stack[:len(stack)-1]
		}
	}
	// One level of indentation per line that still has an open bracket.
	lines := map[int]bool{}
	for _, l := range stack {
		lines[l] = true
	}
	return len(stack), len(lines), errAtEnd, errElsewhere
}
