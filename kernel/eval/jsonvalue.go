package eval

import (
	"encoding/json"
	"go/ast"
	"go/types"
	"reflect"
	"strconv"
	"strings"
)

// encoding/json sees a value of a cell's struct type as an anonymous
// struct whose unexported fields the interpreter exported under an X
// prefix, and without its methods: json.Marshal wrote "Xpassword" and
// never called MarshalJSON. A cell's calls of json.Marshal,
// json.MarshalIndent and (*json.Encoder).Encode whose argument involves
// types of cells call instead a function that hands encoding/json a
// compiled copy of the value, which it encodes as Go would: structs
// without the unexported fields, with their tags, and the results of
// MarshalJSON and MarshalText methods, which a function the rewrite
// writes calls in the interpreter.
//
//	json.Marshal(p)  ->  __gornn.JSONMarshal(`{...}`, methods, p)
//	enc.Encode(p)    ->  __gornn.JSONEncode(enc, `{...}`, methods, p)

// jsonCall is a call of encoding/json that a cell's value may reach:
// what the session calls instead, and where the value is.
type jsonCall struct {
	fn       string // the session's function
	receiver string // "Encoder" or "Decoder" for their method; "" for a function
	args     int    // the call's number of arguments
	arg      int    // the index of the value encoded or decoded into
	mode     string // describe's mode: "json" to encode, "jsonin" to decode
	caller   func([]types.Type) string
}

// jsonCalls are the calls rewritten, by the name called.
var jsonCalls = map[string]jsonCall{
	"Marshal":       {rtAlias + ".JSONMarshal", "", 1, 0, "json", marshalerCaller},
	"MarshalIndent": {rtAlias + ".JSONMarshalIndent", "", 3, 0, "json", marshalerCaller},
	"Encode":        {rtAlias + ".JSONEncode", "Encoder", 1, 0, "json", marshalerCaller},
	"Unmarshal":     {rtAlias + ".JSONUnmarshal", "", 2, 1, "jsonin", unmarshalerCaller},
	"Decode":        {rtAlias + ".JSONDecode", "Decoder", 1, 0, "jsonin", unmarshalerCaller},
}

