// Package magic parses and runs the notebook commands that Jupyter users
// type in any kernel: %time, %%time, %timeit, NAME? and NAME??, !command,
// %env, %cd, %who, %reset and %help.
//
// A cell is split line by line. A line that begins with one of the
// markers (after indentation) is a command and never reaches the Go
// parser; every other line is Go. The Go parts run through a Host, in
// order with the commands, with the lines of every other part blanked so
// that a Go error names the line of the cell the user sees.
//
// The package knows no Jupyter and no interpreter: the evaluation core
// implements Host, and the front end implements Output.
package magic
