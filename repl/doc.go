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
package repl
