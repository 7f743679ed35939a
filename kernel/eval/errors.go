package eval

import (
	"context"
	"errors"
	"fmt"
	"go/scanner"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// convertError turns an error of the interpreter, for a source built by
// runSource from rw, into an Error at the cell's own line and column.
func (s *Session) convertError(ctx context.Context, err error, code string, rw rewritten) *Error {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		msg := "the cell was interrupted; the session keeps its state"
		var be *blockedError
		if errors.As(err, &be) {
			msg += fmt.Sprintf("; its goroutine stays blocked in %s, a wait no interrupt can end: later cells run beside it, and it goes on with the rest of its cell if one of them releases what it waits for", be.state)
		}
		return &Error{Name: "Interrupted", Message: msg, Traceback: []string{"Interrupted: " + msg}}
	}
	if errors.Is(err, errGoexit) {
		return &Error{Name: "Goexit", Message: err.Error(), Traceback: []string{"Goexit: " + err.Error()}}
	}
	toCell := func(line, col int) (int, int) {
		// The interpreter saw one line of mode prefix before the cell.
		off := offsetOf(rw.Text, line-1, col)
		return lineCol(code, rw.toOld(off))
	}
	var p interp.Panic
	if errors.As(err, &p) {
		frames := s.sniff.take()
		msg := fmt.Sprint(p.Value)
		if len(frames) == 0 {
			// No interpreted frame: the interpreter's compiler crashed.
			return newError("CompileError", "the interpreter cannot compile this cell: "+msg+hint(msg, code), code, 0, 0)
		}
		return s.panicError(msg, frames, code, toCell)
	}
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		line, col := toCell(list[0].Pos.Line, list[0].Pos.Column)
		return newError("ParseError", list[0].Msg, code, line, col)
	}
	msg := err.Error()
	if l, c, text, ok := splitPosition(msg); ok {
		line, col := toCell(l, c)
		return newError("CompileError", text+hint(text, code), code, line, col)
	}
	return newError("CompileError", msg+hint(msg, code), code, 0, 0)
}

// hint adds advice to interpreter messages that do not explain
// themselves.
func hint(msg, code string) string {
	if strings.Contains(msg, crashNilType) && strings.Contains(code, "range") {
		return " (if this is a range over an integer whose type cannot be seen in the cell, write `range int(n)`)"
	}
	if strings.Contains(msg, crashNilReflectType) && (strings.Contains(code, "min(") || strings.Contains(code, "max(")) {
		return " (the interpreter cannot give a cell-level variable the result of a generic call, which min and max are here: declare the variable with its type first, as in `var m int; m = min(a, b)`)"
	}
	return ""
}

// panicError describes a panic with the frames the interpreter reported.
// Frames of functions this cell ran or defined are shown at the cell's
// lines; frames of functions from earlier cells name the function.
func (s *Session) panicError(msg string, frames []panicFrame, code string, toCell func(int, int) (int, int)) *Error {
	e := &Error{Name: "Panic", Message: msg, Traceback: []string{"panic: " + msg}}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range frames {
		name := strings.TrimPrefix(f.Func, "main.")
		fn := name
		if i := strings.IndexByte(fn, '.'); i >= 0 {
			fn = fn[:i] // main.g.func1 -> g
		}
		// The func main of a pasted program, renamed, is this cell's.
		ownMain := fn == mainName
		if ownMain {
			name = "main" + strings.TrimPrefix(name, mainName)
		}
		def, known := s.funcs[fn]
		inCell := ownMain || f.Func == "main" || strings.HasPrefix(f.Func, "main.func") || (known && def.cell == s.cells)
		if !inCell {
			e.Traceback = append(e.Traceback, fmt.Sprintf("  in %s (declared in an earlier cell, at its line %d)", name, f.Line-1))
			continue
		}
		line, col := toCell(f.Line, f.Column)
		if f.Func == "main" && isMainCall(code, line) {
			// The call of a pasted program's main that the session added
			// after the program's text: not a place in the user's code.
			continue
		}
		where := "the cell's statements"
		if f.Func != "main" {
			where = name
		}
		e.Traceback = append(e.Traceback, fmt.Sprintf("  in %s at cell:%d:%d", where, line, col))
		if e.Line == 0 {
			e.Line, e.Column = line, col
		}
	}
	if e.Line > 0 {
		quoted := newError("Panic", msg, code, e.Line, e.Column).Traceback[1:]
		e.Traceback = append(e.Traceback, quoted...)
	}
	return e
}

// isMainCall reports whether line of code is the call of a pasted
// program's main that Execute appends.
func isMainCall(code string, line int) bool {
	lines := strings.Split(code, "\n")
	return line >= 1 && line <= len(lines) && strings.TrimSpace(lines[line-1]) == mainName+"()"
}
