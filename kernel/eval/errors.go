package eval

import (
	"context"
	"errors"
	"fmt"
	"go/scanner"
	"reflect"
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
		note := s.sniff.takeNote()
		frames := s.sniff.take()
		if len(frames) == 0 {
			// No interpreted frame: the interpreter's compiler crashed.
			return compilerCrashError(fmt.Sprint(p.Value), code, len(s.cellTypes.generic) > 0, toCell)
		}
		return s.panicError(p.Value, note, frames, code, toCell)
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

// panicError describes a panic as Go would: its text (note, when set, is
// the text of a value of a cell's type by its method), then the frames of
// cells' functions, innermost first, each at the statement it was
// running (see positions.go), then the line of this cell it failed at,
// quoted. Frames whose statement is not known (functions compiled
// before this cell's session had sites, closures called from compiled
// code) are named at the start of their body, as the interpreter
// reports them.
func (s *Session) panicError(value any, note panicNote, frames []panicFrame, code string, toCell func(int, int) (int, int)) *Error {
	frames = lastUnwinding(frames)
	value = unwrapValue(value)
	// Each function of a cell running has a record with its site,
	// outermost first (calls), then maybe records of calls that returned.
	// Frames are matched with them outermost first, by function: a
	// frame without a record (a function literal the session wrote) is
	// skipped, and the records left over are of calls that returned.
	// Frames of the cell's body have the global's site.
	var calls []int
	if len(frames) > 0 {
		calls = frames[0].Calls
	}
	body := 0
	if v, ok := s.safeGlobals()[bodyVar(s.cells)]; ok && v.CanInt() {
		body = int(v.Int())
	}
	var located []frameAt
	next := 0
	for i := len(frames) - 1; i >= 0; i-- {
		f := frames[i]
		if f.Func == "main" && isMainCall(code, s.frameLine(f, code, toCell)) {
			// The call of a pasted program's main that the session added
			// after the program's text: not a place in the user's code.
			continue
		}
		l := frameAt{frame: f}
		if next < len(calls) {
			if at, ok := s.sites.get(calls[next]); ok && at.Func == f.Func {
				l.at, l.n, l.known = at, calls[next], true
				next++
			}
		}
		if !l.known {
			if at, ok := s.sites.get(body); ok && sameFunc(at.Func, f.Func) {
				l.at, l.n, l.known = at, body, true
			}
		}
		located = append([]frameAt{l}, located...)
	}
	located = dropStatementWrappers(located)
	var inner site
	known := len(located) > 0 && located[0].known
	if known {
		inner = located[0].at
	}
	msg, off := s.goPanicText(value, inner, known)
	if _, shown := value.(error); note.text != "" && !shown && known && note.site == located[0].n {
		// A value of a type a cell declared, with an Error or String
		// method that compiled code cannot call.
		msg = note.text
	}
	if off > 0 {
		// The failing expression, not its statement.
		line, col := lineCol(inner.Stmt, off)
		if line == 1 {
			col += inner.Col - 1
		}
		located[0].at.Line, located[0].at.Col = inner.Line+line-1, col
	}
	e := &Error{Name: "Panic", Message: msg, Traceback: []string{"panic: " + msg, "", "goroutine 1 [running]:"}}
	s.mu.Lock()
	cell := s.cells
	s.mu.Unlock()
	for _, l := range located {
		e.Traceback = append(e.Traceback, goFuncName(l.frame.Func))
		switch {
		case l.known && l.at.Cell == cell:
			e.Traceback = append(e.Traceback, fmt.Sprintf("\tcell:%d:%d\t%s", l.at.Line, l.at.Col, strings.TrimSpace(l.at.Src)))
			if e.Line == 0 {
				e.Line, e.Column = l.at.Line, l.at.Col
			}
		case l.known:
			e.Traceback = append(e.Traceback, fmt.Sprintf("\t%s:%d:%d\t%s", s.numbers.label(l.at.Cell), l.at.Line, l.at.Col, strings.TrimSpace(l.at.Src)))
		default:
			e.Traceback = append(e.Traceback, s.unknownFrame(l.frame, code, toCell, cell, e))
		}
	}
	if e.Line > 0 {
		quoted := newError("Panic", msg, code, e.Line, e.Column).Traceback
		e.Traceback = append(e.Traceback, quoted...)
	}
	return e
}

// unknownFrame describes a frame whose statement is not known: at the
// start of its body, as the interpreter reports it.
func (s *Session) unknownFrame(f panicFrame, code string, toCell func(int, int) (int, int), cell int, e *Error) string {
	fn := strings.TrimPrefix(f.Func, "main.")
	if i := strings.IndexByte(fn, '.'); i >= 0 {
		fn = fn[:i] // g.func -> g
	}
	s.mu.Lock()
	def, declared := s.funcs[fn]
	s.mu.Unlock()
	if declared && def.cell != cell && fn != mainName {
		return fmt.Sprintf("\t%s (its body starts at line %d)", s.numbers.label(def.cell), f.Line-1)
	}
	line, col := toCell(f.Line, f.Column)
	if e.Line == 0 {
		e.Line, e.Column = line, col
	}
	return fmt.Sprintf("\tcell:%d:%d (the body that was running starts here)", line, col)
}

// frameAt is a frame of a panic with the statement it was at, when
// known.
type frameAt struct {
	frame panicFrame
	at    site
	n     int // at's number
	known bool
}

// dropStatementWrappers leaves out the frames of the function literals
// the session runs cell-level statements in (wrapCompound): a frame of a
// literal of the cell's body at the very statement of the cell's frame
// around it.
func dropStatementWrappers(located []frameAt) []frameAt {
	out := located[:0:0]
	for i, l := range located {
		if i+1 < len(located) {
			o := located[i+1]
			if l.known && o.known && l.n == o.n && strings.HasPrefix(l.frame.Func, "main.func") && sameFunc(o.frame.Func, "main") {
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// frameLine is the line of this cell at which the interpreter reports f.
func (s *Session) frameLine(f panicFrame, code string, toCell func(int, int) (int, int)) int {
	line, _ := toCell(f.Line, f.Column)
	return line
}

// sameFunc reports whether a site in function a is one of frame
// function b. The cell's own body is "main" to both, or a function
// literal in it ("main.func") when the session runs a statement in one.
func sameFunc(a, b string) bool {
	root := func(n string) string {
		for strings.HasSuffix(n, ".func") {
			n = strings.TrimSuffix(n, ".func")
		}
		return n
	}
	return a == b || (root(a) == "main" && root(b) == "main")
}

// goFuncName is how Go's traceback names a frame of function fn, as the
// interpreter names it: "main.f(...)", "main.main()".
func goFuncName(fn string) string {
	fn = strings.Replace(fn, "main."+mainName, "main.main", 1)
	if fn == "main" {
		return "main.main()"
	}
	return fn + "(...)"
}

// isMainCall reports whether line of code is the call of a pasted
// program's main that Execute appends.
func isMainCall(code string, line int) bool {
	lines := strings.Split(code, "\n")
	return line >= 1 && line <= len(lines) && strings.TrimSpace(lines[line-1]) == mainName+"()"
}

// unwrapValue returns the value a reflect.Value holds: the interpreter
// panics with a variable's value as one.
func unwrapValue(v any) any {
	if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		return rv.Interface()
	}
	return v
}
