package repl

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Lines is standard input read a line at a time, both by RunStream, for
// the cells it runs, and by those cells, through Input: a cell's
// goroutine may go on reading after the cell, so reads take turns.
type Lines struct {
	mu      sync.Mutex
	r       *bufio.Reader
	prompts io.Writer
}

// NewLines reads lines from r; Input shows its prompts on prompts.
func NewLines(r io.Reader, prompts io.Writer) *Lines {
	return &Lines{r: bufio.NewReader(r), prompts: prompts}
}

// next returns the next line without its line break, or the reader's
// error (io.EOF at the end) when no line is left.
func (l *Lines) next() (string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	line, err := l.r.ReadString('\n')
	if err != nil && line == "" {
		return "", err
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// Input answers a cell's read of standard input with the next line, for
// Config.Input.
func (l *Lines) Input(prompt string, _ bool) (string, error) {
	fmt.Fprint(l.prompts, prompt)
	return l.next()
}
