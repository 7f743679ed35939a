package eval

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"sync"

	"github.com/traefik/yaegi/interp"
)

// rtPath is the import path of the compiled helpers the rewrites call.
const rtPath = "gornnkernel/rt"

// helperSource declares in interpreted Go the generic helpers that stand
// in for the builtins min and max. Their names are
// unlikely in cells because the interpreter resolves names in a generic
// body when it instantiates it, where a global of a cell could capture
// them.
const helperSource = `
func __gornnMin[__gornnT ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string](__gornnA __gornnT, __gornnBs ...__gornnT) __gornnT {
	for _, __gornnB := range __gornnBs {
		if __gornnB < __gornnA || __gornnB != __gornnB {
			__gornnA = __gornnB
		}
	}
	return __gornnA
}

func __gornnMax[__gornnT ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string](__gornnA __gornnT, __gornnBs ...__gornnT) __gornnT {
	for _, __gornnB := range __gornnBs {
		if __gornnB > __gornnA || __gornnB != __gornnB {
			__gornnA = __gornnB
		}
	}
	return __gornnA
}
`

// shownInterfaces are the interfaces through which a value of a type
// declared by a cell reaches the result collector with its methods: the
// interpreter wraps such values in the first of these they implement, as
// it does for fmt.Print, and the standard library's tables hold the
// wrapper types it needs for these two.
var shownInterfaces = []reflect.Type{
	reflect.TypeOf((*error)(nil)).Elem(),
	reflect.TypeOf((*fmt.Stringer)(nil)).Elem(),
}

// formattedInterfaces are those through which fmt prints a value of a
// cell's type by its method, in the order fmt looks for them. The
// session's Sprintf and fmt.Errorf get them: with error among them (the
// interpreter's own list for fmt has Formatter and Stringer), a value of
// a cell's error type given to Errorf for %w is an error, which the
// result wraps and unwraps (see errorsCall), instead of %!w.
var formattedInterfaces = []reflect.Type{
	reflect.TypeOf((*fmt.Formatter)(nil)).Elem(),
	reflect.TypeOf((*error)(nil)).Elem(),
	reflect.TypeOf((*fmt.Stringer)(nil)).Elem(),
}

// errorIface is the interface the interpreter gives errors.Join's
// arguments of cells' types as: it passed their structs, and the call
// failed (cannot use *struct {...} as type error).
var errorIface = reflect.TypeOf((*error)(nil)).Elem()

// collector receives the values of a cell's trailing expression.
type collector struct {
	mu     sync.Mutex
	got    bool
	values []any
}

func (c *collector) reset() {
	c.mu.Lock()
	c.got, c.values = false, nil
	c.mu.Unlock()
}

func (c *collector) take() ([]any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.values, c.got
}

// runtimeExports returns the compiled helpers, registered as package
// rtPath and imported by every session as rtAlias.
func runtimeExports(c *collector, g *stackGuard, sn *panicSniffer) interp.Exports {
	result := reflect.ValueOf(func(vs ...any) {
		c.mu.Lock()
		c.got, c.values = true, vs
		c.mu.Unlock()
	})
	note := reflect.ValueOf(sn.note)
	sprintf := reflect.ValueOf(fmt.Sprintf)
	return interp.Exports{
		// Values of types declared by cells reach compiled code without
		// their methods, unless the interpreter wraps them in one of these
		// interfaces, as it does for fmt.Print.
		".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{result: shownInterfaces, note: shownInterfaces, sprintf: formattedInterfaces,
			reflect.ValueOf(fmt.Errorf): formattedInterfaces, reflect.ValueOf(errors.Join): {errorIface}})},
		rtPath + "/rt": {
			"Result": result,
			"GoPanic": reflect.ValueOf(func(r any) {
				fmt.Fprintf(os.Stderr, "panic in goroutine (recovered): %s\n", plainPanicText(r))
			}),
			"Clear":             reflect.ValueOf(clearValue),
			"CheckStack":        reflect.ValueOf(g.check),
			"Recovered":         reflect.ValueOf(recovered),
			"NotePanic":         note,
			"FormatValue":       reflect.ValueOf(formatValue),
			"MethodText":        reflect.ValueOf(methodText),
			"CompiledValue":     reflect.ValueOf(compiledValue),
			"Sprintf":           sprintf,
			"JSONMarshal":       reflect.ValueOf(jsonMarshal),
			"JSONMarshalIndent": reflect.ValueOf(jsonMarshalIndent),
			"JSONEncode":        reflect.ValueOf(jsonEncode),
			"JSONUnmarshal":     reflect.ValueOf(jsonUnmarshal),
			"JSONDecode":        reflect.ValueOf(jsonDecode),
			"LoggerFatal":       reflect.ValueOf(loggerFatal),
			"LoggerFatalf":      reflect.ValueOf(loggerFatalf),
			"LoggerFatalln":     reflect.ValueOf(loggerFatalln),
			// error as a compiled type: see caseError.
			"Error": reflect.ValueOf((*error)(nil)),
		}}
}

// clearValue implements the builtin clear for maps and slices.
func clearValue(v any) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Map, reflect.Slice:
		rv.Clear()
	default:
		panic(fmt.Sprintf("invalid argument: clear of %T (need a map or slice)", v))
	}
}
