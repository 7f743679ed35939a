package eval

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"unsafe"
)

// valueDesc describes, from the cell's type check, the static type of a
// value that fmt is to print with %v, %+v or %#v: what compiled fmt
// cannot know about values of cells' types, which reach it as anonymous
// structs with renamed unexported fields (X prefixed), no type names and
// no methods.
type valueDesc struct {
	Name   string      `json:"n"`             // the type as %#v writes it: "main.point", "[]main.point"
	Kind   string      `json:"k"`             // "struct", "slice", "array", "map", "ptr", "addr" (a pointer shown by address), "iface", "method" or "leaf"
	Method int         `json:"m,omitempty"`   // for "method", and "iface" with Reveal: the index of the value's type in the cell's method printer
	Reveal bool        `json:"rv,omitempty"`  // for "iface": the method printer prints the values of cells' types it holds
	Text   bool        `json:"txt,omitempty"` // for "method" in decoding: by UnmarshalText
	Fields []fieldDesc `json:"f,omitempty"`   // a struct's, in order
	Key    *valueDesc  `json:"key,omitempty"`
	Elem   *valueDesc  `json:"e,omitempty"`
}

// fieldDesc is a struct field: its Go name, its type, its tag, and
// whether it is embedded or unexported.
type fieldDesc struct {
	Name       string     `json:"n"`
	Type       *valueDesc `json:"t"`
	Tag        string     `json:"tag,omitempty"`
	Embedded   bool       `json:"emb,omitempty"`
	Unexported bool       `json:"unexp,omitempty"`
}

// parsedDescs caches the descriptions the rewrites write into cells, by
// their text.
var parsedDescs sync.Map // string -> *valueDesc

// formatValue prints v as fmt's %v, %+v or %#v (verb "v", "+v" or "#v")
// prints a value of the type desc describes. It is what cells call in
// place of those verbs for values of their types (see fmttype.go).
// methods, when not nil, prints a value by its method: the cell's
// function for the types of the description's "method" entries.
func formatValue(verb, desc string, methods func(int, any, string) string, v any) string {
	d, ok := parseDesc(desc)
	if !ok {
		return fmt.Sprintf("%"+verb, v)
	}
	var b strings.Builder
	vp := valuePrinter{b: &b, plus: verb == "+v", sharp: verb == "#v", methods: methods}
	vp.print(reflect.ValueOf(v), d, 0)
	return b.String()
}

// parseDesc returns the description a rewrite wrote, parsed once.
func parseDesc(desc string) (*valueDesc, bool) {
	d, ok := parsedDescs.Load(desc)
	if !ok {
		var nd valueDesc
		if err := json.Unmarshal([]byte(desc), &nd); err != nil {
			return nil, false
		}
		d, _ = parsedDescs.LoadOrStore(desc, &nd)
	}
	return d.(*valueDesc), true
}

// valuePrinter writes values as fmt's printValue does.
type valuePrinter struct {
	b           *strings.Builder
	plus, sharp bool
	methods     func(int, any, string) string
}

func (p valuePrinter) verb() string {
	switch {
	case p.sharp:
		return "%#v"
	case p.plus:
		return "%+v"
	}
	return "%v"
}

// leaf prints v with fmt itself.
func (p valuePrinter) leaf(v reflect.Value) {
	if !v.IsValid() {
		p.b.WriteString("<nil>")
		return
	}
	if !v.CanInterface() {
		fmt.Fprint(p.b, v)
		return
	}
	fmt.Fprintf(p.b, p.verb(), v.Interface())
}

