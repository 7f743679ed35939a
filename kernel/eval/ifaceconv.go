package eval

import (
	"go/ast"
	"go/token"
	"go/types"
)

// typeWriter writes a type as a cell can (Session.writeType).
type typeWriter interface {
	writeType(t types.Type) (string, bool)
}

// ifaceConversions steers the values of a cell's types that the
// interpreter mishandles when they become an interface of compiled code
// (error, fmt.Stringer, ...) onto a form it gets right, the element of a
// slice literal of the interface:
//
//	e = HE{Code: 1}  ->  e = []error{HE{Code: 1}}[0]
//	e := error(h)    ->  e := error([]error{h}[0])
//
// A function literal returning the value as the interface works too, but
// a loop of such assignments ran about 3 times as long as one of e = h;
// with the slice, about 1.1 times.
//
// Measured on the interpreter, the forms it gets wrong are:
//   - a conversion to the interface, whatever the operand: it panics
//     with "reflect.Set: value of type struct {...} is not assignable to
//     type error", for pointers to the cell's types too;
//   - a composite literal assigned to a variable of type error, or
//     giving one its value (var e error = HE{}): the variable holds the
//     bare struct, fmt prints "{1 <nil>}" and e.Error() panics with
//     "Method index out of range" (the interpreter declares error
//     itself; fmt.Stringer, io.Reader and sort.Interface get it right);
//   - a receive from a channel of the cell's type, assigned, stored in
//     a field, slice or map, or returned: the value is lost (nil) or
//     the store panics.
//
// Names, calls, selectors, index expressions, dereferences and
// parenthesized literals already arrive intact, as do literals that are
// returned, passed, appended or stored in a field, slice or map, and all
// those forms are left as they are. Interfaces declared in cells, and
// the empty interface, are left alone: fmt prints such a value as the
// bare struct either way, and one of any that came through the slice
// worse. The user's expression stays where it was, between the inserted
// texts, so that positions inside it still map to the cell.
func (rw *rewriter) ifaceConversions(p *piece, root ast.Node) {
	tk, ok := rw.know.(typeKnowledge)
	if !ok || root == nil {
		return
	}
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.CallExpr:
			rw.ifaceConversionCall(p, n, tk)
		case *ast.AssignStmt:
			if n.Tok != token.ASSIGN || len(n.Lhs) != len(n.Rhs) {
				break
			}
			for i, l := range n.Lhs {
				_, toVar := ast.Unparen(l).(*ast.Ident)
				rw.ifaceValue(p, tk, n.Rhs[i], rw.typeAt(tk, p, l), toVar)
			}
		case *ast.ValueSpec:
			if n.Type == nil || len(n.Names) != len(n.Values) {
				break
			}
			for i, name := range n.Names {
				rw.ifaceValue(p, tk, n.Values[i], rw.typeAt(tk, p, name), true)
			}
		case *ast.ReturnStmt:
			results := enclosingResults(p, tk, stack)
			if results == nil || results.Len() != len(n.Results) {
				break
			}
			for i, r := range n.Results {
				rw.ifaceValue(p, tk, r, results.At(i).Type(), false)
			}
		}
		return true
	})
}

// ifaceConversionCall rewrites a conversion of a value of a cell's type
// to an interface of compiled code, which the interpreter gets wrong
// whatever the operand. The conversion stays; its operand goes through
// the slice first.
func (rw *rewriter) ifaceConversionCall(p *piece, c *ast.CallExpr, tk typeKnowledge) {
	if len(c.Args) != 1 || c.Ellipsis.IsValid() {
		return
	}
	if _, isValue := tk.typeOf(p.off(c.Fun.Pos()), p.off(c.Fun.End())); isValue {
		return // a call of a function: go/types keeps no type for a type's name
	}
	rw.wrapIface(p, tk, c.Args[0], rw.typeAt(tk, p, c))
}

// ifaceValue rewrites x, a value that becomes of type target by an
// assignment (to a variable when toVar), a var's initial value or a
// return, when x has one of the forms the interpreter gets wrong there.
func (rw *rewriter) ifaceValue(p *piece, tk typeKnowledge, x ast.Expr, target types.Type, toVar bool) {
	switch x := x.(type) {
	case *ast.CompositeLit:
		if !toVar || !types.Identical(target, types.Universe.Lookup("error").Type()) {
			return
		}
	case *ast.UnaryExpr:
		if x.Op != token.ARROW {
			return
		}
	default:
		return
	}
	rw.wrapIface(p, tk, x, target)
}

// wrapIface makes x the element of a slice literal of type []target,
// when x is of a cell's type (or a pointer to one) and target is a
// non-empty interface of compiled code.
func (rw *rewriter) wrapIface(p *piece, tk typeKnowledge, x ast.Expr, target types.Type) {
	if target == nil || !compiledIface(target) {
		return
	}
	src := rw.typeAt(tk, p, x)
	if src == nil || !cellValueType(src) || !types.AssignableTo(src, target) {
		return
	}
	w, ok := rw.know.(typeWriter)
	if !ok {
		return
	}
	text, ok := w.writeType(target)
	if !ok {
		return
	}
	rw.wrap(p, x.Pos(), x.End(), "[]"+text+"{", "}[0]", 0)
}

// compiledIface reports whether t is a named interface with methods that
// no cell declared: error, or one of a package's (fmt.Stringer).
func compiledIface(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	it, ok := n.Underlying().(*types.Interface)
	if !ok || it.NumMethods() == 0 {
		return false
	}
	pkg := n.Obj().Pkg()
	return pkg == nil || pkg.Path() != "main"
}

// cellValueType reports whether t is a type a cell declared, not an
// interface, or a pointer to one.
func cellValueType(t types.Type) bool {
	t = types.Unalias(t)
	if ptr, ok := t.(*types.Pointer); ok {
		t = types.Unalias(ptr.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok || types.IsInterface(n) {
		return false
	}
	pkg := n.Obj().Pkg()
	return pkg != nil && pkg.Path() == "main"
}

// enclosingResults returns the result types of the innermost function
// on the stack of nodes, or nil.
func enclosingResults(p *piece, tk typeKnowledge, stack []ast.Node) *types.Tuple {
	for i := len(stack) - 1; i >= 0; i-- {
		var at ast.Node
		switch f := stack[i].(type) {
		case *ast.FuncLit:
			at = f
		case *ast.FuncDecl:
			at = f.Name
		default:
			continue
		}
		t, ok := tk.typeOf(p.off(at.Pos()), p.off(at.End()))
		if !ok {
			return nil
		}
		sig, ok := t.(*types.Signature)
		if !ok {
			return nil
		}
		return sig.Results()
	}
	return nil
}
