package eval

import "reflect"

// recovered undoes two wrappings of the interpreter. A value that
// interpreted code panics with comes back from recover as the
// reflect.Value that held it, so that the type assertions and type
// switches of recovering code (r.(string), r.(parseError), case *MyErr)
// never matched. And a runtime error that the interpreter raises in
// reflect's words (a nil pointer followed, an index out of range) comes
// back as the runtime.Error Go's runtime panics with, with Go's text
// (without the index and length, which are gone). Everything else, runtime
// errors of the Go runtime included, comes back as it was thrown.
func recovered(v any) any {
	if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		v = rv.Interface()
	}
	var msg string
	switch x := v.(type) {
	case string:
		msg = x
	case *reflect.ValueError:
		msg = x.Error()
	default:
		return v
	}
	switch reflectBoundsKind(msg) {
	case boundsIndex:
		return runtimeError(goIndexRange)
	case boundsSlice:
		return runtimeError(goSliceBounds)
	case boundsNil:
		return runtimeError(goNilDeref)
	}
	return v
}

// runtimeError is a runtime error that the interpreter raised in
// reflect's words, as a recovering cell sees it: a runtime.Error with
// Go's text.
type runtimeError string

// Error returns Go's text of the runtime error.
func (e runtimeError) Error() string { return string(e) }

// RuntimeError marks the error as a runtime.Error.
func (runtimeError) RuntimeError() {}
