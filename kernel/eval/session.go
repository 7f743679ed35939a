package eval

import (
	"context"

	"github.com/gornn/gornn/display"
)

// Session is one interpreter with the state of all cells run so far.
// Its methods must not be called concurrently with each other, except
// that Execute's context may be cancelled from any goroutine.
type Session struct {
	opts Options
}

// New starts a session with the standard library and gornn's preloaded
// packages importable, and installs a display.Frontend that routes rich
// output to opts.
func New(opts Options) (*Session, error) {
	return &Session{opts: opts}, nil
}

// Execute runs one cell. Cancelling ctx interrupts the cell; the session
// keeps its state and stays usable.
func (s *Session) Execute(ctx context.Context, code string) *Result {
	return &Result{Err: &Error{Name: "InternalError", Message: "not implemented"}}
}

// Evaluate computes the value of one expression for a front end
// (Jupyter's user_expressions) without touching the cell history.
func (s *Session) Evaluate(ctx context.Context, expr string) (*display.Data, *Error) {
	return nil, &Error{Name: "InternalError", Message: "not implemented"}
}

// Complete returns completions for the token before byte offset cursor
// in code, and the byte range [start, end) that a completion replaces.
func (s *Session) Complete(code string, cursor int) (matches []string, start, end int) {
	return nil, cursor, cursor
}

// Inspect returns plain-text documentation for the name at byte offset
// cursor in code: signature and doc comment for package symbols, type
// and value for variables.
func (s *Session) Inspect(code string, cursor int) (doc string, found bool) {
	return "", false
}

// IsComplete says whether code is a complete cell ("complete"), needs
// more lines ("incomplete", with the indent for the next line), or can
// never become valid Go ("invalid").
func (s *Session) IsComplete(code string) (status, indent string) {
	return "complete", ""
}
