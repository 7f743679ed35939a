package eval

import (
	"encoding/json"
	"errors"
	"go/types"
	"reflect"
	"strconv"
	"strings"
)

// The decoding half of jsonvalue.go: json.Unmarshal and
// (*json.Decoder).Decode into values of cells' types decode into a
// compiled mirror of the value (exported fields under their Go names,
// with their tags; json.RawMessage where a type of a cell has an
// UnmarshalJSON or UnmarshalText method), which holds the value's
// contents first, and copy the result back, calling those methods in the
// interpreter:
//
//	json.Unmarshal(b, &o)  ->  __gornn.JSONUnmarshal(`{...}`, methods, b, &o)
//	dec.Decode(&o)         ->  __gornn.JSONDecode(dec, `{...}`, methods, &o)

// unmarshaledByMethod reports whether encoding/json decodes into a value
// of t by an UnmarshalJSON or UnmarshalText method of *t.
func unmarshaledByMethod(t types.Type) bool {
	if _, isPtr := t.(*types.Pointer); isPtr {
		return false
	}
	pt := types.NewPointer(t)
	return hasMethod(pt, "UnmarshalJSON") || hasMethod(pt, "UnmarshalText")
}

// unmarshalerCaller writes the function that decodes into a value by its
// method: p points to a value of the i-th of methods; b is the JSON, or
// the text of a JSON string for UnmarshalText.
func unmarshalerCaller(methods []types.Type) string {
	var b strings.Builder
	b.WriteString("func(__gornnI int, __gornnP any, __gornnB []byte) error { switch __gornnI {")
	for i, t := range methods {
		name := types.TypeString(types.NewPointer(t), cellQualifier)
		if hasMethod(types.NewPointer(t), "UnmarshalJSON") {
			b.WriteString(" case " + strconv.Itoa(i) + ": return __gornnP.(" + name + ").UnmarshalJSON(__gornnB);")
		} else {
			b.WriteString(" case " + strconv.Itoa(i) + ": return __gornnP.(" + name + ").UnmarshalText(__gornnB);")
		}
	}
	b.WriteString(" }; return nil }")
	return b.String()
}

// unmarshalFunc is the cell's function of unmarshalerCaller.
type unmarshalFunc = func(i int, p any, b []byte) error

// jsonUnmarshal and jsonDecode are json.Unmarshal and
// (*json.Decoder).Decode into the value v points to, through a mirror.
func jsonUnmarshal(desc string, methods unmarshalFunc, data []byte, v any) error {
	return decodeThrough(desc, methods, v, func(m any) error { return json.Unmarshal(data, m) })
}

func jsonDecode(dec *json.Decoder, desc string, methods unmarshalFunc, v any) error {
	return decodeThrough(desc, methods, v, dec.Decode)
}

