package gocheck

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"sync"
)

// Tables is the shape of yaegi's symbol tables: "import/path/name" maps to
// the package's exported symbols.
type Tables = map[string]map[string]reflect.Value

// TableImporter builds go/types packages from symbol tables, so that cells
// are checked against exactly the packages the interpreter can load,
// without Go's toolchain or sources at run time. What reflection cannot
// see is approximated on the lenient side: parameter names are lost,
// untyped rune constants become untyped integers, and interfaces lose
// their unexported methods (reflection does not list the unexported
// methods of the concrete types that implement them). Generic functions
// and types are absent from the tables, so a missing name in a table
// package is not always an error (see Options.MayLack).
type TableImporter struct {
	mu     sync.Mutex
	tables Tables
	keys   map[string]string // import path -> table key
	pkgs   map[string]*types.Package
	done   map[string]bool // packages whose scope is filled
	conv   map[reflect.Type]types.Type
}

// NewTableImporter returns an importer for the packages of tables.
func NewTableImporter(tables Tables) *TableImporter {
	im := &TableImporter{
		tables: tables,
		keys:   map[string]string{},
		pkgs:   map[string]*types.Package{},
		done:   map[string]bool{},
		conv:   map[reflect.Type]types.Type{},
	}
	for key := range tables {
		i := strings.LastIndexByte(key, '/')
		if i <= 0 {
			continue
		}
		im.keys[key[:i]] = key
	}
	return im
}

// Has reports whether path is a package of the tables.
func (im *TableImporter) Has(path string) bool {
	_, ok := im.keys[path]
	return ok
}

// Import implements types.Importer.
func (im *TableImporter) Import(path string) (*types.Package, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	key, ok := im.keys[path]
	if !ok {
		return nil, fmt.Errorf("package %q is not available", path)
	}
	pkg := im.pkg(path)
	if im.done[path] {
		return pkg, nil
	}
	im.done[path] = true
	scope := pkg.Scope()
	for name, v := range im.tables[key] {
		if name == "" || name[0] == '_' || !v.IsValid() {
			continue // yaegi's wrapper types for interfaces
		}
		if obj := im.object(pkg, name, v); obj != nil {
			scope.Insert(obj)
		}
	}
	pkg.MarkComplete()
	return pkg, nil
}

// pkg returns the package of path, creating it empty; the name comes from
// the table key, or the last element of the path for packages that are
// only seen through the types of others.
func (im *TableImporter) pkg(path string) *types.Package {
	if p, ok := im.pkgs[path]; ok {
		return p
	}
	name := path[strings.LastIndexByte(path, '/')+1:]
	if key, ok := im.keys[path]; ok {
		name = key[strings.LastIndexByte(key, '/')+1:]
	}
	p := types.NewPackage(path, name)
	im.pkgs[path] = p
	return p
}

// object converts one symbol: a constant.Value is an untyped constant, an
// addressable value a variable, a nil pointer a type (its element), a
// function a function, and any other value a typed constant.
func (im *TableImporter) object(pkg *types.Package, name string, v reflect.Value) types.Object {
	if v.CanInterface() {
		if c, ok := v.Interface().(constant.Value); ok {
			return types.NewConst(token.NoPos, pkg, name, untyped(c), c)
		}
	}
	switch {
	case v.CanAddr():
		return types.NewVar(token.NoPos, pkg, name, im.typ(v.Type()))
	case v.Kind() == reflect.Func:
		// A function value of a named func type (a context.CancelFunc
		// put in a table) is a function with that type's signature.
		return types.NewFunc(token.NoPos, pkg, name, im.typ(v.Type()).Underlying().(*types.Signature))
	case v.Kind() == reflect.Pointer && v.IsNil():
		t := v.Type().Elem()
		tt := im.typ(t)
		if named, ok := tt.(*types.Named); ok && named.Obj().Name() == name && named.Obj().Pkg() == pkg {
			return named.Obj()
		}
		// The table's name differs from the type's own: an alias.
		return types.NewTypeName(token.NoPos, pkg, name, tt)
	}
	c := constValue(v)
	if c == nil {
		return types.NewVar(token.NoPos, pkg, name, im.typ(v.Type()))
	}
	return types.NewConst(token.NoPos, pkg, name, im.typ(v.Type()), c)
}

// untyped returns the untyped type of a constant.
func untyped(c constant.Value) types.Type {
	switch c.Kind() {
	case constant.Bool:
		return types.Typ[types.UntypedBool]
	case constant.String:
		return types.Typ[types.UntypedString]
	case constant.Float:
		return types.Typ[types.UntypedFloat]
	case constant.Complex:
		return types.Typ[types.UntypedComplex]
	}
	return types.Typ[types.UntypedInt]
}

