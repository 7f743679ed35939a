// Package preload is the one list of the packages kernel/symbols carries:
// the generators of the symbol tables (internal/extract) and of the
// documentation (internal/gendoc) read it, and the tests of kernel/symbols
// check the committed files against it. Adding a package here and running
// `go generate ./kernel/symbols` makes it importable by cells.
package preload

import "strings"

// Own lists gornn's own packages. Their tables follow every change of
// their exported API, so they form a set of their own that is quick to
// regenerate.
var Own = []string{
	"github.com/gornn/gornn/rnn",
	"github.com/gornn/gornn/rnn/mnist",
	"github.com/gornn/gornn/display",
}

// ThirdParty lists the packages of other modules. Extracting them takes
// about a minute: regenerate them when those modules are upgraded.
var ThirdParty = []string{
	"gonum.org/v1/gonum/mat",
	"gonum.org/v1/gonum/stat",
	"gonum.org/v1/gonum/floats",
	"gonum.org/v1/plot",
	"gonum.org/v1/plot/plotter",
	"gonum.org/v1/plot/vg",
	"gonum.org/v1/plot/vg/draw",
	"gonum.org/v1/plot/vg/vgimg",
	"gonum.org/v1/plot/vg/vgsvg",
}

// Stdlib lists the standard-library packages whose tables kernel/symbols
// extracts in full, because yaegi's stdlib package, which provides the
// rest, was extracted from Go 1.22 or leaves them out on purpose (os/exec
// is in yaegi's "unrestricted" set only, and incomplete there). For every
// other package of the standard library, the stdlib set holds a table of
// the names added since Go 1.22 (see internal/extract). Packages whose
// whole API is generic (iter, unique, weak, crypto/hkdf, crypto/pbkdf2)
// are in Unavailable instead: their tables would be empty.
var Stdlib = []string{
	"crypto/fips140",
	"crypto/hpke",
	"crypto/mlkem",
	"crypto/sha3",
	"embed",
	"os/exec",
	"structs",
}

// Unavailable lists the standard-library packages cells cannot import;
// the documentation of kernel/symbols says why for each. Every other
// package of `go list std` (internal ones aside) must have a table, from
// yaegi or from Stdlib: internal/extract refuses to run otherwise.
var Unavailable = []string{
	"crypto/hkdf", "crypto/pbkdf2", "iter", "unique", "weak",
	"crypto/mlkem/mlkemtest", "testing/cryptotest", "testing/synctest",
	"plugin", "runtime/cgo", "runtime/coverage", "runtime/race", "time/tzdata",
}

// DocumentedStdlib lists the standard-library packages whose
// documentation the kernel carries for inspection requests: the
// predeclared names (package builtin), then the packages notebooks use
// most. Documenting the whole standard library would multiply the size of
// the table for little use.
var DocumentedStdlib = []string{
	"builtin",
	"bufio", "bytes", "cmp", "compress/gzip", "context", "crypto/sha256", "encoding/base64", "encoding/csv",
	"encoding/json", "errors", "fmt", "image", "image/color", "image/png", "io", "log/slog", "maps", "math",
	"math/big", "math/rand", "math/rand/v2", "net/http", "net/url", "os", "os/exec", "path/filepath", "regexp",
	"slices", "sort", "strconv", "strings", "sync", "text/template", "time", "unicode", "unicode/utf8",
}

// Sets names the groups of Own, ThirdParty and Stdlib, for
// `go generate -run`.
var Sets = map[string][]string{
	"own":        Own,
	"thirdparty": ThirdParty,
	"stdlib":     Stdlib,
}

// Documented lists every package whose documentation the kernel carries,
// in a fixed order.
func Documented() []string {
	var all []string
	all = append(all, Own...)
	all = append(all, ThirdParty...)
	return append(all, DocumentedStdlib...)
}

// Folder returns where the tables of a set live, relative to
// kernel/symbols, and the name of their package. The standard library's
// tables stay apart from the Symbols of kernel/symbols, which lists only
// what gornn preloads on top of the standard library.
func Folder(set string) (dir, pkg string) {
	if set == "stdlib" {
		return "internal/stdlib", "stdlib"
	}
	return ".", "symbols"
}

// TableFile is the name of the file that holds the symbol table of the
// package at path: the name `yaegi extract` gives it, so that tables
// written by either tool replace each other.
func TableFile(path string) string {
	return strings.NewReplacer("/", "-", ".", "_", "~", "_").Replace(path) + ".go"
}
