package eval

import (
	"encoding/json"
	"fmt"
	"go/types"
	"strconv"
	"strings"
)

// valueFunc returns the text to put before and after an argument of
// static type t that fmt is to print with verb ("v", "+v" or "#v"), so
// that it becomes the text Go prints, when t involves types of cells:
// with a GoString method, its result for %#v; else formatValue's, from a
// description of t. Values inside it that fmt prints by a method of a
// cell's type (Format, Error, String; GoString for %#v) are printed by a
// function the rewrite writes for them, which the interpreter runs.
// Values of an interface type are left to fmt, and so are values whose
// own method fmt calls, which the interpreter passes to fmt with it.
func valueFunc(t types.Type, verb string) (before, after string, ok bool) {
	if types.IsInterface(t) || !mentionsCellType(t) {
		return "", "", false
	}
	if verb == "#v" && !hasMethod(t, "Format") && hasMethod(t, "GoString") {
		return "func() string { return (", ").GoString() }()", true
	}
	if printedByMethod(t, verb) {
		return "", "", false
	}
	var methods []types.Type
	d := describe(t, 0, verb, &methods)
	if verb == "v" && len(methods) == 0 && !hasRenamedFields(t) {
		return "", "", false // fmt prints it as Go does
	}
	text, err := json.Marshal(d)
	if err != nil {
		return "", "", false
	}
	cb := "nil"
	if len(methods) > 0 {
		cb = methodPrinter(methods, verb)
	}
	return formatValueFn + "(" + strconv.Quote(verb) + ", " + strconv.Quote(string(text)) + ", " + cb + ", ", ")", true
}

// formatValueFn is the compiled formatValue, as cells call it.
const formatValueFn = rtAlias + ".FormatValue"

// hasMethod reports whether values of type t have the method name.
func hasMethod(t types.Type, name string) bool {
	return types.NewMethodSet(t).Lookup(nil, name) != nil
}

// printedByMethod reports whether fmt prints a value of type t with verb
// by one of its methods, as fmt's handleMethods decides.
func printedByMethod(t types.Type, verb string) bool {
	if hasMethod(t, "Format") {
		return true
	}
	if verb == "#v" {
		return hasMethod(t, "GoString")
	}
	return hasMethod(t, "Error") || hasMethod(t, "String")
}

// hasRenamedFields reports whether a value of t holds a struct of a cell
// with unexported fields, which the interpreter renames.
func hasRenamedFields(t types.Type) bool {
	found := false
	var walk func(t types.Type, depth int)
	walk = func(t types.Type, depth int) {
		if found || depth > maxDescDepth {
			return
		}
		switch u := t.Underlying().(type) {
		case *types.Struct:
			for i := 0; i < u.NumFields(); i++ {
				if !u.Field(i).Exported() {
					found = true
					return
				}
				walk(u.Field(i).Type(), depth+1)
			}
		case *types.Slice:
			walk(u.Elem(), depth+1)
		case *types.Array:
			walk(u.Elem(), depth+1)
		case *types.Map:
			walk(u.Key(), depth+1)
			walk(u.Elem(), depth+1)
		case *types.Pointer:
			if depth == 0 {
				walk(u.Elem(), depth+1)
			}
		}
	}
	walk(t, 0)
	return found
}

// methodPrinter writes the function that prints a value by its method:
// the i-th of methods (types of cells, or pointers to them) at index i.
// Format goes through fmt, which the interpreter hands the value with
// its method; the others are called.
func methodPrinter(methods []types.Type, verb string) string {
	var b strings.Builder
	b.WriteString("func(__gornnI int, __gornnV any, __gornnF string) string { switch __gornnI {")
	for i, t := range methods {
		name := types.TypeString(t, cellQualifier)
		var call string
		switch {
		case hasMethod(t, "Format"):
			call = sprintfFn + "(__gornnF, __gornnV.(" + name + "))"
		case verb == "#v":
			call = "__gornnV.(" + name + ").GoString()"
		case hasMethod(t, "Error"):
			call = "__gornnV.(" + name + ").Error()"
		default:
			call = "__gornnV.(" + name + ").String()"
		}
		fmt.Fprintf(&b, " case %d: return %s;", i, call)
	}
	b.WriteString(" }; return \"\" }")
	return b.String()
}

// sprintfFn is fmt.Sprintf, with the interpreter's wrapping of cells'
// values in fmt.Formatter, error or fmt.Stringer.
const sprintfFn = rtAlias + ".Sprintf"

// maxDescDepth bounds descriptions of deeply nested types.
const maxDescDepth = 6

// describe writes the description of t that formatValue follows; the
// types whose values fmt prints with verb by a method are added to
// methods and described by their index there.
func describe(t types.Type, depth int, verb string, methods *[]types.Type) *valueDesc {
	d := &valueDesc{Name: types.TypeString(t, goQualifier), Kind: "leaf"}
	if verb == "jsonin" && isCellNamed(t) && unmarshaledByMethod(t) {
		d.Kind, d.Method = "method", len(*methods)
		d.Text = !hasMethod(types.NewPointer(t), "UnmarshalJSON")
		*methods = append(*methods, t)
		return d
	}
	if verb == "json" && isCellNamed(t) && marshaledByMethod(t) {
		d.Kind, d.Method = "method", len(*methods)
		*methods = append(*methods, t)
		return d
	}
	if verb != "json" && verb != "jsonin" && depth > 0 && isCellNamed(t) && printedByMethod(t, verb) {
		d.Kind, d.Method = "method", len(*methods)
		*methods = append(*methods, t)
		return d
	}
	if !mentionsCellType(t) || depth > maxDescDepth {
		return d
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		d.Kind = "struct"
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			d.Fields = append(d.Fields, fieldDesc{Name: f.Name(), Type: describe(f.Type(), depth+1, verb, methods),
				Tag: u.Tag(i), Embedded: f.Embedded(), Unexported: !f.Exported()})
		}
	case *types.Slice:
		d.Kind, d.Elem = "slice", describe(u.Elem(), depth+1, verb, methods)
	case *types.Array:
		d.Kind, d.Elem = "array", describe(u.Elem(), depth+1, verb, methods)
	case *types.Map:
		d.Kind, d.Key, d.Elem = "map", describe(u.Key(), depth+1, verb, methods), describe(u.Elem(), depth+1, verb, methods)
	case *types.Pointer:
		d.Kind = "addr"
		if depth == 0 || verb == "json" || verb == "jsonin" {
			d.Kind, d.Elem = "ptr", describe(u.Elem(), depth+1, verb, methods)
		}
	case *types.Interface:
		d.Kind = "iface"
	}
	return d
}

// isCellNamed reports whether t is a type of the cells or a pointer to
// one.
func isCellNamed(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "main"
}
