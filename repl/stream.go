package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// RunStream runs code read from in as a terminal session would, without
// prompts: lines gather into a cell until it is complete, blank lines
// between cells are skipped, and each cell runs before the next line is
// read. A cell reading standard input through in.Input (as Config.Input)
// therefore gets the lines that follow it, as a cell run at the prompt
// gets the lines typed next.
//
// Input whose first line of code (after blank and // comment lines) is a
// package clause is a program: it is read to its end and run as RunFile
// runs a file.
//
// Unlike a session at the prompt, RunStream stops at the first failing
// cell (unless Config.KeepGoing), and returns a *CellError for it, already
// shown, that names name and the line of the input. A cell that the input
// leaves incomplete runs as it is, and fails. Images are named after name
// and the line where their cell begins (stdin-line3-1.png).
func (r *Runner) RunStream(ctx context.Context, name string, in *Lines) error {
	if !r.terminal {
		stop, err := r.startCapture(false)
		if err != nil {
			return err
		}
		defer stop()
	}
	var (
		cell    []string
		start   int // the input's line where cell begins
		lineNo  int
		started bool // a line of code was read
		first   error
	)
	run := func() (stop bool) {
		code := strings.Join(cell, "\n")
		cell = nil
		res := r.execute(ctx, fmt.Sprintf("%s-line%d", name, start), code, CellError{File: name, FirstLine: start}, 0)
		if res.Err == nil {
			return false
		}
		if first == nil {
			first = &CellError{File: name, FirstLine: start, Err: res.Err}
		}
		return !r.cfg.KeepGoing || ctx.Err() != nil
	}
	for {
		line, err := in.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		lineNo++
		if len(cell) == 0 {
			trimmed := strings.TrimSpace(line)
			if trimmed == "" || (!started && strings.HasPrefix(trimmed, "//")) {
				continue
			}
			if !started && strings.HasPrefix(trimmed, "package ") {
				return r.runProgram(ctx, name, lineNo, line, in)
			}
			started, start = true, lineNo
		}
		cell = append(cell, line)
		if status, _ := r.sess.IsComplete(strings.Join(cell, "\n") + "\n"); status == "incomplete" || commandAwaitsCode(cell) {
			continue
		}
		if run() {
			return first
		}
	}
	if len(cell) > 0 {
		run()
	}
	return first
}

// runProgram runs a program read as a stream, from its package clause
// (line lineNo, already read) to the end of in.
func (r *Runner) runProgram(ctx context.Context, name string, lineNo int, clause string, in *Lines) error {
	// Blank lines keep the program's line numbers those of the input.
	lines := append(make([]string, lineNo-1), clause)
	for {
		line, err := in.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		lines = append(lines, line)
	}
	code := strings.Join(lines, "\n") + "\n"
	if res := r.execute(ctx, name, code, CellError{File: name}, 0); res.Err != nil {
		return &CellError{File: name, Err: res.Err}
	}
	return nil
}

// commandAwaitsCode says whether a cell is so far only a cell command's
// line (%%time): complete for the core, it is written to apply to the
// lines that follow.
func commandAwaitsCode(cell []string) bool {
	return len(cell) == 1 && strings.HasPrefix(strings.TrimSpace(cell[0]), "%%")
}
