package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Values of types declared in cells are, to compiled code, anonymous
// structs (or the underlying types), so fmt's %T prints
// "struct { A float64; ... }" where Go prints "main.Triangle". When a
// cell calls a printing function of fmt or log with a constant format,
// each %T whose argument may hold a type of a cell becomes %s, and the
// argument becomes the name of its type, found by type assertions to the
// cells' types that fit the argument's static type:
//
//	fmt.Printf("%T\n", s)  ->  fmt.Printf("%s\n", func() string { v := (s); ...; if _, ok := v.(Circle); ok { return "main.Circle" }; ... }())
//
// Types declared inside functions, and values held in an interface whose
// type is a composite of cells' types or a cell's named float, slice, ...
// (which the interpreter holds as the underlying type), still print as
// the interpreter sees them.

// formatArg gives, for the printing functions of fmt and log, the index
// of the format argument.
var formatArg = map[string]map[string]int{
	"fmt": {"Printf": 0, "Sprintf": 0, "Errorf": 0, "Fprintf": 1, "Appendf": 1},
	"log": {"Printf": 0, "Fatalf": 0, "Panicf": 0},
}

// loggerFormatArg is the same for the methods of *log.Logger.
var loggerFormatArg = map[string]int{"Printf": 0, "Fatalf": 0, "Panicf": 0}

// typeNameFn is the compiled fallback: %T as fmt prints it.
const typeNameFn = rtAlias + ".TypeName"

// formatEdits returns the rewrites of %T, %v, %+v and %#v verbs, and of
// Println's operands, in the calls of pieces.
func (s *Session) formatEdits(src string, pieces []*piece) []edit {
	if s.check == nil || s.cellTypes.types == nil {
		return nil
	}
	s.mu.Lock()
	imports := s.imports
	s.mu.Unlock()
	cellTypes := s.check.TypeNames()
	var out []edit
	inspectPieces(pieces, func(p *piece, n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if call.Ellipsis.IsValid() {
			return true
		}
		if first, ok := s.argIndex(p, call, imports, printlnArg, printlnArg["log"]); ok {
			// Println's operands print as %v, each on its own.
			for _, arg := range call.Args[min(first, len(call.Args)):] {
				if t, ok := s.typeOf(p.off(arg.Pos()), p.off(arg.End())); ok {
					if before, after, ok := valueFunc(t, "v", cellTypes); ok {
						out = append(out, wrapEdits(p.off(arg.Pos()), p.off(arg.End()), before, after, 0)...)
					} else if before, after, ok := methodTextFunc(t, 'v', ""); ok {
						out = append(out, wrapEdits(p.off(arg.Pos()), p.off(arg.End()), before, after, 0)...)
					}
				}
			}
			return true
		}
		fi, ok := s.argIndex(p, call, imports, formatArg, loggerFormatArg)
		if !ok || fi >= len(call.Args) {
			return true
		}
		lit, ok := call.Args[fi].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		format, err := strconv.Unquote(lit.Value)
		if err != nil {
			return true
		}
		verbs, ok := parseVerbs(format)
		if !ok {
			return true
		}
		// The format's new text, built from its end so that the
		// offsets of the verbs before stay right.
		b := format
		changed := false
		for i := len(verbs) - 1; i >= 0; i-- {
			v := verbs[i]
			ai := fi + 1 + v.arg
			if ai >= len(call.Args) {
				continue
			}
			arg := call.Args[ai]
			t, ok := s.typeOf(p.off(arg.Pos()), p.off(arg.End()))
			if !ok {
				continue
			}
			if before, after, ok := methodTextFunc(t, v.verb, v.flags); ok {
				// The verb stays: it formats the method's text.
				out = append(out, wrapEdits(p.off(arg.Pos()), p.off(arg.End()), before, after, 0)...)
				continue
			}
			var before, after string
			switch {
			case v.verb == 'T':
				before, after, ok = typeNameFunc(t, cellTypes)
			case v.verb == 'v' && !v.sized && (v.flags == "" || v.flags == "+" || v.flags == "#"):
				before, after, ok = valueFunc(t, v.flags+"v", cellTypes)
			case !strings.ContainsRune("vsxXq%", v.verb) && isCellNamed(t) && !types.IsInterface(t) && !hasMethod(t, "Format") &&
				(hasMethod(t, "String") || hasMethod(t, "Error")):
				// fmt prints the value itself for this verb, but the
				// interpreter hands fmt such a value as an fmt.Stringer
				// or error of its own: convert it to its underlying
				// type, which has no methods.
				if _, isStruct := t.Underlying().(*types.Struct); !isStruct {
					if _, isPtr := t.(*types.Pointer); !isPtr {
						out = append(out,
							edit{Off: p.off(arg.Pos()), End: p.off(arg.Pos()), Text: "(" + types.TypeString(t.Underlying(), cellQualifier) + ")("},
							edit{Off: p.off(arg.End()), End: p.off(arg.End()), Text: ")"})
					}
				}
				continue
			default:
				ok = false
			}
			if !ok {
				continue
			}
			verb := "%s" // %v, %+v and %#v, which have no width
			if v.verb == 'T' {
				verb = format[v.start:v.off] + "s"
			}
			b = b[:v.start] + verb + b[v.off+utf8.RuneLen(v.verb):]
			changed = true
			out = append(out, wrapEdits(p.off(arg.Pos()), p.off(arg.End()), before, after, 0)...)
		}
		if changed {
			out = append(out, edit{Off: p.off(lit.Pos()), End: p.off(lit.End()), Text: strconv.Quote(b)})
		}
		return true
	})
	return out
}

