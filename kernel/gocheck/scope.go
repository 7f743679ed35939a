package gocheck

import (
	"go/types"
	"reflect"
	"unsafe"
)

// go/types has no way to remove a name from a scope, and a notebook
// redefines names all the time: `func f` again, `x := ...` again. All cells
// must share one *types.Package, since go/types compares packages by
// pointer to allow methods on a type and unexported fields in literals, so
// a redefined name has to leave the package scope. scopeDelete does that
// through the scope's map; when go/types changes that field, it reports
// false and the Checker steps aside for cells that redefine names.

var elemsType = reflect.TypeFor[map[string]types.Object]()

// scopeDelete removes name from s, reporting whether it could.
func scopeDelete(s *types.Scope, name string) bool {
	f := reflect.ValueOf(s).Elem().FieldByName("elems")
	if !f.IsValid() || f.Type() != elemsType {
		return false
	}
	m := *(*map[string]types.Object)(unsafe.Pointer(f.UnsafeAddr()))
	delete(m, name)
	return true
}

// errorCode returns the go/types error code of err (the codes of
// internal/types/errors, whose values are stable), or 0. go/types keeps the
// code in an unexported field; reading it is how gopls does it too.
func errorCode(err types.Error) int {
	f := reflect.ValueOf(err).FieldByName("go116code")
	if !f.IsValid() || !f.CanInt() {
		return 0
	}
	return int(f.Int())
}

// Codes of internal/types/errors that the Checker treats specially.
const (
	codeUndeclaredImportedName = 73  // pkg.Name missing: tables lack generics
	codeUndeclaredName         = 75  // a dot-imported table may lack it too
	codeUnusedExpr             = 100 // the cell's trailing expression is its value
	codeUnusedVar              = 101 // notebook leniency
)
