package eval

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/traefik/yaegi/interp"

	"github.com/gornn/gornn/display"
)

// Options configures a Session.
type Options struct {
	// Stdlib holds the symbol tables of the standard library; nil means
	// yaegi's own (github.com/traefik/yaegi/stdlib). It is loaded once:
	// loading a table with "fmt/fmt" also declares yaegi's interpreted
	// generic packages (cmp, maps, slices), which cannot be declared twice.
	Stdlib interp.Exports
	// Packages are the symbol tables of the compiled packages that cells
	// can import besides the standard library, as `yaegi extract` writes
	// them. A "." entry may hold the interpreter's MapTypes.
	Packages interp.Exports
	// Doc returns the documentation of name in the package with import
	// path (the package's own for an empty name, the builtin package's
	// for path "builtin"), for Inspect. Nil, or a miss, falls back to
	// the symbol's type.
	Doc func(path, name string) (doc string, found bool)
	// CellHook, when set, is called as each cell (or Evaluate's
	// expression) starts, with the context that is cancelled when the
	// cell is interrupted, and the function it returns, if any, as the
	// cell ends. It is how compiled packages with process-wide state (a
	// default context for long calls, where rich output goes) are told
	// which cell is running; the session sets no process globals itself.
	CellHook func(ctx context.Context) (end func())
	// Input answers reads of standard input by cells. It returns io.EOF,
	// or an error that wraps it (ErrNoStdin), when the front end takes no
	// input: the cell then reads the end of its input. With nil, every
	// read is at the end of input.
	Input func(prompt string, password bool) (string, error)
	// ModulesDir is where the record of the Go modules that cells import
	// (a go.mod and go.sum, see package modules) is kept, usually the
	// .gornn folder beside the notebook. Empty means cells can import
	// only the standard library and Packages.
	ModulesDir string
	// Page shows documentation asked for with NAME? in the front end's
	// pager; nil prints it.
	Page func(text string)
	// Env is the environment cells see through os.Getenv and friends;
	// nil means os.Environ().
	Env []string
}

// ErrNoStdin is what a front end's Input returns when it cannot answer;
// it wraps io.EOF, so cells that read standard input then see its end.
var ErrNoStdin = fmt.Errorf("eval: standard input is not available in this front end: %w", io.EOF)

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
	// "Interrupted", "RedefinitionError", "StaleError" (functions of
	// earlier cells no longer compile with what the cell redefined),
	// "StackOverflow", "Goexit" (the cell called runtime.Goexit) or
	// "InternalError".
	Name string
	// Message is the one-line description.
	Message string
	// Traceback holds human-readable lines: "cell:L:C: message", then
	// the quoted source line and a caret under the column. A Panic's
	// starts as Go's does: "panic: message", "", "goroutine 1 [running]:"
	// and two lines per frame of a cell's function, innermost first
	// ("main.f(...)", then a tab, "cell:L:C" or "In [N]:L:C" for cell N,
	// a tab and the statement's line); the quoted line of this cell
	// follows. A StackOverflow's frames are the innermost and outermost
	// calls of the recursion, with a line saying how many were elided.
	Traceback []string
	// Line and Column are 1-based positions in the cell's own text; 0
	// when unknown. For a panic in a function of an earlier cell, they
	// are the call in this cell that led to it.
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
