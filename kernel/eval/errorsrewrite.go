package eval

import (
	"go/ast"
	"go/types"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// Calls of errors.Is, errors.As and errors.Unwrap in cells are
// rewritten to interpreted equivalents when cells declare error types
// with Unwrap, Is or As methods. Package errors is compiled, and a value
// of a cell's type reaches it wrapped in a type of the interpreter that
// has the Error method alone, so errors.Is never followed a cell type's
// Unwrap. The interpreted walk cannot ask a value for an interface
// either: the interpreter's assertion of a value held as an error to an
// interface type (err.(interface{ Unwrap() error })) fails for every
// value, since it compares the value's reflect type, which has no
// methods (interp/run.go, func typeAssert, the case for errorT operands:
// canAssertTypes(v.Type(), rtype)). So each rewritten call gets
// functions that ask the error for its type (selfcapture.go) and call
// the methods of the session's types that have them, from go/types'
// list; compiled values are asked by compiled helpers.
const (
	errorsIsFn     = "__gornnErrorsIs"
	errorsAsFn     = "__gornnErrorsAs"
	errorsUnwrapFn = "__gornnErrorsUnwrap"
)

// errorsSource declares the interpreted side, which follows Go's
// errors.Is: == when the target is comparable, then an Is method, then
// Unwrap() error or, depth first, Unwrap() []error. cell asks the
// session's error types for their Unwrap methods (ok is false for other
// values); is compares them with the target and asks their Is methods,
// since the interpreter's == of two errors of cells panics (it compares
// its wrappers, which hold functions).
const errorsSource = `
func __gornnErrorsNext(err error, cell func(error) (error, []error, bool)) (error, []error) {
	if u, us, ok := cell(err); ok {
		return u, us
	}
	return ` + rtAlias + `.ErrUnwrap(err)
}

func ` + errorsUnwrapFn + `(err error, cell func(error) (error, []error, bool)) error {
	u, _ := __gornnErrorsNext(err, cell)
	return u
}

func ` + errorsIsFn + `(err, target error, cell func(error) (error, []error, bool), is func(error, error) (bool, bool)) bool {
	if err == nil || target == nil {
		return err == nil && target == nil
	}
	for {
		if ok, found := is(err, target); found {
			if ok {
				return true
			}
		} else if ` + rtAlias + `.ErrIs(err, target) {
			return true
		}
		u, us := __gornnErrorsNext(err, cell)
		if us != nil {
			for _, e := range us {
				if e != nil && ` + errorsIsFn + `(e, target, cell, is) {
					return true
				}
			}
			return false
		}
		if u == nil {
			return false
		}
		err = u
	}
}

func ` + errorsAsFn + `(err error, target any, match func(error, any) bool, cell func(error) (error, []error, bool), as func(error, any) (bool, bool)) bool {
	if target == nil {
		panic("errors: target cannot be nil")
	}
	for err != nil {
		if match(err, target) {
			return true
		}
		if ok, found := as(err, target); found {
			if ok {
				return true
			}
		} else if ` + rtAlias + `.ErrAs(err, target) {
			return true
		}
		u, us := __gornnErrorsNext(err, cell)
		if us != nil {
			for _, e := range us {
				if e != nil && ` + errorsAsFn + `(e, target, match, cell, as) {
					return true
				}
			}
			return false
		}
		err = u
	}
	return false
}
`

// errorsExports returns the compiled side: the methods of compiled
// error types.
func errorsExports() interp.Exports {
	return interp.Exports{rtPath + "/rt": {
		"ErrUnwrap": reflect.ValueOf(compiledUnwrap),
		"ErrIs":     reflect.ValueOf(compiledIs),
		"ErrAs":     reflect.ValueOf(compiledAs),
		"ErrAsOne":  reflect.ValueOf(errAsOne),
	}}
}

// compiledUnwrap calls the Unwrap method of a compiled error. A method
// that returns []error gives a non-nil slice, so that the caller knows
// the tree forks there.
func compiledUnwrap(err error) (error, []error) {
	switch x := err.(type) {
	case interface{ Unwrap() error }:
		return x.Unwrap(), nil
	case interface{ Unwrap() []error }:
		if us := x.Unwrap(); us != nil {
			return nil, us
		}
		return nil, []error{}
	}
	return nil, nil
}

// compiledIs is errors.Is's test of one compiled error: == when the
// target's type is comparable, then an Is method.
func compiledIs(err, target error) bool {
	if reflect.TypeOf(target).Comparable() && equalErrors(err, target) {
		return true
	}
	x, ok := err.(interface{ Is(error) bool })
	return ok && x.Is(target)
}

// compiledAs calls the As method of a compiled error.
func compiledAs(err error, target any) bool {
	x, ok := err.(interface{ As(any) bool })
	return ok && x.As(target)
}

// equalErrors is err == target, false when the dynamic types cannot be
// compared: the interpreter's wrappers of values of cells hold
// functions.
func equalErrors(err, target error) (eq bool) {
	defer func() {
		if recover() != nil {
			eq = false
		}
	}()
	return err == target
}

// errorKnowledge is what the errors rewrite asks the session.
type errorKnowledge interface {
	// errorsPackage reports whether name is the name a cell imports
	// package errors under.
	errorsPackage(name string) bool
	// cellErrorTypes returns the pointer types of the session's types
	// (and of names, the cell's own) that have the methods the walk
	// follows.
	cellErrorTypes(names []string) []cellErrorType
}

// cellErrorType is a type of a cell, or a pointer to one, with the
// methods errors.Is follows.
type cellErrorType struct {
	typ                               types.Type
	name                              string // as a cell writes it
	unwrap, unwrapAll, isMeth, asMeth bool   // Unwrap() error, Unwrap() []error, Is(error) bool, As(any) bool
	comparable                        bool   // errors.Is compares it with ==
}

func (s *Session) errorsPackage(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.imports[name] == "errors"
}

func (s *Session) cellErrorTypes(names []string) []cellErrorType {
	if s.check == nil {
		return nil
	}
	s.mu.Lock()
	all := map[string]bool{}
	for n := range s.types {
		all[n] = true
	}
	s.mu.Unlock()
	for _, n := range names {
		all[n] = true
	}
	var out []cellErrorType
	for name := range all {
		tn, ok := s.check.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 {
			continue
		}
		if _, isIface := named.Underlying().(*types.Interface); isIface {
			continue
		}
		for _, t := range []types.Type{named, types.NewPointer(named)} {
			if et, ok := errorMethods(t); ok {
				out = append(out, et)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// errorMethods returns what errors.Is, As and Unwrap follow of t, and
// false when t is no error. Every cell error type is comparable or has
// a method they follow, since the compiled == of two of the
// interpreter's wrappers does not hold (see equalErrors).
func errorMethods(t types.Type) (cellErrorType, bool) {
	et := cellErrorType{typ: t, name: cellText(t), comparable: types.Comparable(t)}
	ms := types.NewMethodSet(t)
	isError := false
	for i := 0; i < ms.Len(); i++ {
		f := ms.At(i).Obj()
		switch f.Name() + " " + signatureText(f.Type().(*types.Signature)) {
		case "Error func() string":
			isError = true
		case "Unwrap func() error":
			et.unwrap = true
		case "Unwrap func() []error":
			et.unwrapAll = true
		case "Is func(error) bool":
			et.isMeth = true
		case "As func(any) bool":
			et.asMeth = true
		}
	}
	return et, isError && (et.comparable || et.unwrap || et.unwrapAll || et.isMeth || et.asMeth)
}

// asTarget returns the type that errors.As(err, target) looks for when
// it is a type of a cell or a pointer to one; other targets are left to
// the compiled errors.As.
func (rw *rewriter) asTarget(p *piece, target ast.Expr) (types.Type, bool) {
	elem, named, ok := rw.targetType(p, target)
	if !ok || named.Obj().Pkg().Path() != "main" || named.TypeArgs().Len() > 0 || types.IsInterface(named) {
		return nil, false
	}
	return elem, true
}

// compiledTarget reports whether errors.As's target is a pointer to a
// type of a compiled package, which compiled code can set.
func (rw *rewriter) compiledTarget(p *piece, target ast.Expr) bool {
	_, named, ok := rw.targetType(p, target)
	return ok && named.Obj().Pkg().Path() != "main"
}

// targetType returns the type errors.As's target points to, and the
// named type it is or points to.
func (rw *rewriter) targetType(p *piece, target ast.Expr) (elem types.Type, named *types.Named, ok bool) {
	tk, ok := rw.know.(typeKnowledge)
	if !ok {
		return nil, nil, false
	}
	t, ok := tk.typeOf(p.off(target.Pos()), p.off(target.End()))
	if !ok {
		return nil, nil, false
	}
	ptr, ok := t.(*types.Pointer)
	if !ok {
		return nil, nil, false
	}
	elem = ptr.Elem()
	base := elem
	if bp, isPtr := base.(*types.Pointer); isPtr {
		base = bp.Elem()
	}
	named, ok = base.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return nil, nil, false
	}
	return elem, named, true
}

// errAsOne is errors.As's test of err alone: err's dynamic type is
// assignable to the target's element type.
func errAsOne(err error, target any) bool {
	val := reflect.ValueOf(target)
	if val.Kind() != reflect.Pointer || val.IsNil() {
		panic("errors: target must be a non-nil pointer")
	}
	if err == nil {
		return false
	}
	elem := val.Type().Elem()
	if reflect.TypeOf(err).AssignableTo(elem) {
		val.Elem().Set(reflect.ValueOf(err))
		return true
	}
	return false
}

// errorAssert returns the function that asserts an error to t, a type
// of a cell or a pointer to one (see assertrewrite.go).
func (rw *rewriter) errorAssert(t types.Type) string {
	if a := rw.assertion(); a != nil {
		return a.commaOKFunc(t, cellText(t), "any")
	}
	tt := cellText(t)
	return "func(x any) (" + tt + ", bool) { r, ok := x.(" + tt + "); return r, ok }"
}

// errorCellStep returns the statement that follows et's Unwrap for the
// walk of errors.Is and As: x is the error as a value of et.
func errorCellStep(et cellErrorType, x string) string {
	switch {
	case et.unwrap:
		return "return " + x + ".Unwrap(), nil, true"
	case et.unwrapAll:
		return "us := " + x + ".Unwrap(); if us == nil { us = []error{} }; return nil, us, true"
	}
	return "return nil, nil, true"
}

// errorIsStep returns the statement that tests an error of type et
// against errors.Is's target t: ==, when et is comparable, then its Is
// method.
func (rw *rewriter) errorIsStep(et cellErrorType, x string) string {
	step := "xv := " + x + "; "
	if et.comparable {
		step += "if y, ok := " + rw.errorAssert(et.typ) + "(t); ok && xv == y { return true, true }; "
	}
	if et.isMeth {
		return step + "return xv.Is(t), true"
	}
	return step + "_ = xv; return false, true"
}

// errorAsStep returns the statement that asks an error of type et's As
// method for errors.As's target t.
func errorAsStep(et cellErrorType, x string) string {
	if et.asMeth {
		return "return " + x + ".As(t), true"
	}
	return "return false, true"
}

// signatureText writes a signature's types without parameter names.
func signatureText(sig *types.Signature) string {
	tuple := func(t *types.Tuple) string {
		var parts []string
		for i := 0; i < t.Len(); i++ {
			parts = append(parts, types.TypeString(t.At(i).Type(), nil))
		}
		return strings.Join(parts, ", ")
	}
	text := "func(" + tuple(sig.Params()) + ")"
	switch res := tuple(sig.Results()); {
	case sig.Results().Len() > 1:
		text += " (" + res + ")"
	case res != "":
		text += " " + res
	}
	return text
}

// errorsCall rewrites errors.Is(err, target) and errors.Unwrap(err)
// when the session has error types that the compiled functions cannot
// follow:
//
//	errors.Is(err, ErrX)  ->  __gornnErrorsIs(err, ErrX, func(e error) (error, []error, bool) { if x, ok := e.(*T); ok { return x.Unwrap(), nil, true }; return nil, nil, false }, func(e, t error) (bool, bool) { ... })
func (rw *rewriter) errorsCall(p *piece, c *ast.CallExpr) {
	ek, ok := rw.know.(errorKnowledge)
	if !ok {
		return
	}
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || rw.locals[pkg.Name] || !ek.errorsPackage(pkg.Name) {
		return
	}
	var fn, match string
	switch {
	case sel.Sel.Name == "Is" && len(c.Args) == 2:
		fn = errorsIsFn
	case sel.Sel.Name == "As" && len(c.Args) == 2:
		fn = errorsAsFn
		elem, ok := rw.asTarget(p, c.Args[1])
		switch {
		case ok:
			et := cellText(elem)
			match = "func(e error, t any) bool { if x, ok := " + rw.errorAssert(elem) + "(e); ok { *t.(*" + et + ") = x; return true }; return false }"
		case rw.compiledTarget(p, c.Args[1]):
			// A compiled target, which a cell's error can wrap.
			match = "func(e error, t any) bool { return " + rtAlias + ".ErrAsOne(e, t) }"
		default:
			return
		}
	case sel.Sel.Name == "Unwrap" && len(c.Args) == 1:
		fn = errorsUnwrapFn
	default:
		return
	}
	if c.Ellipsis.IsValid() {
		return
	}
	var names []string
	for n := range rw.locals {
		names = append(names, n)
	}
	ets := ek.cellErrorTypes(names)
	if len(ets) == 0 && fn != errorsAsFn {
		return
	}
	// Each function asks the error for its type once, then calls the
	// methods of that type; a pointer type is also asked by the
	// interpreter's assertion, which holds for a value it did not wrap.
	var cell, is, as strings.Builder
	cell.WriteString("func(e error) (error, []error, bool) { ")
	is.WriteString("func(e, t error) (bool, bool) { ")
	as.WriteString("func(e error, t any) (bool, bool) { ")
	for _, b := range []*strings.Builder{&cell, &is, &as} {
		b.WriteString("if n, v, c := " + selfOfFn + "(e); c { switch n { ")
	}
	for _, et := range ets {
		q := strconv.Quote(et.name)
		cell.WriteString("case " + q + ": " + errorCellStep(et, "v.("+et.name+")") + "; ")
		is.WriteString("case " + q + ": " + rw.errorIsStep(et, "v.("+et.name+")") + "; ")
		as.WriteString("case " + q + ": " + errorAsStep(et, "v.("+et.name+")") + "; ")
	}
	cell.WriteString("}; return nil, nil, false }; ")
	is.WriteString("}; return false, false }; ")
	as.WriteString("}; return false, false }; ")
	for _, et := range ets {
		if _, isPtr := et.typ.(*types.Pointer); !isPtr {
			continue
		}
		guard := "if x, ok := e.(" + et.name + "); ok { "
		cell.WriteString(guard + errorCellStep(et, "x") + " }; ")
		is.WriteString(guard + rw.errorIsStep(et, "x") + " }; ")
		as.WriteString(guard + errorAsStep(et, "x") + " }; ")
	}
	cell.WriteString("return nil, nil, false }")
	is.WriteString("return false, false }")
	as.WriteString("return false, false }")
	rw.add(p, sel.Pos(), sel.End(), fn)
	var extra string
	switch fn {
	case errorsIsFn:
		extra = ", " + cell.String() + ", " + is.String()
	case errorsAsFn:
		extra = ", " + match + ", " + cell.String() + ", " + as.String()
	default:
		extra = ", " + cell.String()
	}
	rw.add(p, c.Rparen, c.Rparen, extra)
}
