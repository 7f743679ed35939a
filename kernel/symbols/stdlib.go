package symbols

import (
	"reflect"

	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/syscall"
	"github.com/traefik/yaegi/stdlib/unsafe"

	std "github.com/gornn/gornn/kernel/symbols/internal/stdlib"
)

// Standard-library packages yaegi's stdlib lacks; quick to extract.
//go:generate go run ./internal/extract stdlib

// Stdlib maps "import/path/name" to the exported symbols of the standard
// library's packages, in the form interp.Interpreter.Use expects. It
// holds yaegi's tables (extracted from Go 1.22, with os.Exit and
// log.Fatal turned into panics so that a cell cannot end the kernel), its
// syscall and unsafe tables, and the tables internal/preload lists for
// the packages yaegi leaves out (os/exec, crypto/sha3, ...). Use it
// before Symbols. doc.go lists what cannot be imported and why.
var Stdlib = map[string]map[string]reflect.Value{}

func init() {
	for _, tables := range []map[string]map[string]reflect.Value{
		stdlib.Symbols, syscall.Symbols, unsafe.Symbols, std.Symbols,
	} {
		for path, table := range tables {
			merged := Stdlib[path]
			if merged == nil {
				merged = map[string]reflect.Value{}
				Stdlib[path] = merged
			}
			for name, v := range table {
				merged[name] = v
			}
		}
	}
}
