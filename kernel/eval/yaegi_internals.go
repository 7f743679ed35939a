package eval

import (
	"reflect"
	"regexp"
	"strconv"
	"sync"
	"unsafe" // for go:linkname and the interpreter's mutex

	"github.com/traefik/yaegi/interp"
)

// This file holds every reliance of the package on yaegi beyond its
// public API: a private method, a private field, and the texts of its
// messages. yaegi_internals_test.go pins each of them against the
// version below, so that an upgrade fails there, in one place, instead of
// quietly breaking interrupts, error positions or panic tracebacks.

// yaegiVersion is the yaegi release this file was checked against.
const yaegiVersion = "v0.16.1"

// interpStop is the interpreter's own stop: it ends the current run id,
// so that every interpreted goroutine stops at its next step, and
// releases channel operations. The public API only stops an evaluation
// by cancelling its context, which also returns from EvalWithContext
// before the evaluation's goroutine has finished (see stale.go).
//
//go:linkname interpStop github.com/traefik/yaegi/interp.(*Interpreter).stop
func interpStop(*interp.Interpreter)

// stopInterpreter calls the interpreter's stop under the interpreter's
// mutex, which guards the channel stop closes; stop panics when an
// earlier stop of the same run already closed it, which is harmless.
func stopInterpreter(in *interp.Interpreter) {
	mu := interpMutex(in)
	mu.Lock()
	defer mu.Unlock()
	defer func() { recover() }()
	interpStop(in)
}

// interpMutex returns the interpreter's private field mutex, which
// EvalWithContext holds while it sets up the channel that stop closes.
func interpMutex(in *interp.Interpreter) *sync.RWMutex {
	f := reflect.ValueOf(in).Elem().FieldByName("mutex")
	return (*sync.RWMutex)(unsafe.Pointer(f.UnsafeAddr()))
}

// positionedPattern matches the interpreter's "L:C: message" errors,
// with or without the "_.go:" file name that parse errors carry.
var positionedPattern = regexp.MustCompile(`^(?:_\.go:)?(\d+):(\d+): ((?s).*)$`)

// splitPosition splits an interpreter error message into the position
// it names and the message proper.
func splitPosition(msg string) (line, col int, text string, ok bool) {
	m := positionedPattern.FindStringSubmatch(msg)
	if m == nil {
		return 0, 0, msg, false
	}
	line, _ = strconv.Atoi(m[1])
	col, _ = strconv.Atoi(m[2])
	return line, col, m[3], true
}

// noValuePattern matches the interpreter's complaint about a call without
// results passed as an argument: "cannot use func(bool) as type ()".
var noValuePattern = regexp.MustCompile(`cannot use func\(.*\) as type \(|used as value`)

// isNoValueError reports whether a compile error says that the trailing
// expression, wrapped to collect its value, has none.
func isNoValueError(err error) bool {
	return noValuePattern.MatchString(err.Error())
}

// framePattern matches one frame of an unwinding panic as the interpreter
// writes it to its stderr: "L:C: panic: main.f(...)".
var framePattern = regexp.MustCompile(`^(\d+):(\d+): panic: (.*)\(\.\.\.\)\n?$`)

// parsePanicFrame parses one write of the interpreter to its stderr as a
// panic frame.
func parsePanicFrame(p []byte) (panicFrame, bool) {
	m := framePattern.FindSubmatch(p)
	if m == nil {
		return panicFrame{}, false
	}
	line, _ := strconv.Atoi(string(m[1]))
	col, _ := strconv.Atoi(string(m[2]))
	return panicFrame{Line: line, Column: col, Func: string(m[3])}, true
}

// Messages of the interpreter's compiler when it crashes (an
// interp.Panic with no interpreted frame) on code it cannot handle.
const (
	// crashNilType: a range over an integer whose type the compiler
	// cannot see.
	crashNilType = "nil type"
	// crashNilReflectType: a cell-level variable given the result of a
	// generic call.
	crashNilReflectType = "nil reflect type"
)

// evalGoroutineCreator is the line that ends the stack of the goroutine on
// which the interpreter runs an evaluation, and no goroutine a cell
// starts: "created by" the function that starts it. TestGoexit and
// TestInterruptedSyncWait fail if it changes.
const evalGoroutineCreator = "created by github.com/traefik/yaegi/interp.(*Interpreter).EvalWithContext"

// boundsKind is the kind of runtime error that the interpreter reports
// in reflect's words, since it indexes, slices and follows pointers with
// package reflect.
type boundsKind int

const (
	boundsNone  boundsKind = iota
	boundsIndex            // an index out of range
	boundsSlice            // slice bounds out of range
	boundsNil              // a nil pointer followed
)

// reflectBoundsMessages maps reflect's panic texts, as the interpreter
// lets them through, to the runtime error Go would report.
var reflectBoundsMessages = map[string]boundsKind{
	"reflect: slice index out of range":                     boundsIndex,
	"reflect: array index out of range":                     boundsIndex,
	"reflect: string index out of range":                    boundsIndex,
	"reflect.Value.Slice: slice index out of bounds":        boundsSlice,
	"reflect.Value.Slice: string slice index out of bounds": boundsSlice,
	"reflect.Value.Slice3: slice index out of bounds":       boundsSlice,
}

// zeroValuePattern matches reflect's complaint about a method called on
// the zero Value, which is what a nil pointer becomes in the interpreter
// when it follows it: "reflect: call of reflect.Value.Field on zero
// Value".
var zeroValuePattern = regexp.MustCompile(`^reflect: call of reflect\.Value\.\w+ on zero Value$`)

// reflectBoundsKind tells which runtime error a panic text of the
// interpreter stands for.
func reflectBoundsKind(msg string) boundsKind {
	if k, ok := reflectBoundsMessages[msg]; ok {
		return k
	}
	if zeroValuePattern.MatchString(msg) {
		return boundsNil
	}
	return boundsNone
}

// panicPositionPattern matches the "L:C: " the interpreter puts before
// some of its panics ("4:9: interface conversion: ..."), at a line of
// its own source, which the traceback names better.
var panicPositionPattern = regexp.MustCompile(`^\d+:\d+: `)

// stripPanicPosition removes the interpreter's position from a panic
// text.
func stripPanicPosition(msg string) string {
	return panicPositionPattern.ReplaceAllString(msg, "")
}
