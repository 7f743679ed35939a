// Package eval is the evaluation core of gornn's notebook kernel and
// terminal REPL: a Go interpreter session (yaegi) that takes a cell of Go
// source and returns its value, its error, completions, documentation and
// whether the cell is complete.
//
// The package knows nothing of Jupyter or ZeroMQ. Front ends drive a
// Session and receive rich output through the callbacks in Options.
//
// Cells are Go as people type it: imports, declarations and statements in
// any order. A cell is split with go/parser into those groups, rewritten
// for Go 1.22+ forms the interpreter lacks (range over int, per-iteration
// loop variables, min, max, clear) and evaluated group by group. Positions
// in errors refer to the cell's own lines and columns.
package eval