// decodeThrough decodes with decode into a mirror of what v points to,
// then copies the mirror back into it.
func decodeThrough(desc string, methods unmarshalFunc, v any, decode func(any) error) error {
	d, ok := parseDesc(desc)
	rv := reflect.ValueOf(v)
	if !ok || d.Kind != "ptr" || rv.Kind() != reflect.Pointer || rv.IsNil() {
		return decode(v)
	}
	mc := mirrorCopier{methods: methods}
	mt := mc.mirrorType(rv.Type().Elem(), d.Elem)
	m := reflect.New(mt)
	mc.toMirror(m.Elem(), rv.Elem(), d.Elem)
	err := decode(m.Interface())
	// What was decoded stays decoded after an error, as in Go (a syntax
	// error leaves the mirror as it was).
	if cerr := mc.fromMirror(rv.Elem(), m.Elem(), d.Elem); err == nil {
		return cerr
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Struct == "" {
		// The root type's name, which the mirror's type lacks.
		te.Struct = d.Elem.Name[strings.LastIndexByte(d.Elem.Name, '.')+1:]
	}
	return err
}

// mirrorCopier builds mirrors of values of cells' types and copies
// values to and from them.
type mirrorCopier struct {
	methods unmarshalFunc
}

// mirrorType is the type of the mirror of a value of type t.
func (mc *mirrorCopier) mirrorType(t reflect.Type, d *valueDesc) reflect.Type {
	if d == nil {
		return t
	}
	switch d.Kind {
	case "method":
		return rawMessage
	case "struct":
		if t.Kind() != reflect.Struct || t.NumField() != len(d.Fields) {
			return t
		}
		var fields []reflect.StructField
		for i, f := range d.Fields {
			if f.Unexported {
				continue
			}
			fields = append(fields, reflect.StructField{Name: f.Name, Type: mc.mirrorType(t.Field(i).Type, f.Type), Tag: reflect.StructTag(f.Tag), Anonymous: f.Embedded})
		}
		return reflect.StructOf(fields)
	case "slice":
		if t.Kind() == reflect.Slice {
			return reflect.SliceOf(mc.mirrorType(t.Elem(), d.Elem))
		}
	case "array":
		if t.Kind() == reflect.Array {
			return reflect.ArrayOf(t.Len(), mc.mirrorType(t.Elem(), d.Elem))
		}
	case "map":
		if t.Kind() == reflect.Map {
			return reflect.MapOf(t.Key(), mc.mirrorType(t.Elem(), d.Elem))
		}
	case "ptr", "addr":
		if t.Kind() == reflect.Pointer && d.Elem != nil {
			return reflect.PointerTo(mc.mirrorType(t.Elem(), d.Elem))
		}
	}
	return t
}

// toMirror copies v into its mirror m, so that decoding merges into what
// v holds, as it does in Go.
func (mc *mirrorCopier) toMirror(m, v reflect.Value, d *valueDesc) {
	if d == nil || m.Type() == v.Type() {
		if m.Type() == v.Type() {
			m.Set(v)
		}
		return
	}
	switch d.Kind {
	case "struct":
		j := 0
		for i, f := range d.Fields {
			if f.Unexported {
				continue
			}
			mc.toMirror(m.Field(j), v.Field(i), f.Type)
			j++
		}
	case "slice", "array":
		if v.Kind() == reflect.Slice {
			if v.IsNil() {
				return
			}
			m.Set(reflect.MakeSlice(m.Type(), v.Len(), v.Len()))
		}
		for i := 0; i < v.Len(); i++ {
			mc.toMirror(m.Index(i), v.Index(i), d.Elem)
		}
	case "map":
		if v.IsNil() {
			return
		}
		m.Set(reflect.MakeMapWithSize(m.Type(), v.Len()))
		it := v.MapRange()
		for it.Next() {
			e := reflect.New(m.Type().Elem()).Elem()
			mc.toMirror(e, it.Value(), d.Elem)
			m.SetMapIndex(it.Key(), e)
		}
	case "ptr", "addr":
		if v.IsNil() {
			return
		}
		m.Set(reflect.New(m.Type().Elem()))
		mc.toMirror(m.Elem(), v.Elem(), d.Elem)
	}
}

// fromMirror copies the decoded mirror m back into v, and decodes by
// their methods the parts of cells' types that have them.
func (mc *mirrorCopier) fromMirror(v, m reflect.Value, d *valueDesc) error {
	if d == nil || m.Type() == v.Type() {
		if m.Type() == v.Type() {
			v.Set(m)
		}
		return nil
	}
	switch d.Kind {
	case "method":
		raw, _ := m.Interface().(json.RawMessage)
		if raw == nil || mc.methods == nil || !v.CanAddr() {
			return nil
		}
		if d.Text {
			if string(raw) == "null" {
				return nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return err
			}
			raw = []byte(s)
		}
		return mc.methods(d.Method, v.Addr().Interface(), raw)
	case "struct":
		j := 0
		for i, f := range d.Fields {
			if f.Unexported {
				continue
			}
			if err := mc.fromMirror(v.Field(i), m.Field(j), f.Type); err != nil {
				return err
			}
			j++
		}
	case "slice", "array":
		if m.Kind() == reflect.Slice {
			if m.IsNil() {
				v.Set(reflect.Zero(v.Type()))
				return nil
			}
			v.Set(reflect.MakeSlice(v.Type(), m.Len(), m.Len()))
		}
		for i := 0; i < m.Len(); i++ {
			if err := mc.fromMirror(v.Index(i), m.Index(i), d.Elem); err != nil {
				return err
			}
		}
	case "map":
		if m.IsNil() {
			v.Set(reflect.Zero(v.Type()))
			return nil
		}
		nv := reflect.MakeMapWithSize(v.Type(), m.Len())
		it := m.MapRange()
		for it.Next() {
			e := reflect.New(v.Type().Elem()).Elem()
			if err := mc.fromMirror(e, it.Value(), d.Elem); err != nil {
				return err
			}
			nv.SetMapIndex(it.Key(), e)
		}
		v.Set(nv)
	case "ptr", "addr":
		if m.IsNil() {
			v.Set(reflect.Zero(v.Type()))
			return nil
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return mc.fromMirror(v.Elem(), m.Elem(), d.Elem)
	}
	return nil
}
