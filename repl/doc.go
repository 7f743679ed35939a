// Package repl is gornn's terminal front end: an interactive read-eval-print
// loop and a runner for notebooks (.ipynb), Go files and code piped on
// standard input. It drives the same evaluation core as the Jupyter kernel
// (package kernel/eval), so a cell behaves the same in both.
//
// Rich output is shown as text: a value's text/plain form, Markdown and HTML
// as their plain text, and images (PNG or SVG) written to files in an output
// folder whose paths are printed. The notebook runner can also write the
// executed notebook back in nbformat 4, with stream, display, result and
// error outputs and execution counts, so that Jupyter opens it as if it had
// run the notebook itself.
//
// Line editing uses github.com/chzyer/readline: it is pure Go (no cgo, no
// libreadline on the machine), keeps a history file, offers a completion
// hook that maps directly onto the core's Complete, and reads the terminal
// only while a prompt is shown, which leaves Ctrl-C during a running cell
// to the terminal's own interrupt signal.
//
// At the prompt the REPL turns on the terminal's bracketed paste (and
// turns it off while a cell runs and on leaving), so that pasted text is
// told from typing: a filter on the keys readline reads (paste.go) takes
// each paste out and leaves a mark that ends readline's line, and the
// shell adds the paste to the cell as text typed at the end of that line,
// its line breaks breaking the cell's lines. A pasted function with blank
// lines in it is therefore one cell, which runs at the next Enter. Where
// the terminal does not bracket pastes, pasted lines are taken as typed.
//
// readline's history holds lines, so a cell is saved as one line, its line
// breaks written as ↵ (a literal ↵ in the cell is saved as ↵, which
// means the same in a Go string or rune literal). Up (or a search with
// Ctrl-R) brings the cell back on one editable line and Enter runs it with
// its line breaks restored; on a line not brought back from the history a
// ↵ is only text. Lines of history files from before hold no ↵ and read
// back unchanged.
//
// Errors are shown once, by the Runner, where they happened: "cell:2:5:"
// for a typed cell, "cell 3, line 2:5:" in a notebook, "prog.go:2:5:" in a
// file, then the quoted line with a caret and a panic's frames.
//
// Piped into rnnrepl, standard input runs as a session at the prompt
// would, without prompts (Runner.RunStream): lines gather into a cell until
// it is complete, so blank lines inside a function do not split it, each
// cell shows its value, and a cell reading standard input gets the lines
// that follow it, then the end of input. A piped program (package main) is
// read whole and run as a Go file is. The first failing cell stops the run.
package repl
