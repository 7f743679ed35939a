package eval

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// funcDefer is a defer statement in a function of a cell, rewritten by
// deferArgs once the other rewrites are known.
type funcDefer struct {
	p *piece
	d *ast.DeferStmt
}

// deferArgs makes a defer statement in a function evaluate its
// arguments at the statement, as Go does. The interpreter keeps, for the
// deferred call, the argument values as they sit in the function's
// frame (interp/run.go, func call and func callBin: `val[i+1] = v(f)`
// when n.anc.kind == deferStmt), so a variable changed later, or a
// temporary that a loop's next iteration computes again, is what the
// call sees: `for i := 0; i < 3; i++ { defer fmt.Println(i) }` printed
// 3 three times. A definition gives a variable a new place each time it
// runs, which the deferred call keeps:
//
//	defer f(a, g(b))  ->  { __gornnDeferArg1 := a; __gornnDeferArg2 := g(b); defer f(__gornnDeferArg1, __gornnDeferArg2) }
//
// A function value that is itself computed (defer trace("x")()) is kept
// the same way. The called function stays in place otherwise: a
// function literal that recovers only does so when it is the deferred
// call itself. Arguments are copied only when go/types knows their type
// and it fits the parameter as it is (an untyped constant, which needs
// the parameter's type, does not change anyway), and when no other
// rewrite changed their text.
func (rw *rewriter) deferArgs(p *piece, d *ast.DeferStmt) {
	tk, ok := rw.know.(typeKnowledge)
	if !ok {
		return
	}
	call := d.Call
	sig, ok := rw.typeAt(tk, p, call.Fun).(*types.Signature)
	if !ok {
		return // a builtin, a conversion or an unknown function
	}
	if rw.deferMethod(p, d, tk) {
		return
	}
	var defs string
	copied := 0
	copyText := func(x ast.Expr, name string) {
		defs += name + " := " + rw.text(p, x) + "; "
		rw.add(p, x.Pos(), x.End(), name)
		copied++
	}
	if fn, isCall := ast.Unparen(call.Fun).(*ast.CallExpr); isCall && !rw.editedWithin(p, fn) {
		copyText(fn, rw.fresh("DeferFn"))
	}
	if lit, isLit := ast.Unparen(call.Fun).(*ast.FuncLit); isLit {
		caps := rw.loopCaptures(p, d, lit, tk)
		for i, c := range caps {
			name := rw.fresh("DeferCap")
			defs += name + " := " + c.name + "; "
			sep := ", "
			if i == 0 && lit.Type.Params.NumFields() == 0 {
				sep = ""
			}
			rw.add(p, lit.Type.Params.Closing, lit.Type.Params.Closing, sep+c.name+" "+c.typ)
			if i == 0 && len(call.Args) == 0 {
				sep = ""
			} else {
				sep = ", "
			}
			rw.add(p, call.Rparen, call.Rparen, sep+name)
			copied++
		}
	}
	params := sig.Params()
	for i, a := range call.Args {
		if isConstantExpr(a) || rw.editedWithin(p, a) {
			continue
		}
		var want types.Type
		switch {
		case sig.Variadic() && i >= params.Len()-1 && !call.Ellipsis.IsValid():
			want = params.At(params.Len() - 1).Type().(*types.Slice).Elem()
		case i < params.Len():
			want = params.At(i).Type()
		default:
			return // f(g()) with g of several results
		}
		have := rw.typeAt(tk, p, a)
		if have == nil || !types.AssignableTo(have, want) {
			continue
		}
		copyText(a, rw.fresh("DeferArg"))
	}
	if copied == 0 {
		return
	}
	rw.add(p, d.Pos(), d.Pos(), "{ "+defs)
	rw.add(p, d.End(), d.End(), " }")
}

// deferMethod rewrites a deferred method call whose receiver is a
// pointer or an interface: the interpreter reads a method value's
// receiver from the frame when the call runs (interp/run.go, func
// genFunctionWrapper: rcvr(f)), so `for _, f := range files { defer
// f.Close() }` closed the last file each time. The receiver and the
// arguments are kept by a closure made at the statement:
//
//	defer f.Close()  ->  { __gornnDeferFn1 := func() func() { r := f; return func() { r.Close() } }(); defer __gornnDeferFn1() }
//
// A method that recovers is then not called by the deferred call itself
// and recovers nothing. Receivers of other types, and calls that other
// rewrites changed, stay as they are.
func (rw *rewriter) deferMethod(p *piece, d *ast.DeferStmt, tk typeKnowledge) bool {
	call := d.Call
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || call.Ellipsis.IsValid() || rw.editedWithin(p, call) {
		return false
	}
	recv := rw.typeAt(tk, p, sel.X)
	if recv == nil {
		return false // a package's function
	}
	switch recv.Underlying().(type) {
	case *types.Pointer, *types.Interface:
	default:
		return false
	}
	if _, isMethod := rw.typeAt(tk, p, sel).(*types.Signature); !isMethod {
		return false
	}
	r := rw.fresh("DeferRecv")
	defs := r + " := " + rw.text(p, sel.X) + "; "
	var args []string
	for _, a := range call.Args {
		if isConstantExpr(a) {
			args = append(args, rw.text(p, a))
			continue
		}
		name := rw.fresh("DeferArg")
		defs += name + " := " + rw.text(p, a) + "; "
		args = append(args, name)
	}
	fn := rw.fresh("DeferFn")
	rw.add(p, d.Pos(), d.End(), "{ "+fn+" := func() func() { "+defs+"return func() { "+r+"."+sel.Sel.Name+"("+strings.Join(args, ", ")+") } }(); defer "+fn+"() }")
	return true
}

