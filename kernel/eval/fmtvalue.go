package eval

import (
	"encoding/json"
	"go/types"
	"strconv"
)

// valueFunc returns the text to put before and after an argument of
// static type t that fmt is to print with verb ("+v" or "#v"), so that
// it becomes the text Go prints, when t involves types of cells: with a
// GoString method, its result for %#v; else formatValue's, from a
// description of t. Values fmt would print by a method of a cell's type
// deeper inside (String, Error, GoString, Format), and values of an
// interface type, are left to fmt.
func valueFunc(t types.Type, verb string) (before, after string, ok bool) {
	if types.IsInterface(t) || !mentionsCellType(t) {
		return "", "", false
	}
	if verb == "#v" && hasMethod(t, "GoString") {
		return "func() string { return (", ").GoString() }()", true
	}
	if verb == "+v" && (hasMethod(t, "String") || hasMethod(t, "Error")) {
		return "", "", false // the interpreter passes fmt such values with their method
	}
	d, ok := describe(t, 0, map[types.Type]bool{})
	if !ok {
		return "", "", false
	}
	text, err := json.Marshal(d)
	if err != nil {
		return "", "", false
	}
	return formatValueFn + "(" + strconv.Quote(verb) + ", " + strconv.Quote(string(text)) + ", ", ")", true
}

// formatValueFn is the compiled formatValue, as cells call it.
const formatValueFn = rtAlias + ".FormatValue"

// hasMethod reports whether values of type t have the method name.
func hasMethod(t types.Type, name string) bool {
	return types.NewMethodSet(t).Lookup(nil, name) != nil
}

// maxDescDepth bounds descriptions of deeply nested types; a recursive
// type reaches itself only through pointers, maps or slices, and is
// described once per level.
const maxDescDepth = 6

// describe writes the description of t that formatValue follows. It
// fails on types whose values fmt would print by a method of a cell's
// type.
func describe(t types.Type, depth int, seen map[types.Type]bool) (*valueDesc, bool) {
	d := &valueDesc{Name: types.TypeString(t, goQualifier), Kind: "leaf"}
	if named, ok := t.(*types.Named); ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "main" {
		for _, m := range []string{"String", "Error", "GoString", "Format"} {
			if hasMethod(t, m) || hasMethod(types.NewPointer(t), m) {
				return nil, false
			}
		}
	}
	if !mentionsCellType(t) || depth > maxDescDepth {
		return d, true
	}
	var ok bool
	switch u := t.Underlying().(type) {
	case *types.Struct:
		d.Kind = "struct"
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			fd, ok := describe(f.Type(), depth+1, seen)
			if !ok {
				return nil, false
			}
			d.Fields = append(d.Fields, fieldDesc{Name: f.Name(), Type: fd})
		}
	case *types.Slice:
		d.Kind = "slice"
		if d.Elem, ok = describe(u.Elem(), depth+1, seen); !ok {
			return nil, false
		}
	case *types.Array:
		d.Kind = "array"
		if d.Elem, ok = describe(u.Elem(), depth+1, seen); !ok {
			return nil, false
		}
	case *types.Map:
		d.Kind = "map"
		if d.Key, ok = describe(u.Key(), depth+1, seen); !ok {
			return nil, false
		}
		if d.Elem, ok = describe(u.Elem(), depth+1, seen); !ok {
			return nil, false
		}
	case *types.Pointer:
		d.Kind = "addr"
		if depth == 0 {
			d.Kind = "ptr"
			if d.Elem, ok = describe(u.Elem(), depth+1, seen); !ok {
				return nil, false
			}
		}
	case *types.Interface:
		d.Kind = "iface"
	}
	return d, true
}
