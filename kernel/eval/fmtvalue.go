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
// function the rewrite writes for them, which the interpreter runs, and
// so are the values of cells' types that its slices, maps and fields of
// interface types hold (cands are the session's types). Values of an
// interface type are left to fmt, and so are values whose own method
// fmt calls, which the interpreter passes to fmt with it.
func valueFunc(t types.Type, verb string, cands []*types.TypeName) (before, after string, ok bool) {
	return valueFuncDepth(t, verb, cands, 0)
}

// maxRevealDepth bounds the nesting of the functions that print values
// held in interfaces, whose types may hold such values again.
const maxRevealDepth = 2

func valueFuncDepth(t types.Type, verb string, cands []*types.TypeName, depth int) (before, after string, ok bool) {
	if iface, isIface := t.Underlying().(*types.Interface); isIface {
		if depth > 0 || verb == "v" {
			// %v of a value held in an interface: the interpreter
			// hands fmt the value with its methods.
			return "", "", false
		}
		cases := revealCases(iface, verb, cands, depth)
		if cases == "" {
			return "", "", false
		}
		// The argument itself, not a parameter: passed on as an any,
		// an interpreted interface value loses its dynamic type.
		return "func() string { __gornnV := (", "); " + cases + " return " + sprintfFn + "(" + strconv.Quote("%"+verb) + ", __gornnV) }()", true
	}
	holds := depth < maxRevealDepth && len(cands) > 0 && holdsInterface(t, 0)
	if !mentionsCellType(t) && !holds {
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
	if verb == "v" && len(methods) == 0 && !hasRenamedFields(t) && !holds && !pointerDescribes(t) {
		return "", "", false // fmt prints it as Go does
	}
	if !holds {
		clearReveals(d)
	}
	text, err := json.Marshal(d)
	if err != nil {
		return "", "", false
	}
	cb := "nil"
	if len(methods) > 0 {
		cb = methodPrinter(methods, verb, cands, depth)
	}
	return formatValueFn + "(" + strconv.Quote(verb) + ", " + strconv.Quote(string(text)) + ", " + cb + ", ", ")", true
}

// pointerDescribes reports whether t is a type of a cell whose pointer
// has an Error or String method that t lacks: the interpreter hands fmt
// a variable of t with the pointer's method, which fmt, given a copy,
// does not call.
func pointerDescribes(t types.Type) bool {
	if _, isPtr := t.(*types.Pointer); isPtr || !isCellNamed(t) || types.IsInterface(t) {
		return false
	}
	ptr := types.NewPointer(t)
	for _, m := range []string{"Error", "String"} {
		if !hasMethod(t, m) && hasMethod(ptr, m) {
			return true
		}
	}
	return false
}

// holdsInterface reports whether a value of t holds values of interface
// types in its slices, arrays, maps or struct fields (a pointer's
// target too, at the top).
func holdsInterface(t types.Type, depth int) bool {
	if depth > maxDescDepth {
		return false
	}
	if depth > 0 && types.IsInterface(t) {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if holdsInterface(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Slice:
		return holdsInterface(u.Elem(), depth+1)
	case *types.Array:
		return holdsInterface(u.Elem(), depth+1)
	case *types.Map:
		return holdsInterface(u.Key(), depth+1) || holdsInterface(u.Elem(), depth+1)
	case *types.Pointer:
		return depth == 0 && holdsInterface(u.Elem(), depth+1)
	}
	return false
}

// clearReveals drops the interface entries of a description whose
// printing needs none.
func clearReveals(d *valueDesc) {
	if d == nil {
		return
	}
	if d.Kind == "iface" {
		d.Reveal = false
	}
	clearReveals(d.Key)
	clearReveals(d.Elem)
	for _, f := range d.Fields {
		clearReveals(f.Type)
	}
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
// its method; the others are called. An interface type among methods
// stands for the values of cells' types it holds: the function asks
// the value for each of its types in cands, and returns unrevealed for
// other values.
func methodPrinter(methods []types.Type, verb string, cands []*types.TypeName, depth int) string {
	var b strings.Builder
	b.WriteString("func(__gornnI int, __gornnV any, __gornnF string) string { switch __gornnI {")
	for i, t := range methods {
		if iface, ok := t.Underlying().(*types.Interface); ok {
			fmt.Fprintf(&b, " case %d: %s return %q;", i, revealCases(iface, verb, cands, depth), unrevealed)
			continue
		}
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

// unrevealed is what a method printer returns for a value held in an
// interface that is of none of the cells' types.
const unrevealed = "\x00"

// revealCases writes the statements that print __gornnV, held in an
// interface of type iface, as the type of a cell it asserts to.
func revealCases(iface *types.Interface, verb string, cands []*types.TypeName, depth int) string {
	var b strings.Builder
	for _, tn := range cands {
		if types.IsInterface(tn.Type()) {
			continue
		}
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(t, iface) {
				continue
			}
			name := types.TypeString(t, cellQualifier)
			text := sprintfFn + "(" + strconv.Quote("%"+verb) + ", __gornnX)"
			_, isPtr := t.(*types.Pointer)
			switch {
			case isPtr && !printedByMethod(t, verb) && verb == "#v":
				// Inside a slice, map or struct, fmt prints a pointer
				// by its address.
				text = strconv.Quote("("+goTypeText(t)+")(") + " + " + sprintfFn + "(\"%p\", __gornnX) + \")\""
			case isPtr && !printedByMethod(t, verb):
				text = sprintfFn + "(\"%p\", __gornnX)"
			default:
				if before, after, ok := valueFuncDepth(t, verb, cands, depth+1); ok {
					text = before + "__gornnX" + after
				}
			}
			fmt.Fprintf(&b, " if __gornnX, __gornnOK := __gornnV.(%s); __gornnOK { return %s };", name, text)
		}
	}
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
	d := &valueDesc{Name: goTypeText(t), Kind: "leaf"}
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
	printing := verb == "v" || verb == "+v" || verb == "#v"
	holds := printing && (holdsInterface(t, 0) || depth > 0 && types.IsInterface(t))
	if (!mentionsCellType(t) && !holds) || depth > maxDescDepth {
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
		if printing {
			d.Reveal, d.Method = true, len(*methods)
			*methods = append(*methods, t)
		}
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
