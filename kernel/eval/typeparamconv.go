package eval

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"

	"github.com/traefik/yaegi/interp"
)

// convertFn is the compiled helper that converts to a type parameter,
// and convVar the variable of the rewritten conversion, named so that the
// converted expression does not see it.
const (
	convertFn = rtAlias + ".Convert"
	convVar   = "__gornnConv"
)

// typeParamConversions rewrites the conversions to a type parameter in
// the generic functions of a cell, T(x). The interpreter instantiates a
// generic function by putting the type argument's name where T was, and
// looks that name up as a type when it meets a conversion: a type of a
// cell ("main.Celsius") or of a package ("time.Duration") is not found
// there, so the conversion is taken for a call, and its compiler crashes
// (Sum[Celsius] calling Reduce(xs, T(0), add)). In declarations and
// composite literals the type is taken as it is: a constant is added to
// T's zero value, or assigned to a variable of type T when T may be a
// string, and any other value is converted by a compiled helper and
// asserted back:
//
//	T(0)  ->  (*new(T) + 0)
//	T(c)  ->  func() (c T) { c = "s"; return }()  (and nil)
//	T(x)  ->  __gornn.Convert(x, *new(T)).(T)
func typeParamConversions(src string, pieces []*piece, tk typeKnowledge) []edit {
	if tk == nil {
		return nil
	}
	var edits []edit
	inspectPieces(pieces, func(p *piece, n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || call.Ellipsis.IsValid() {
			return true
		}
		fun, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return true
		}
		if _, isValue := tk.typeOf(p.off(fun.Pos()), p.off(fun.End())); isValue {
			return true // a call of a function value
		}
		t, ok := tk.typeOf(p.off(call.Pos()), p.off(call.End()))
		if !ok {
			return true
		}
		tp, ok := t.(*types.TypeParam)
		if !ok || tp.Obj().Name() != fun.Name {
			return true
		}
		arg := call.Args[0]
		head := "func() (" + convVar + " " + fun.Name + ") { " + convVar + " = "
		tail := "; return }()"
		switch id, _ := ast.Unparen(arg).(*ast.Ident); {
		case id != nil && id.Name == "nil":
			// T's types are pointers, slices, maps, channels or
			// functions: nil is assigned, not asserted.
		case !isConstantExpr(arg):
			head = convertFn + "("
			tail = ", *new(" + fun.Name + ")).(" + fun.Name + ")"
		case onlyNumbers(tp.Underlying(), 0):
			// A number added to T's zero value is the number as a T,
			// without the call of a function literal.
			head = "(*new(" + fun.Name + ") + "
			tail = ")"
		}
		edits = append(edits,
			edit{Off: p.off(call.Pos()), End: p.off(arg.Pos()), Text: head},
			edit{Off: p.off(arg.End()), End: p.off(call.End()), Text: tail})
		return true
	})
	return edits
}

// inferredTypeParamArgs drops the type argument of a call F[T](args) in
// a generic function when it is one of the function's type parameters
// and an argument of type T gives it to F's inference: the interpreter
// instantiates F[T] wrongly when T's type argument is a named type, a
// slice or was inferred (it fails with a nil pointer), but infers F's
// type parameter from an argument of its type.
//
//	Id[T](x)  ->  Id(x)
func inferredTypeParamArgs(pieces []*piece, tk typeKnowledge) []edit {
	if tk == nil {
		return nil
	}
	var edits []edit
	for _, p := range pieces {
		fd, ok := p.decl.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || call.Ellipsis.IsValid() {
				return true
			}
			ix, ok := call.Fun.(*ast.IndexExpr)
			if !ok {
				return true
			}
			targ, ok := ix.Index.(*ast.Ident)
			if !ok {
				return true
			}
			ft, ok := tk.typeOf(p.off(ix.Pos()), p.off(ix.End()))
			if !ok {
				return true
			}
			sig, ok := ft.(*types.Signature)
			if !ok {
				return true
			}
			n2 := sig.Params().Len()
			if sig.Variadic() {
				n2--
			}
			for i := 0; i < n2 && i < len(call.Args); i++ {
				tp, ok := sig.Params().At(i).Type().(*types.TypeParam)
				if !ok || tp.Obj().Name() != targ.Name {
					continue
				}
				at, ok := tk.typeOf(p.off(call.Args[i].Pos()), p.off(call.Args[i].End()))
				if ok && types.Identical(at, tp) {
					edits = append(edits, edit{Off: p.off(ix.Lbrack), End: p.off(ix.Rbrack) + 1, Text: ""})
					break
				}
			}
			return true
		})
	}
	return edits
}

// onlyNumbers reports whether every type of the constraint t's type set
// is a number.
func onlyNumbers(t types.Type, depth int) bool {
	iface, ok := t.Underlying().(*types.Interface)
	if !ok || depth > 10 || iface.NumEmbeddeds() == 0 {
		return false
	}
	for i := 0; i < iface.NumEmbeddeds(); i++ {
		switch e := iface.EmbeddedType(i).(type) {
		case *types.Union:
			for j := 0; j < e.Len(); j++ {
				if !isNumber(e.Term(j).Type()) {
					return false
				}
			}
		case *types.Basic:
			if !isNumber(e) {
				return false
			}
		default:
			if !onlyNumbers(e, depth+1) {
				return false
			}
		}
	}
	return true
}

func isNumber(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsNumeric != 0
}

// convert returns x converted as Go converts values to the type of like,
// for the conversions to a type parameter (see typeParamConversions). The
// interpreter gives its values of named types their underlying type's
// representation, which is what the conversion works on. A nil like is
// the zero value of an interface type: x is returned as it is, for the
// type assertion that follows the call.
func convert(x, like any) any {
	if like == nil || x == nil {
		return x
	}
	to := reflect.TypeOf(like)
	v := reflect.ValueOf(x)
	if !v.CanConvert(to) {
		panic(fmt.Sprintf("cannot convert %v (of type %T) to %v", x, x, to))
	}
	return v.Convert(to).Interface()
}

// typeParamExports returns the compiled helper of the conversions.
func typeParamExports() interp.Exports {
	return interp.Exports{rtPath + "/rt": {"Convert": reflect.ValueOf(convert)}}
}
