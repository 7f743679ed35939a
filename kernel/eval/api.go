package eval

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gornn/gornn/display"
)

// Options configures a Session.
type Options struct {
	// Display receives rich output published while a cell runs. It may
	// be called from any goroutine. Nil drops rich output.
	Display func(display.Data)
	// ClearOutput clears the output of the running cell; with wait set,
	// the clearing happens when the next output arrives.
	ClearOutput func(wait bool)
	// Input answers reads of standard input by cells. With nil, such
	// reads fail with ErrNoStdin.
	Input func(prompt string, password bool) (string, error)
	// Terminal says that rich output is shown on a text terminal, where
	// progress bars are drawn in place.
	Terminal bool
	// Env is the environment cells see through os.Getenv and friends;
	// nil means os.Environ().
	Env []string
}

// ErrNoStdin is returned to cells that read standard input when the
// front end cannot answer (Options.Input is nil).
var ErrNoStdin = errors.New("eval: standard input is not available in this front end")

// Result is the outcome of executing one cell.
type Result struct {
	// Value is the rich bundle of the cell's trailing expression (all
	// values of a multi-value call); nil when the cell ends in a
	// statement or declaration or a call without results.
	Value *display.Data
	// Err is nil on success.
	Err *Error
}

// Error names what went wrong in a cell and where.
type Error struct {
	// Name is the kind of error: "ParseError", "CompileError", "Panic",
	// "Interrupted", "RedefinitionError", "StackOverflow" or
	// "InternalError".
	Name string
	// Message is the one-line description.
	Message string
	// Traceback holds human-readable lines: "cell:L:C: message", then
	// the quoted source line and a caret under the column.
	Traceback []string
	// Line and Column are 1-based positions in the cell's own text; 0
	// when unknown.
	Line, Column int
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("cell:%d:%d: %s: %s", e.Line, e.Column, e.Name, e.Message)
	}
	return e.Name + ": " + e.Message
}

// newError builds an Error whose traceback quotes line of code with a
// caret under column.
func newError(name, msg, code string, line, col int) *Error {
	e := &Error{Name: name, Message: msg, Line: line, Column: col}
	if line <= 0 {
		e.Traceback = []string{name + ": " + msg}
		return e
	}
	e.Traceback = []string{fmt.Sprintf("cell:%d:%d: %s", line, col, msg)}
	lines := strings.Split(code, "\n")
	if line <= len(lines) {
		src := strings.TrimRight(lines[line-1], "\r")
		e.Traceback = append(e.Traceback, "    "+src)
		if col > 0 {
			e.Traceback = append(e.Traceback, "    "+caretPad(src, col)+"^")
		}
	}
	return e
}

// caretPad returns the whitespace that puts a caret under byte column col
// of src, keeping tabs so the caret lines up in any terminal.
func caretPad(src string, col int) string {
	var b strings.Builder
	for i := 0; i < col-1 && i < len(src); i++ {
		if src[i] == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}
