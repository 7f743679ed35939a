// Package stdlib holds the symbol tables of the standard-library packages
// listed in preload.Stdlib: the ones yaegi's own stdlib package lacks.
// kernel/symbols merges them into Stdlib.
package stdlib

import "reflect"

// Symbols maps "import/path/name" to the exported symbols of that package,
// in the form interp.Interpreter.Use expects.
var Symbols = map[string]map[string]reflect.Value{}