// printlnArg gives, for the functions of fmt and log that print their
// operands as %v separated by spaces, the index of the first operand.
// (Print and Sprint put spaces only between operands that are not
// strings, so their operands cannot become strings.)
var printlnArg = map[string]map[string]int{
	"fmt": {"Println": 0, "Sprintln": 0, "Fprintln": 1, "Appendln": 1},
	"log": {"Println": 0, "Fatalln": 0, "Panicln": 0},
}

// argIndex returns the index in call's arguments that funcs gives for
// the function of an imported package it calls (funcs maps an import
// path to functions), or that logger gives for the method of a
// *log.Logger it calls.
func (s *Session) argIndex(p *piece, call *ast.CallExpr, imports map[string]string, funcs map[string]map[string]int, logger map[string]int) (int, bool) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return 0, false
	}
	if path, ok := s.selectedPackage(p, sel, imports); ok {
		i, ok := funcs[path][sel.Sel.Name]
		return i, ok
	}
	if t, ok := s.typeOf(p.off(sel.X.Pos()), p.off(sel.X.End())); ok && isLogLogger(t) {
		i, ok := logger[sel.Sel.Name]
		return i, ok
	}
	return 0, false
}

// selectedPackage returns the import path of the package sel selects
// from, when sel.X names an imported package (and no value of the cell).
func (s *Session) selectedPackage(p *piece, sel *ast.SelectorExpr, imports map[string]string) (string, bool) {
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return "", false
	}
	path, ok := imports[id.Name]
	if !ok {
		return "", false
	}
	if _, isValue := s.typeOf(p.off(id.Pos()), p.off(id.End())); isValue {
		return "", false
	}
	return path, true
}

// typeNameFunc returns the text to put before and after an argument of
// static type t so that it becomes the name Go's %T prints for its value,
// when t involves types of cells.
func typeNameFunc(t types.Type, cellTypes []*types.TypeName) (before, after string, ok bool) {
	if iface, ok := t.Underlying().(*types.Interface); ok {
		var cases []string
		for _, tn := range cellTypes {
			if types.IsInterface(tn.Type()) {
				continue // no value's dynamic type
			}
			if _, isStruct := tn.Type().Underlying().(*types.Struct); !isStruct && iface.Empty() {
				// The interpreter may hold a value of a named float,
				// slice, ... in an any as one of the underlying type,
				// which an assertion cannot tell from a compiled one.
				continue
			}
			for _, ct := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
				if types.Implements(ct, iface) {
					cases = append(cases, fmt.Sprintf("if _, __gornnOK := __gornnV.(%s); __gornnOK { return %q }", types.TypeString(ct, cellQualifier), goTypeText(ct)))
				}
			}
		}
		if len(cases) == 0 {
			return "", "", false
		}
		// Type assertions, not a type switch: the interpreter's switch
		// misses the dynamic type of a value held in an any. And the
		// argument itself, not a parameter: passed on as an any, an
		// interpreted interface value loses its dynamic type.
		return "func() string { __gornnV := (",
			fmt.Sprintf("); if __gornnV == nil { return \"<nil>\" }; %s; return %s(__gornnV) }()", strings.Join(cases, "; "), typeNameFn), true
	}
	name := goTypeText(t)
	if !mentionsCellType(t) {
		return "", "", false
	}
	return "func(any) string { return " + strconv.Quote(name) + " }(", ")", true
}

