package symbols

import (
	"fmt"
	"reflect"

	"github.com/gornn/gornn/display"
)

// ShownInterfaces are the interfaces through which a value is shown as
// text. Values of types declared by cells reach compiled code without
// their methods; the interpreter wraps them in the first of these
// interfaces they implement when they are passed to a function listed in
// the MapTypes entry, as it does for fmt.Print. The interpreter needs a
// generated wrapper type for each interface, which the standard library's
// tables have for these two; the methods display.Render also looks for
// (HTML, SVG, PNG, Markdown) are anonymous interfaces without wrappers,
// so cell types cannot offer those yet.
var ShownInterfaces = []reflect.Type{
	reflect.TypeOf((*error)(nil)).Elem(),
	reflect.TypeOf((*fmt.Stringer)(nil)).Elem(),
}

func init() {
	shown := map[reflect.Value][]reflect.Type{}
	for _, f := range []any{display.Display, display.NewDisplay, display.Render} {
		shown[reflect.ValueOf(f)] = ShownInterfaces
	}
	Symbols["."] = map[string]reflect.Value{"MapTypes": reflect.ValueOf(shown)}
}
