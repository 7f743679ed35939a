package repl

import (
	"fmt"

	"github.com/gornn/gornn/kernel/eval"
)

// CellError reports a cell that failed, with where it failed.
type CellError struct {
	// File names the Go file or stream the code came from; empty for a
	// notebook, whose cells are named by number, and for a cell typed
	// at the REPL.
	File string
	// Cell is the number of a notebook cell, as Jupyter shows it in
	// "In [N]" (its execution count); 0 for a cell typed at the REPL.
	Cell int
	// FirstLine is the line of File on which the cell begins, when File
	// is a stream of cells (see Runner.RunStream); 0 means 1.
	FirstLine int
	// Err is the core's error; its Line and Column are in the cell's
	// own text, or the file's for a Go file.
	Err *eval.Error
}

// Error formats the error as "cell 3, line 2:5: CompileError: undefined:
// foo" for a notebook, "prog.go:2:5: CompileError: ..." for a file and as
// the core does, "cell:2:5: CompileError: ...", for a typed cell.
func (e *CellError) Error() string {
	what := e.Err.Name + ": " + e.Err.Message
	switch {
	case e.File == "" && e.Cell == 0:
		return e.Err.Error()
	case e.File != "" && e.Err.Line > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Err.Line+max(e.FirstLine, 1)-1, e.Err.Column, what)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, what)
	case e.Err.Line > 0:
		return fmt.Sprintf("cell %d, line %d:%d: %s", e.Cell, e.Err.Line, e.Err.Column, what)
	default:
		return fmt.Sprintf("cell %d: %s", e.Cell, what)
	}
}

// Unwrap returns the core's error.
func (e *CellError) Unwrap() error { return e.Err }