// methodTextFunc returns the text to put around an argument of static
// type t, a cell's type whose Error or String method fmt calls for verb
// (v without #, s, q, x, X), so that it becomes the method's text, as fmt
// prints it: a panic in the method reads %!v(PANIC=String method: ...),
// and <nil> for a nil pointer. The interpreter hands fmt such a value
// with its method, but not a value a function variable returned, or a
// method promoted from an embedded field.
func methodTextFunc(t types.Type, verb rune, flags string) (before, after string, ok bool) {
	if !strings.ContainsRune("vsqxX", verb) || strings.Contains(flags, "#") {
		return "", "", false
	}
	if !isCellNamed(t) || hasMethod(t, "Format") {
		return "", "", false
	}
	method := "String"
	if hasMethod(t, "Error") {
		method = "Error"
	} else if !hasMethod(t, "String") {
		return "", "", false
	}
	nilRecv := "false"
	if _, isPtr := t.(*types.Pointer); isPtr {
		nilRecv = "__gornnV == nil"
	}
	if types.IsInterface(t) {
		// A cell's interface that has the method: a value a generic
		// function returned reached fmt without its methods. A nil
		// interface prints <nil>; a compiled value, as fmt prints it.
		return fmt.Sprintf("func(__gornnV %s) any { if __gornnV == nil { return nil }; if __gornnC, __gornnOK := %s(__gornnV); __gornnOK { return __gornnC }; return %s(func() string { return __gornnV.%s() }, false, %q, %q) }(",
			types.TypeString(t, cellQualifier), compiledValueFn, methodTextFn, method, string(verb), method), ")", true
	}
	return fmt.Sprintf("func(__gornnV %s) string { return %s(func() string { return __gornnV.%s() }, %s, %q, %q) }(",
		types.TypeString(t, cellQualifier), methodTextFn, method, nilRecv, string(verb), method), ")", true
}

// compiledValueFn is compiledValue, as cells call it.
const compiledValueFn = rtAlias + ".CompiledValue"

// compiledValue returns v and true when v, held in an interface of a
// cell, is of a compiled type, which fmt prints as it is (by its Format
// method, say).
func compiledValue(v any) (any, bool) {
	if v == nil {
		return nil, false
	}
	rv := reflect.ValueOf(v)
	if _, interp := heldValue(rv); interp || interpreted(rv) {
		return nil, false
	}
	return v, true
}

// methodTextFn is methodText, as cells call it.
const methodTextFn = rtAlias + ".MethodText"

// methodText returns what call, a value's Error or String method,
// returns, as fmt prints it with verb: a panic of the method as fmt
// reports it, or <nil> when the receiver is a nil pointer.
func methodText(call func() string, nilRecv bool, verb, method string) (text string) {
	defer func() {
		if r := recover(); r != nil {
			if nilRecv {
				text = "<nil>"
				return
			}
			text = fmt.Sprintf("%%!%s(PANIC=%s method: %v)", verb, method, recovered(r))
		}
	}()
	return call()
}

// mentionsCellType reports whether t's text names a type of the cells.
func mentionsCellType(t types.Type) bool {
	found := false
	types.TypeString(t, func(p *types.Package) string {
		if p.Path() == "main" {
			found = true
		}
		return p.Name()
	})
	return found
}

// cellQualifier writes types as a cell writes them: its own unqualified.
func cellQualifier(p *types.Package) string {
	if p.Path() == "main" {
		return ""
	}
	return p.Name()
}

// goQualifier writes types as %T does: by package name.
func goQualifier(p *types.Package) string { return p.Name() }

// goTypeText writes t as %T, %#v and Go's runtime errors do: by package
// name, and any as interface {}.
func goTypeText(t types.Type) string {
	return anyName.ReplaceAllString(types.TypeString(t, goQualifier), "${1}interface {}")
}

// anyName matches the predeclared any in a type's text (not a type
// named any of a package).
var anyName = regexp.MustCompile(`(^|[^.\w])any\b`)

// fmtVerb is a verb of a format: the argument it prints (0 for the
// first after the format), the offsets of its % and of the verb itself,
// its flags, and whether it has a width or precision.
type fmtVerb struct {
	arg, start, off int
	flags           string
	sized           bool
	verb            rune
}

// parseVerbs finds the verbs of format that take an argument. It gives
// up (false) on explicit argument indexes, which the rewrite does not
// follow.
func parseVerbs(format string) ([]fmtVerb, bool) {
	var out []fmtVerb
	arg := 0
	digits := func(i int) int {
		for i < len(format) && format[i] >= '0' && format[i] <= '9' {
			i++
		}
		return i
	}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		v := fmtVerb{start: i}
		i++
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		v.flags = format[v.start+1 : i]
		if i < len(format) && format[i] == '*' {
			arg++
			i++
			v.sized = true
		} else if j := digits(i); j > i {
			i, v.sized = j, true
		}
		if i < len(format) && format[i] == '.' {
			i++
			v.sized = true
			if i < len(format) && format[i] == '*' {
				arg++
				i++
			} else {
				i = digits(i)
			}
		}
		if i >= len(format) {
			break
		}
		if format[i] == '[' {
			return nil, false
		}
		if format[i] == '%' {
			continue
		}
		r, size := utf8.DecodeRuneInString(format[i:])
		v.arg, v.off, v.verb = arg, i, r
		out = append(out, v)
		arg++
		i += size - 1
	}
	return out, true
}