// constValue returns the constant a typed constant's value holds, or nil.
func constValue(v reflect.Value) constant.Value {
	switch v.Kind() {
	case reflect.Bool:
		return constant.MakeBool(v.Bool())
	case reflect.String:
		return constant.MakeString(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return constant.MakeInt64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return constant.MakeUint64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return constant.MakeFloat64(v.Float())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return constant.BinaryOp(constant.MakeFloat64(real(c)), token.ADD, constant.MakeImag(constant.MakeFloat64(imag(c))))
	}
	return nil
}

var basics = map[reflect.Kind]types.BasicKind{
	reflect.Bool: types.Bool, reflect.Int: types.Int, reflect.Int8: types.Int8, reflect.Int16: types.Int16,
	reflect.Int32: types.Int32, reflect.Int64: types.Int64, reflect.Uint: types.Uint, reflect.Uint8: types.Uint8,
	reflect.Uint16: types.Uint16, reflect.Uint32: types.Uint32, reflect.Uint64: types.Uint64,
	reflect.Uintptr: types.Uintptr, reflect.Float32: types.Float32, reflect.Float64: types.Float64,
	reflect.Complex64: types.Complex64, reflect.Complex128: types.Complex128, reflect.String: types.String,
	reflect.UnsafePointer: types.UnsafePointer,
}

var errorType = reflect.TypeFor[error]()

// typ converts a reflect type. Named types are created before their
// underlying type and methods, so recursive types terminate.
func (im *TableImporter) typ(t reflect.Type) types.Type {
	if tt, ok := im.conv[t]; ok {
		return tt
	}
	if t == errorType {
		return types.Universe.Lookup("error").Type()
	}
	if t.Name() != "" && t.PkgPath() != "" {
		pkg := im.pkg(t.PkgPath())
		obj := types.NewTypeName(token.NoPos, pkg, t.Name(), nil)
		named := types.NewNamed(obj, nil, nil)
		im.conv[t] = named
		named.SetUnderlying(im.underlying(t, pkg))
		if t.Kind() != reflect.Interface {
			im.methods(named, t, pkg)
		}
		return named
	}
	tt := im.underlying(t, nil)
	im.conv[t] = tt
	return tt
}

// underlying converts the structure of t; pkg owns its fields and methods.
func (im *TableImporter) underlying(t reflect.Type, pkg *types.Package) types.Type {
	if k, ok := basics[t.Kind()]; ok {
		return types.Typ[k]
	}
	switch t.Kind() {
	case reflect.Pointer:
		return types.NewPointer(im.typ(t.Elem()))
	case reflect.Slice:
		return types.NewSlice(im.typ(t.Elem()))
	case reflect.Array:
		return types.NewArray(im.typ(t.Elem()), int64(t.Len()))
	case reflect.Map:
		return types.NewMap(im.typ(t.Key()), im.typ(t.Elem()))
	case reflect.Chan:
		dir := types.SendRecv
		switch t.ChanDir() {
		case reflect.SendDir:
			dir = types.SendOnly
		case reflect.RecvDir:
			dir = types.RecvOnly
		}
		return types.NewChan(dir, im.typ(t.Elem()))
	case reflect.Func:
		return im.signature(nil, t, 0)
	case reflect.Struct:
		fields := make([]*types.Var, t.NumField())
		for i := range fields {
			f := t.Field(i)
			fp := pkg
			if f.PkgPath != "" {
				fp = im.pkg(f.PkgPath)
			}
			fields[i] = types.NewField(token.NoPos, fp, f.Name, im.typ(f.Type), f.Anonymous)
		}
		return types.NewStruct(fields, nil)
	case reflect.Interface:
		var methods []*types.Func
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			if m.PkgPath != "" {
				continue // see TableImporter
			}
			methods = append(methods, types.NewFunc(token.NoPos, pkg, m.Name, im.signature(nil, m.Type, 0)))
		}
		it := types.NewInterfaceType(methods, nil)
		it.Complete()
		return it
	}
	return types.Typ[types.Invalid]
}

// methods adds to named the exported methods reflection lists for t
// (value receivers) and *t (pointer receivers), promoted ones included.
func (im *TableImporter) methods(named *types.Named, t reflect.Type, pkg *types.Package) {
	if t.Kind() == reflect.Pointer {
		return
	}
	onValue := map[string]bool{}
	for i := 0; i < t.NumMethod(); i++ {
		onValue[t.Method(i).Name] = true
	}
	pt := reflect.PointerTo(t)
	for i := 0; i < pt.NumMethod(); i++ {
		m := pt.Method(i)
		var recv types.Type = named
		if !onValue[m.Name] {
			recv = types.NewPointer(named)
		}
		rv := types.NewParam(token.NoPos, pkg, "", recv)
		named.AddMethod(types.NewFunc(token.NoPos, pkg, m.Name, im.signature(rv, m.Type, 1)))
	}
}

// signature converts a function type, skipping its first skip parameters
// (the receiver of a method value's type).
func (im *TableImporter) signature(recv *types.Var, t reflect.Type, skip int) *types.Signature {
	params := make([]*types.Var, 0, t.NumIn())
	for i := skip; i < t.NumIn(); i++ {
		params = append(params, types.NewParam(token.NoPos, nil, "", im.typ(t.In(i))))
	}
	results := make([]*types.Var, t.NumOut())
	for i := range results {
		results[i] = types.NewParam(token.NoPos, nil, "", im.typ(t.Out(i)))
	}
	return types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}