func (p valuePrinter) print(v reflect.Value, d *valueDesc, depth int) {
	if !v.IsValid() {
		if p.sharp && d.Name != "" {
			fmt.Fprintf(p.b, "%s(nil)", d.Name)
			return
		}
		p.b.WriteString("<nil>")
		return
	}
	switch d.Kind {
	case "struct":
		if v.Kind() != reflect.Struct || v.NumField() != len(d.Fields) {
			p.leaf(v)
			return
		}
		if p.sharp {
			p.b.WriteString(d.Name)
		}
		p.b.WriteByte('{')
		for i, f := range d.Fields {
			if i > 0 {
				if p.sharp {
					p.b.WriteString(", ")
				} else {
					p.b.WriteByte(' ')
				}
			}
			if p.plus || p.sharp {
				p.b.WriteString(f.Name)
				p.b.WriteByte(':')
			}
			p.print(v.Field(i), f.Type, depth+1)
		}
		p.b.WriteByte('}')
	case "slice", "array":
		if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
			p.leaf(v)
			return
		}
		if p.sharp {
			if v.Kind() == reflect.Slice && v.IsNil() {
				fmt.Fprintf(p.b, "%s(nil)", d.Name)
				return
			}
			p.b.WriteString(d.Name)
			p.b.WriteByte('{')
		} else {
			p.b.WriteByte('[')
		}
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				if p.sharp {
					p.b.WriteString(", ")
				} else {
					p.b.WriteByte(' ')
				}
			}
			p.print(v.Index(i), d.Elem, depth+1)
		}
		if p.sharp {
			p.b.WriteByte('}')
		} else {
			p.b.WriteByte(']')
		}
	case "map":
		if v.Kind() != reflect.Map {
			p.leaf(v)
			return
		}
		keys, ok := mapKeysInOrder(v)
		if !ok {
			p.leaf(v)
			return
		}
		if p.sharp {
			if v.IsNil() {
				fmt.Fprintf(p.b, "%s(nil)", d.Name)
				return
			}
			p.b.WriteString(d.Name)
			p.b.WriteByte('{')
		} else {
			p.b.WriteString("map[")
		}
		for i, k := range keys {
			if i > 0 {
				if p.sharp {
					p.b.WriteString(", ")
				} else {
					p.b.WriteByte(' ')
				}
			}
			p.print(k, d.Key, depth+1)
			p.b.WriteByte(':')
			p.print(v.MapIndex(k), d.Elem, depth+1)
		}
		if p.sharp {
			p.b.WriteByte('}')
		} else {
			p.b.WriteByte(']')
		}
	case "ptr", "addr":
		if v.Kind() != reflect.Pointer {
			p.leaf(v)
			return
		}
		if v.IsNil() {
			if p.sharp {
				fmt.Fprintf(p.b, "(%s)(nil)", d.Name)
			} else {
				p.b.WriteString("<nil>")
			}
			return
		}
		if d.Kind == "ptr" && depth == 0 {
			switch d.Elem.Kind {
			case "struct", "slice", "array", "map":
				p.b.WriteByte('&')
				p.print(v.Elem(), d.Elem, depth+1)
				return
			}
		}
		if p.sharp {
			fmt.Fprintf(p.b, "(%s)(%#x)", d.Name, v.Pointer())
		} else {
			fmt.Fprintf(p.b, "%#x", v.Pointer())
		}
	case "method":
		if p.methods == nil || !v.CanInterface() {
			p.leaf(v)
			return
		}
		if v.Kind() == reflect.Pointer && v.IsNil() {
			p.b.WriteString("<nil>")
			return
		}
		p.b.WriteString(p.methods(d.Method, v.Interface(), p.verb()))
	case "iface":
		// The interpreter keeps a slice of a cell's interface type as
		// one of its own interface values, structs, and one of a
		// compiled interface type as interfaces.
		held := v
		if v.Kind() == reflect.Interface && !v.IsNil() {
			held = v.Elem()
		}
		if d.Reveal && p.methods != nil && v.CanInterface() && held.Kind() != reflect.Interface && interpreted(held) {
			if text := p.methods(d.Method, v.Interface(), p.verb()); text != unrevealed {
				p.b.WriteString(text)
				return
			}
		}
		if v.Kind() == reflect.Interface && !v.IsNil() && depth > 0 && !interpreted(v.Elem()) && v.CanInterface() {
			// A compiled value, printed as fmt prints one inside a
			// slice: a pointer by its address, methods called.
			p.b.WriteString(insideSlice(p.verb(), v.Interface()))
			return
		}
		if held, ok := heldValue(v); ok {
			v = held
		}
		if !v.IsValid() || (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && v.IsNil() {
			if p.sharp {
				fmt.Fprintf(p.b, "%s(nil)", d.Name)
			} else {
				p.b.WriteString("<nil>")
			}
			return
		}
		if v.Kind() == reflect.Interface {
			v = v.Elem()
		}
		p.leaf(v)
	default:
		p.leaf(v)
	}
}

// mapKeysInOrder returns a map's keys in the order fmt prints them, for keys
// of basic kinds; false for others.
func mapKeysInOrder(m reflect.Value) ([]reflect.Value, bool) {
	keys := m.MapKeys()
	var less func(a, b reflect.Value) bool
	switch m.Type().Key().Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		less = func(a, b reflect.Value) bool { return a.Int() < b.Int() }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		less = func(a, b reflect.Value) bool { return a.Uint() < b.Uint() }
	case reflect.String:
		less = func(a, b reflect.Value) bool { return a.String() < b.String() }
	case reflect.Float32, reflect.Float64:
		less = func(a, b reflect.Value) bool {
			x, y := a.Float(), b.Float()
			return x < y || (x != x && y == y) // NaNs first, as fmt does
		}
	case reflect.Bool:
		less = func(a, b reflect.Value) bool { return !a.Bool() && b.Bool() }
	default:
		return nil, false
	}
	sort.Slice(keys, func(i, j int) bool { return less(keys[i], keys[j]) })
	return keys, true
}

// interpreted reports whether v, held in an interface, is a value of a
// cell's type as the interpreter keeps it: its own interface value, or
// its wrapper in a compiled interface.
func interpreted(v reflect.Value) bool {
	if !v.IsValid() {
		return false
	}
	if h, ok := heldValue(v); ok {
		return h.IsValid() // not when the interface is nil
	}
	t := v.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	// A struct of a cell's type is one without a name in reflect.
	return isInterpWrapper(v.Type()) || t.Kind() == reflect.Struct && t.Name() == ""
}

// insideSlice prints x as fmt prints an element of a []any with verb.
func insideSlice(verb string, x any) string {
	s := fmt.Sprintf(verb, []any{x})
	if verb == "%#v" {
		return strings.TrimSuffix(strings.TrimPrefix(s, "[]interface {}{"), "}")
	}
	return strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
}

// heldValue returns the value an interface field of a cell's type holds.
// The interpreter keeps such a field as a struct of its own
// (interp.valueInterface) whose second field is the reflect.Value held.
func heldValue(v reflect.Value) (reflect.Value, bool) {
	if v.Kind() != reflect.Struct || v.Type().String() != "interp.valueInterface" || v.NumField() != 2 ||
		v.Type().Field(1).Type != reflect.TypeOf(reflect.Value{}) {
		return v, false
	}
	if !v.CanAddr() {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
	}
	return *(*reflect.Value)(unsafe.Pointer(v.Field(1).UnsafeAddr())), true
}
