package display

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PlainText returns the plain text a notebook shows for v: its fmt %v form,
// except for values that %v would show as a wall of addresses and
// internal fields (a struct with unexported fields or pointers inside, a
// function, a slice of pointers); those get a summary instead, with the
// type's name, the exported fields and what the pointers point to, and
// "…" where unexported fields are left out.
func PlainText(v any) string {
	if v == nil {
		return "<nil>"
	}
	switch v.(type) {
	case fmt.Formatter, fmt.Stringer, error:
		return textOf(v)
	}
	rv := reflect.ValueOf(v)
	if !needsSummary(rv.Type(), 0) {
		return textOf(v)
	}
	s, ok := safeString(func() string { return summary(rv, 0) })
	if !ok {
		return textOf(v)
	}
	return s
}

var (
	stringerType  = reflect.TypeFor[fmt.Stringer]()
	errorType     = reflect.TypeFor[error]()
	formatterType = reflect.TypeFor[fmt.Formatter]()
)

// describes reports whether values of t format themselves.
func describes(t reflect.Type) bool {
	return t.Implements(stringerType) || t.Implements(errorType) || t.Implements(formatterType)
}

// Summaries stop at this depth, and so does the search for what %v would
// show badly (types can be recursive).
const (
	maxSummaryDepth = 2
	maxSummaryItems = 8
)

// needsSummary reports whether %v of a value of type t, at depth levels
// inside the value printed, shows addresses or unexported fields.
func needsSummary(t reflect.Type, depth int) bool {
	if depth > 0 && describes(t) {
		return false
	}
	if depth > 4 {
		return false
	}
	switch t.Kind() {
	case reflect.Pointer:
		if depth == 0 {
			// %v shows &{…} for a pointer to a struct it is given, and
			// an address for any other pointer.
			return t.Elem().Kind() != reflect.Struct || describes(t.Elem()) || needsSummary(t.Elem(), 0)
		}
		return true
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return true
	case reflect.Struct:
		if depth == 0 && describes(t) {
			return false
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || needsSummary(f.Type, depth+1) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		return needsSummary(t.Elem(), depth+1)
	case reflect.Map:
		return needsSummary(t.Key(), depth+1) || needsSummary(t.Elem(), depth+1)
	}
	return false
}

// summary formats v at depth levels inside the value shown.
func summary(v reflect.Value, depth int) string {
	if !v.IsValid() {
		return "nil"
	}
	if v.CanInterface() && describes(v.Type()) {
		if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
			return "nil"
		}
		return textOf(v.Interface())
	}
	t := v.Type()
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return "nil"
		}
		return "&" + summary(v.Elem(), depth)
	case reflect.Interface:
		if v.IsNil() {
			return "nil"
		}
		return summary(v.Elem(), depth)
	case reflect.Func, reflect.Chan, reflect.Map, reflect.Slice:
		if v.IsNil() {
			return "nil"
		}
	}
	switch v.Kind() {
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return t.String()
	case reflect.Struct:
		return structSummary(v, depth)
	case reflect.Slice, reflect.Array:
		items := make([]string, 0, min(v.Len(), maxSummaryItems))
		for i := 0; i < v.Len() && i < maxSummaryItems; i++ {
			items = append(items, summary(v.Index(i), depth+1))
		}
		if v.Len() > maxSummaryItems {
			items = append(items, fmt.Sprintf("… (%d items)", v.Len()))
		}
		return "[" + strings.Join(items, " ") + "]"
	case reflect.Map:
		var entries []string
		iter := v.MapRange()
		for iter.Next() {
			entries = append(entries, summary(iter.Key(), depth+1)+":"+summary(iter.Value(), depth+1))
		}
		sort.Strings(entries)
		if len(entries) > maxSummaryItems {
			entries = append(entries[:maxSummaryItems], fmt.Sprintf("… (%d entries)", v.Len()))
		}
		return "map[" + strings.Join(entries, " ") + "]"
	}
	if v.CanInterface() {
		return fmt.Sprint(v.Interface())
	}
	return fmt.Sprint(v)
}

// structSummary shows a struct's exported fields by name, and "…" for
// the unexported ones it leaves out. The fields of a struct type made by
// the interpreter for a cell's type keep their names: the interpreter
// exports them as "X" plus the name.
func structSummary(v reflect.Value, depth int) string {
	t := v.Type()
	name := t.String()
	interpreted := t.Name() == ""
	if interpreted {
		name = "" // a struct literal type: its text is as long as the fields
	}
	if depth >= maxSummaryDepth {
		return name + "{…}"
	}
	var fields []string
	hidden := false
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			hidden = true
			continue
		}
		if len(fields) == maxSummaryItems {
			hidden = true
			break
		}
		fname := f.Name
		if interpreted {
			fname = cellFieldName(fname)
		}
		fields = append(fields, fname+": "+summary(v.Field(i), depth+1))
	}
	if hidden {
		fields = append(fields, "…")
	}
	return name + "{" + strings.Join(fields, ", ") + "}"
}

// cellFieldName undoes the interpreter's "X" prefix on an unexported
// field of a cell's type.
func cellFieldName(name string) string {
	rest, ok := strings.CutPrefix(name, "X")
	if !ok {
		return name
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if r == '_' || unicode.IsLower(r) {
		return rest
	}
	return name
}
