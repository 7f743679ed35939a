package repl

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/gornn/gornn/display"
)

// printer shows cells' values, errors and rich output as text. Images are
// written to files in an output folder and their paths printed. It may be
// used from several goroutines.
type printer struct {
	mu     sync.Mutex
	out    io.Writer // values and displays
	errOut io.Writer // errors
	images *imageFiles
}

// data prints one rich output: an image's file path (the image written
// under prefix), or else the plain text of the bundle.
func (p *printer) data(prefix string, d map[string]any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	path, isImage, err := p.images.write(prefix, d)
	switch {
	case err != nil:
		fmt.Fprintf(p.errOut, "rnnrepl: %v\n", err)
	case isImage:
		text := plainText(d)
		if text != "" && !strings.Contains(text, "\n") {
			fmt.Fprintf(p.out, "%s: %s\n", text, path)
		} else {
			fmt.Fprintf(p.out, "image: %s\n", path)
		}
	default:
		writeLine(p.out, plainText(d))
	}
}

// stream prints what a cell wrote to its standard output or error.
func (p *printer) stream(name string, b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if name == "stderr" {
		p.errOut.Write(b)
		return
	}
	p.out.Write(b)
}

// setOutput changes where the printer writes.
func (p *printer) setOutput(out, errOut io.Writer) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.out, p.errOut = out, errOut
}

// error prints a cell's error once: where it happened with its name and
// message (the CellError's text), then the rest of the traceback (the
// quoted line with a caret, the frames of a panic).
func (p *printer) error(e *CellError) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, line := range errorLines(e) {
		fmt.Fprintln(p.errOut, line)
	}
}

// errorLines is the text of an error: the CellError's own, then the
// traceback without the lines that only say the message again (the
// core's tracebacks hold "cell:L:C: message", "Name: message" or
// "panic: message" as lines of their own, which the first line said
// already). Frames and quoted code are indented and always kept.
func errorLines(e *CellError) []string {
	lines := []string{e.Error()}
	dropped := false
	for _, l := range e.Err.Traceback {
		repeat := e.Err.Message != "" && strings.HasSuffix(l, e.Err.Message) &&
			!strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "\t")
		// The blank line that parted a repeated heading from the frames
		// goes with it.
		if !repeat && !(dropped && l == "") {
			lines = append(lines, l)
		}
		dropped = repeat
	}
	return lines
}

// plainText returns the text/plain entry of a bundle, or a note naming
// its types when it has none.
func plainText(d map[string]any) string {
	switch v := d[display.MIMEText].(type) {
	case string:
		return v
	case nil:
	default:
		return fmt.Sprint(v)
	}
	var mimes []string
	for m := range d {
		mimes = append(mimes, m)
	}
	if len(mimes) == 0 {
		return ""
	}
	sort.Strings(mimes)
	return "<" + strings.Join(mimes, ", ") + ">"
}

// writeLine writes s and a newline unless s already ends with one.
func writeLine(w io.Writer, s string) {
	if s == "" {
		return
	}
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	io.WriteString(w, s)
}
