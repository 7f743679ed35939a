package symbols

import "reflect"

// Symbols maps "import/path/name" to the exported symbols of that package,
// in the form interp.Interpreter.Use expects.
var Symbols = map[string]map[string]reflect.Value{}

// Third-party packages; slow to extract, regenerate only on upgrades.
//go:generate go run ./internal/extract thirdparty