// jsonEdits returns the rewrites of cells' calls that encode values of
// their types with encoding/json or decode into them.
func (s *Session) jsonEdits(pieces []*piece) []edit {
	if s.cellTypes.types == nil {
		return nil
	}
	s.mu.Lock()
	imports := s.imports
	s.mu.Unlock()
	var out []edit
	inspectPieces(pieces, func(p *piece, n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Ellipsis.IsValid() {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		jc, ok := jsonCalls[sel.Sel.Name]
		if !ok || len(call.Args) != jc.args {
			return true
		}
		if path, ok := s.selectedPackage(p, sel, imports); ok {
			if path != "encoding/json" || jc.receiver != "" {
				return true
			}
		} else if t, ok := s.typeOf(p.off(sel.X.Pos()), p.off(sel.X.End())); !ok || jc.receiver == "" || !isJSONType(t, jc.receiver) {
			return true
		}
		out = append(out, s.jsonCallEdits(p, call, sel, call.Args[jc.arg], jc.fn, jc.receiver != "", jc.mode, jc.caller)...)
		return true
	})
	return out
}

// jsonCallEdits rewrites call, which hands encoding/json the value arg,
// into a call of fn (with the receiver first when method) that also gets
// the description of arg's type for mode ("json" or "jsonin", see
// describe) and the function caller writes for the methods of cells'
// types found in it. Values of types that do not involve cells' types
// are left to encoding/json.
func (s *Session) jsonCallEdits(p *piece, call *ast.CallExpr, sel *ast.SelectorExpr, arg ast.Expr, fn string, method bool, mode string, caller func([]types.Type) string) []edit {
	t, ok := s.typeOf(p.off(arg.Pos()), p.off(arg.End()))
	if !ok || types.IsInterface(t) || !mentionsCellType(t) {
		return nil
	}
	var methods []types.Type
	d := describe(t, 0, mode, &methods)
	text, err := json.Marshal(d)
	if err != nil {
		return nil
	}
	cb := "nil"
	if len(methods) > 0 {
		cb = caller(methods)
	}
	args := strconv.Quote(string(text)) + ", " + cb + ", "
	if method {
		return []edit{
			{Off: p.off(call.Pos()), End: p.off(call.Pos()), Text: fn + "("},
			{Off: p.off(sel.X.End()), End: p.off(arg.Pos()), Text: ", " + args}}
	}
	return []edit{{Off: p.off(call.Pos()), End: p.off(call.Args[0].Pos()), Text: fn + "(" + args}}
}

// isJSONType reports whether t is a pointer to encoding/json's type name.
func isJSONType(t types.Type, name string) bool {
	ptr, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := ptr.Elem().(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "encoding/json" && named.Obj().Name() == name
}

// marshaledByMethod reports whether encoding/json encodes a value of t by
// its MarshalJSON or MarshalText method.
func marshaledByMethod(t types.Type) bool {
	return hasMethod(t, "MarshalJSON") || hasMethod(t, "MarshalText")
}

// marshalerCaller writes the function that encodes a value by its
// method: the i-th of methods at index i. MarshalText's result is a JSON
// string, as encoding/json makes it.
func marshalerCaller(methods []types.Type) string {
	var b strings.Builder
	b.WriteString("func(__gornnI int, __gornnV any) ([]byte, bool, error) { switch __gornnI {")
	for i, t := range methods {
		name := types.TypeString(t, cellQualifier)
		if hasMethod(t, "MarshalJSON") {
			b.WriteString(" case " + strconv.Itoa(i) + ": __gornnB, __gornnE := __gornnV.(" + name + ").MarshalJSON(); return __gornnB, false, __gornnE;")
		} else {
			b.WriteString(" case " + strconv.Itoa(i) + ": __gornnB, __gornnE := __gornnV.(" + name + ").MarshalText(); return __gornnB, true, __gornnE;")
		}
	}
	b.WriteString(" }; return nil, false, nil }")
	return b.String()
}

// jsonValue returns a compiled copy of v, of the type desc describes,
// that encoding/json encodes as Go encodes v (see jsonEdits), or the
// error of a method, as encoding/json reports it.
func jsonValue(desc string, methods func(int, any) ([]byte, bool, error), v any) (any, error) {
	d, ok := parseDesc(desc)
	if !ok {
		return v, nil
	}
	c := jsonCopier{methods: methods}
	out := c.copy(reflect.ValueOf(v), d)
	if c.err != nil {
		return nil, c.err
	}
	if !out.IsValid() {
		return nil, nil
	}
	return out.Interface(), nil
}

// jsonMarshal, jsonMarshalIndent and jsonEncode are json.Marshal,
// json.MarshalIndent and (*json.Encoder).Encode of jsonValue's copy.
func jsonMarshal(desc string, methods func(int, any) ([]byte, bool, error), v any) ([]byte, error) {
	c, err := jsonValue(desc, methods, v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(c)
}

func jsonMarshalIndent(desc string, methods func(int, any) ([]byte, bool, error), v any, prefix, indent string) ([]byte, error) {
	c, err := jsonValue(desc, methods, v)
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(c, prefix, indent)
}

func jsonEncode(enc *json.Encoder, desc string, methods func(int, any) ([]byte, bool, error), v any) error {
	c, err := jsonValue(desc, methods, v)
	if err != nil {
		return err
	}
	return enc.Encode(c)
}

// marshalerError is json.MarshalerError's text for a method of a cell's
// type, whose reflect.Type cannot name it.
type marshalerError struct {
	method, typ string
	err         error
}

func (e *marshalerError) Error() string {
	return "json: error calling " + e.method + " for type " + e.typ + ": " + e.err.Error()
}

func (e *marshalerError) Unwrap() error { return e.err }

// jsonCopier copies values for encoding/json.
type jsonCopier struct {
	methods func(int, any) ([]byte, bool, error)
	err     error
}

var rawMessage = reflect.TypeOf(json.RawMessage(nil))

func (c *jsonCopier) copy(v reflect.Value, d *valueDesc) reflect.Value {
	if !v.IsValid() || c.err != nil {
		return v
	}
	switch d.Kind {
	case "method":
		if c.methods == nil || !v.CanInterface() {
			return v
		}
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return reflect.Zero(rawMessage) // null
		}
		b, text, err := c.methods(d.Method, v.Interface())
		if err != nil {
			method := "MarshalJSON"
			if text {
				method = "MarshalText"
			}
			c.err = &marshalerError{method: method, typ: d.Name, err: err}
			return v
		}
		if text {
			b, _ = json.Marshal(string(b))
		}
		return reflect.ValueOf(json.RawMessage(b))
	case "struct":
		if v.Kind() != reflect.Struct || v.NumField() != len(d.Fields) {
			return v
		}
		var fields []reflect.StructField
		var values []reflect.Value
		for i, f := range d.Fields {
			if f.Unexported && !f.Embedded {
				continue
			}
			fv := c.copy(v.Field(i), f.Type)
			if !fv.IsValid() {
				continue
			}
			name := f.Name
			if f.Unexported {
				// An embedded struct of an unexported type: json still
				// encodes its exported fields, as promoted ones.
				name = strings.ToUpper(name[:1]) + name[1:]
			}
			fields = append(fields, reflect.StructField{Name: name, Type: fv.Type(), Tag: reflect.StructTag(f.Tag), Anonymous: f.Embedded})
			values = append(values, fv)
		}
		out := reflect.New(reflect.StructOf(fields)).Elem()
		for i, fv := range values {
			out.Field(i).Set(fv)
		}
		return out
	case "slice", "array":
		if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
			return v
		}
		if v.Kind() == reflect.Slice && v.IsNil() {
			return reflect.Zero(reflect.SliceOf(c.elemType(v.Type().Elem(), d.Elem)))
		}
		items := make([]reflect.Value, v.Len())
		for i := range items {
			items[i] = c.copy(v.Index(i), d.Elem)
		}
		et := c.elemType(v.Type().Elem(), d.Elem)
		if len(items) > 0 && items[0].IsValid() {
			et = items[0].Type()
		}
		out := reflect.MakeSlice(reflect.SliceOf(et), len(items), len(items))
		for i, it := range items {
			if it.IsValid() {
				out.Index(i).Set(it)
			}
		}
		return out
	case "map":
		if v.Kind() != reflect.Map {
			return v
		}
		et := c.elemType(v.Type().Elem(), d.Elem)
		out := reflect.MakeMapWithSize(reflect.MapOf(v.Type().Key(), et), v.Len())
		if v.IsNil() {
			return reflect.Zero(out.Type())
		}
		iter := v.MapRange()
		for iter.Next() {
			ev := c.copy(iter.Value(), d.Elem)
			if ev.IsValid() && ev.Type() != et {
				return v // values of several shapes: left to json as they are
			}
			out.SetMapIndex(iter.Key(), ev)
		}
		return out
	case "ptr", "addr":
		if v.Kind() != reflect.Pointer || d.Elem == nil {
			return v
		}
		if v.IsNil() {
			return reflect.Zero(reflect.PointerTo(c.elemType(v.Type().Elem(), d.Elem)))
		}
		ev := c.copy(v.Elem(), d.Elem)
		p := reflect.New(ev.Type())
		p.Elem().Set(ev)
		return p
	case "iface":
		if held, ok := heldValue(v); ok {
			return held
		}
	}
	return v
}

// elemType is the type of copies of values of type t, found from the
// zero value: the copies of a slice's or map's elements share it.
func (c *jsonCopier) elemType(t reflect.Type, d *valueDesc) reflect.Type {
	if d == nil {
		return t
	}
	if d.Kind == "method" {
		return rawMessage
	}
	saved := c.methods
	c.methods = func(int, any) ([]byte, bool, error) { return []byte("null"), false, nil }
	defer func() { c.methods = saved }()
	z := c.copy(reflect.Zero(t), d)
	if !z.IsValid() {
		return t
	}
	return z.Type()
}
