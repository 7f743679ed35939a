package eval

import "reflect"

// recovered undoes a wrapping of the interpreter: a value that
// interpreted code panics with comes back from recover as the
// reflect.Value that held it, so that the type assertions and type
// switches of recovering code (r.(string), r.(parseError), case *MyErr)
// never matched. Everything else, runtime errors of the Go runtime
// included, comes back as it was thrown.
func recovered(v any) any {
	if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		return rv.Interface()
	}
	return v
}