// typeAt returns go/types' type of x, or nil.
func (rw *rewriter) typeAt(tk typeKnowledge, p *piece, x ast.Expr) types.Type {
	t, ok := tk.typeOf(p.off(x.Pos()), p.off(x.End()))
	if !ok {
		return nil
	}
	return t
}

// editedWithin reports whether another rewrite changed the text of x,
// which can then not be copied as it is.
func (rw *rewriter) editedWithin(p *piece, x ast.Node) bool {
	from, to := p.off(x.Pos()), p.off(x.End())
	for _, e := range rw.edits {
		if e.Off < to && e.End > from || e.Off == e.End && e.Off >= from && e.Off <= to {
			return true
		}
	}
	return false
}

// loopCapture is a variable of a loop's body that a deferred function
// literal reads, with its type as the cell writes it.
type loopCapture struct{ name, typ string }

// loopCaptures returns the variables that lit, deferred by d inside a
// loop, reads from the bodies of the loops around d: the interpreter's
// deferred literal read them when it ran, so every deferred call saw
// the last iteration's (for _, n := range names { r := open(n); defer
// func() { r.Close() }() } closed the last r each time). They become
// parameters of the literal, given the values at the defer statement.
// Variables the literal assigns stay shared, as in Go.
func (rw *rewriter) loopCaptures(p *piece, d *ast.DeferStmt, lit *ast.FuncLit, tk typeKnowledge) []loopCapture {
	names := rw.deferLoopNames[d]
	if len(names) == 0 {
		return nil
	}
	assigned, own := map[string]bool{}, map[string]bool{}
	ast.Inspect(lit, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					if n.Tok == token.DEFINE {
						own[id.Name] = true
					} else {
						assigned[id.Name] = true
					}
				}
			}
		case *ast.IncDecStmt:
			if id, ok := n.X.(*ast.Ident); ok {
				assigned[id.Name] = true
			}
		case *ast.UnaryExpr:
			if id, ok := n.X.(*ast.Ident); ok && n.Op == token.AND {
				assigned[id.Name] = true // its address escapes
			}
		case *ast.Field:
			for _, id := range n.Names {
				own[id.Name] = true
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				own[id.Name] = true
			}
		}
		return true
	})
	var out []loopCapture
	seen := map[string]bool{}
	var look func(n ast.Node) bool
	look = func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			ast.Inspect(sel.X, look) // not the field or method name
			return false
		}
		if kv, ok := n.(*ast.KeyValueExpr); ok {
			ast.Inspect(kv.Value, look) // not a field name of a literal
			return false
		}
		id, ok := n.(*ast.Ident)
		if !ok || seen[id.Name] || !names[id.Name] || assigned[id.Name] || own[id.Name] {
			return true
		}
		t := rw.typeAt(tk, p, id)
		if t == nil {
			return true
		}
		if _, isSig := t.(*types.Signature); isSig {
			return true // a function of the cell, by name
		}
		text, ok := rw.know.(assertKnowledge)
		if !ok {
			return true
		}
		tt, ok := text.writeType(t)
		if !ok {
			return true
		}
		seen[id.Name] = true
		out = append(out, loopCapture{id.Name, tt})
		return true
	}
	ast.Inspect(lit.Body, look)
	return out
}

// markDeferLoops records, for each defer statement of a function of the
// cell inside loops, the names those loops define (their own variables
// and their bodies').
func (rw *rewriter) markDeferLoops(root ast.Node) {
	var visit func(n ast.Node, names map[string]bool)
	visit = func(n ast.Node, names map[string]bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				if m != n {
					visit(m.Body, nil)
					return false
				}
			case *ast.ForStmt, *ast.RangeStmt:
				if m == n {
					return true
				}
				inner := map[string]bool{}
				for k := range names {
					inner[k] = true
				}
				ast.Inspect(m, func(k ast.Node) bool {
					switch k := k.(type) {
					case *ast.FuncLit:
						return false
					case *ast.AssignStmt:
						if k.Tok == token.DEFINE {
							for _, l := range k.Lhs {
								if id, ok := l.(*ast.Ident); ok {
									inner[id.Name] = true
								}
							}
						}
					case *ast.RangeStmt:
						if k.Tok == token.DEFINE {
							for _, x := range []ast.Expr{k.Key, k.Value} {
								if id, ok := x.(*ast.Ident); ok {
									inner[id.Name] = true
								}
							}
						}
					case *ast.ValueSpec:
						for _, id := range k.Names {
							inner[id.Name] = true
						}
					}
					return true
				})
				visit(m, inner)
				return false
			case *ast.DeferStmt:
				if len(names) > 0 {
					if rw.deferLoopNames == nil {
						rw.deferLoopNames = map[*ast.DeferStmt]map[string]bool{}
					}
					rw.deferLoopNames[m] = names
				}
			}
			return true
		})
	}
	visit(root, nil)
}
