package eval

import (
	"fmt"
	"go/ast"
	"go/types"
	"strconv"
	"strings"
)

// Type assertions and type switches on interface values that may hold
// values of cells' types are rewritten to ask the value for its type
// (selfcapture.go) before they fall back on the interpreter's own
// assertion, which fails for such values in several ways: a struct held
// in a compiled interface (error, fmt.Stringer) loses its type
// (err.(HTTPError) is false), a pointer held in an any that came from an
// error does too, a value held in an any does not assert to error, and
// the interpreter's type switch matches none of the cases naming
// types of cells (interp/run.go, func _case, compares type names).
//
//	h, ok := err.(HTTPError)  ->  h, ok := func(x any) (HTTPError, bool) { ...SelfOf(x)...; r, ok := x.(HTTPError); return r, ok }(err)
//	switch v := err.(type) { case HTTPError: A; default: B }  ->  switch ts := err; func(x any) int { ... }(ts) { case 0: v := ...(ts); _ = v; A; default: v := ts; _ = v; B }

// assertKnowledge is what the assertion rewrites ask the session.
type assertKnowledge interface {
	typeOf(start, end int) (types.Type, bool)
	typeExprOf(start, end int) (types.Type, bool)
	// writeType writes a type as the cell can write it.
	writeType(t types.Type) (string, bool)
	// sessionTypes returns the types of the session's cells, the running
	// cell's included; generic types are left out.
	sessionTypes() []*types.TypeName
}

func (s *Session) sessionTypes() []*types.TypeName {
	if s.check == nil {
		return nil
	}
	return s.check.TypeNames()
}

// Names of the parameters and temporaries of the functions the rewrites
// write; cells do not use the prefix.
const (
	assertX  = "__gornnX"
	assertN  = "__gornnN"
	assertV  = "__gornnV"
	assertC  = "__gornnC"
	assertR  = "__gornnR"
	assertOK = "__gornnOK"
)

// askedType reports whether values of t, a type of a cell or a pointer
// to one, say their type through the handover of selfcapture.go: t is
// no interface, not generic, and its method set has an Error or String
// method that a cell declared on its type (a promoted one hands over
// the embedded field instead).
func askedType(t types.Type) bool {
	base := t
	if p, ok := t.(*types.Pointer); ok {
		base = p.Elem()
	}
	named, ok := base.(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "main" || named.TypeParams().Len() > 0 || named.TypeArgs().Len() > 0 {
		return false
	}
	if types.IsInterface(named) {
		return false
	}
	ms := types.NewMethodSet(t)
	for _, name := range []string{"Error", "String"} {
		sel := ms.Lookup(named.Obj().Pkg(), name)
		if sel == nil || len(sel.Index()) != 1 {
			continue
		}
		sig := sel.Obj().Type().(*types.Signature)
		if sig.Params().Len() == 0 && sig.Results().Len() == 1 && types.Identical(sig.Results().At(0).Type(), types.Typ[types.String]) {
			return true
		}
	}
	return false
}

// cellInterface reports whether t is an interface type a cell declared;
// the interpreter keeps the dynamic type of values it holds.
func cellInterface(t types.Type) bool {
	named, ok := t.(*types.Named)
	return ok && types.IsInterface(t) && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "main"
}

// assertion writes the functions that stand in for assertions in one
// cell.
type assertion struct {
	k     assertKnowledge
	cands []types.Type // the session's asked types, values and pointers
}

func newAssertion(k assertKnowledge) *assertion {
	a := &assertion{k: k}
	for _, tn := range k.sessionTypes() {
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if askedType(t) {
				a.cands = append(a.cands, t)
			}
		}
	}
	return a
}

// cellText writes t as a cell does.
func cellText(t types.Type) string { return types.TypeString(t, cellQualifier) }

// implementers returns the asked types that implement iface.
func (a *assertion) implementers(iface *types.Interface) []types.Type {
	var out []types.Type
	for _, c := range a.cands {
		if types.Implements(c, iface) {
			out = append(out, c)
		}
	}
	return out
}

// rewritten reports whether an assertion of an operand of static type
// from to t needs the function: from is not a cell's interface (the
// interpreter keeps what those hold), and t is an asked type, or a
// compiled interface that values of asked types implement.
func (a *assertion) needed(from, t types.Type) bool {
	if !types.IsInterface(from) {
		return false
	}
	iface, ok := t.Underlying().(*types.Interface)
	isCompiledIface := ok && !iface.Empty() && !cellInterface(t) && len(a.implementers(iface)) > 0
	if cellInterface(from) {
		// The interpreter asserts what a cell's interface holds to a
		// concrete type rightly, but to a compiled interface makes a
		// wrapper whose methods fail.
		return isCompiledIface
	}
	if fromIface, _ := from.Underlying().(*types.Interface); fromIface != nil && fromIface.Empty() && ok && !iface.Empty() {
		return true // for a nil any, see commaOKFunc
	}
	return askedType(t) || ok && !iface.Empty() && len(a.implementers(iface)) > 0
}

// commaOKFunc writes a function that returns x.(t) and whether it
// held; fromText is the type of its parameter, x's static type when that
// is an interface of a cell (see assertParam), else any.
func (a *assertion) commaOKFunc(t types.Type, tt, fromText string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "func(%s %s) (%s, bool) { ", assertX, fromText, tt)
	if iface, ok := t.Underlying().(*types.Interface); ok {
		// The interpreter's comma-ok assertion of a nil any to an
		// interface type panics (reflect: call of reflect.Value.Type on
		// zero Value).
		fmt.Fprintf(&b, "if %s == nil { return nil, false }; ", assertX)
		impl := a.implementers(iface)
		if fromText != "any" {
			// What a cell's interface holds: a value of a cell's
			// type, converted by a return, or a compiled value.
			for _, c := range impl {
				ct := cellText(c)
				fmt.Fprintf(&b, "if %s, %s := %s.(%s); %s { return %s, true }; ", assertR, assertOK, assertX, ct, assertOK, assertR)
			}
			fmt.Fprintf(&b, "%s, %s := %s.(%s); return %s, %s }", assertR, assertOK, assertX, tt, assertR, assertOK)
			return b.String()
		}
		// Compiled values and wrappers first, then values of cells'
		// types, wrapped or held as they are.
		fmt.Fprintf(&b, "if %s, %s := %s.(%s); %s { return %s, true }; ", assertR, assertOK, assertX, tt, assertOK, assertR)
		if len(impl) > 0 {
			fmt.Fprintf(&b, "if %s, %s, %s := %s(%s); %s { switch %s { ", assertN, assertV, assertC, selfOfFn, assertX, assertC, assertN)
			for _, c := range impl {
				ct := cellText(c)
				fmt.Fprintf(&b, "case %s: return %s.(%s), true; ", strconv.Quote(ct), assertV, ct)
			}
			fmt.Fprintf(&b, "}; return nil, false }; ")
			for _, c := range impl {
				ct := cellText(c)
				fmt.Fprintf(&b, "if %s, %s := %s.(%s); %s { return %s, true }; ", assertR, assertOK, assertX, ct, assertOK, assertR)
			}
		}
		b.WriteString("return nil, false }")
		return b.String()
	}
	fmt.Fprintf(&b, "if %s, %s, %s := %s(%s); %s { if %s == %s { return %s.(%s), true }; var %s %s; return %s, false }; ",
		assertN, assertV, assertC, selfOfFn, assertX, assertC, assertN, strconv.Quote(tt), assertV, tt, assertR, tt, assertR)
	fmt.Fprintf(&b, "%s, %s := %s.(%s); return %s, %s }", assertR, assertOK, assertX, tt, assertR, assertOK)
	return b.String()
}

// mustFunc writes a function that returns x.(t), and panics as Go does
// when x holds another type; from is x's static type.
func (a *assertion) mustFunc(from, t types.Type, tt, fromText string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "func(%s %s) %s { if %s == nil { %s(\"\", \"\", %s) }; ", assertX, fromText, tt, assertX, assertionPanicFn, strconv.Quote(goTypeText(t)))
	if _, ok := t.Underlying().(*types.Interface); ok {
		fmt.Fprintf(&b, "if %s, %s := %s(%s); %s { return %s }; ", assertR, assertOK, a.commaOKFunc(t, tt, fromText), assertX, assertOK, assertR)
		fmt.Fprintf(&b, "return %s.(%s) }", assertX, tt)
		return b.String()
	}
	fmt.Fprintf(&b, "if %s, %s, %s := %s(%s); %s { if %s == %s { return %s.(%s) }; %s(%s, %s, %s) }; ",
		assertN, assertV, assertC, selfOfFn, assertX, assertC, assertN, strconv.Quote(tt), assertV, tt,
		assertionPanicFn, strconv.Quote(goTypeText(from)), assertN, strconv.Quote(goTypeText(t)))
	fmt.Fprintf(&b, "return %s.(%s) }", assertX, tt)
	return b.String()
}

// assertionPanicFn panics as a failed assertion does.
const assertionPanicFn = rtAlias + ".AssertionPanic"

// typeAssert rewrites x.(T), single-valued or with ok, when it needs
// the function.
func (rw *rewriter) typeAssert(p *piece, ta *ast.TypeAssertExpr) {
	a := rw.assertion()
	if a == nil || ta.Type == nil {
		return
	}
	from, ok := a.k.typeOf(p.off(ta.X.Pos()), p.off(ta.X.End()))
	if !ok {
		return
	}
	t, ok := a.k.typeExprOf(p.off(ta.Type.Pos()), p.off(ta.Type.End()))
	if !ok || !a.needed(from, t) {
		return
	}
	tt, ok := a.k.writeType(t)
	if !ok {
		return
	}
	fromText, ok := a.assertParam(from)
	if !ok {
		return
	}
	fn := a.mustFunc(from, t, tt, fromText)
	if rw.commaOK[ta] {
		fn = a.commaOKFunc(t, tt, fromText)
	}
	// The function's call opens where x does, and closes in place of
	// .(T): it goes inside another rewrite's wrapping of the whole
	// assertion, outside one of x's.
	rw.edits = append(rw.edits,
		edit{Off: p.off(ta.X.Pos()), End: p.off(ta.X.Pos()), Text: fn + "(", wraps: p.off(ta.End()), rank: rankInner},
		edit{Off: p.off(ta.X.End()), End: p.off(ta.End()), Text: ")"})
}

// assertParam returns the type of the parameter of the functions that
// stand in for assertions from static type from: any, but a cell's
// interface itself, whose values an any would hold differently.
func (a *assertion) assertParam(from types.Type) (string, bool) {
	if cellInterface(from) {
		return a.k.writeType(from)
	}
	return "any", true
}

// assertion returns the cell's assertion writer, nil when the session
// cannot say types.
func (rw *rewriter) assertion() *assertion {
	if rw.asserts == nil {
		k, ok := rw.know.(assertKnowledge)
		if !ok {
			return nil
		}
		rw.asserts = newAssertion(k)
	}
	return rw.asserts
}

// markCommaOK records the assertions whose ok a statement takes.
func (rw *rewriter) markCommaOK(n ast.Node) {
	var x ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
			x = n.Rhs[0]
		}
	case *ast.ValueSpec:
		if len(n.Names) == 2 && len(n.Values) == 1 {
			x = n.Values[0]
		}
	}
	if ta, ok := ast.Unparen(x).(*ast.TypeAssertExpr); ok {
		if rw.commaOK == nil {
			rw.commaOK = map[*ast.TypeAssertExpr]bool{}
		}
		rw.commaOK[ta] = true
	}
}

// typeSwitch rewrites a type switch with a case naming a type of a cell
// into a switch on the index of the clause a function picks, each
// clause declaring the switch's variable; it reports whether it did.
// labeled tells that a label names the switch.
func (rw *rewriter) typeSwitch(p *piece, ts *ast.TypeSwitchStmt, labeled bool) bool {
	a := rw.assertion()
	if a == nil {
		return false
	}
	var guard *ast.TypeAssertExpr
	var varName string
	switch g := ts.Assign.(type) {
	case *ast.AssignStmt:
		guard, _ = g.Rhs[0].(*ast.TypeAssertExpr)
		varName = g.Lhs[0].(*ast.Ident).Name
	case *ast.ExprStmt:
		guard, _ = g.X.(*ast.TypeAssertExpr)
	}
	if guard == nil {
		return false
	}
	from, ok := a.k.typeOf(p.off(guard.X.Pos()), p.off(guard.X.End()))
	if !ok || !types.IsInterface(from) || cellInterface(from) {
		return false
	}
	// The clauses' types, nil standing for the nil case.
	type clause struct {
		cc    *ast.CaseClause
		types []types.Type
		texts []string
	}
	var clauses []clause
	needed, dflt, nilAt := false, -1, -1
	for i, s := range ts.Body.List {
		cc := s.(*ast.CaseClause)
		if cc.List == nil {
			dflt = i
		}
		cl := clause{cc: cc}
		for _, x := range cc.List {
			if id, ok := x.(*ast.Ident); ok && id.Name == "nil" {
				if nilAt < 0 {
					nilAt = i
				}
				cl.types = append(cl.types, nil)
				cl.texts = append(cl.texts, "")
				continue
			}
			t, ok := a.k.typeExprOf(p.off(x.Pos()), p.off(x.End()))
			if !ok {
				return false
			}
			tt, ok := a.k.writeType(t)
			if !ok {
				return false
			}
			if mentionsCellType(t) || a.needed(from, t) {
				needed = true
			}
			cl.types = append(cl.types, t)
			cl.texts = append(cl.texts, tt)
		}
		clauses = append(clauses, cl)
	}
	if !needed {
		return false
	}
	noMatch := dflt
	// The function that picks the clause, as Go's switch does: the
	// first whose types hold.
	var b strings.Builder
	fmt.Fprintf(&b, "func(%s any) int { if %s == nil { return %d }; ", assertX, assertX, pick(nilAt, dflt))
	var named []string
	for _, c := range a.cands {
		at := noMatch
	found:
		for i, cl := range clauses {
			for _, t := range cl.types {
				if t == nil {
					continue
				}
				if types.Identical(t, c) {
					at = i
					break found
				}
				if iface, ok := t.Underlying().(*types.Interface); ok && types.Implements(c, iface) {
					at = i
					break found
				}
			}
		}
		named = append(named, fmt.Sprintf("case %s: return %d", strconv.Quote(cellText(c)), at))
	}
	if len(named) > 0 {
		fmt.Fprintf(&b, "if %s, _, %s := %s(%s); %s { switch %s { %s }; }; ", assertN, assertC, selfOfFn, assertX, assertC, assertN, strings.Join(named, "; "))
	}
	for i, cl := range clauses {
		for j, t := range cl.types {
			if t == nil {
				continue
			}
			tt := cl.texts[j]
			fmt.Fprintf(&b, "if _, %s := %s.(%s); %s { return %d }; ", assertOK, assertX, tt, assertOK, i)
			if iface, ok := t.Underlying().(*types.Interface); ok && !iface.Empty() {
				for _, c := range a.implementers(iface) {
					fmt.Fprintf(&b, "if _, %s := %s.(%s); %s { return %d }; ", assertOK, assertX, cellText(c), assertOK, i)
				}
			}
		}
	}
	fmt.Fprintf(&b, "return %d }", noMatch)

	rw.n++
	tsVar, kVar := fmt.Sprintf("__gornnTS%d", rw.n), fmt.Sprintf("__gornnK%d", rw.n)
	// The interpreter's switch with an init statement misreads a tag
	// other than a name, and loses a variable that an init defines
	// along with another: the index gets an init and a name of its own,
	// the operand a block around the switch, unless it is a name.
	_, isName := guard.X.(*ast.Ident)
	pickText := kVar + " := " + b.String() + "("
	switch {
	case isName && ts.Init == nil:
		tsVar = guard.X.(*ast.Ident).Name
		rw.add(p, ts.Assign.Pos(), guard.X.Pos(), pickText)
		rw.add(p, guard.X.End(), ts.Body.Lbrace, "); "+kVar+" ")
	case labeled:
		return false
	case ts.Init != nil:
		// { init; ts := x; switch k := pick(ts); k { ... } }
		rw.add(p, ts.Switch, ts.Init.Pos(), "{ ")
		rw.add(p, ts.Init.End(), guard.X.Pos(), "; "+tsVar+" := ")
		rw.add(p, guard.X.End(), ts.Body.Lbrace, "; switch "+pickText+tsVar+"); "+kVar+" ")
		rw.add(p, ts.Body.Rbrace+1, ts.Body.Rbrace+1, " }")
	default:
		rw.add(p, ts.Switch, guard.X.Pos(), "{ "+tsVar+" := ")
		rw.add(p, guard.X.End(), ts.Body.Lbrace, "; switch "+pickText+tsVar+"); "+kVar+" ")
		rw.add(p, ts.Body.Rbrace+1, ts.Body.Rbrace+1, " }")
	}
	for i, cl := range clauses {
		if cl.cc.List != nil {
			rw.add(p, cl.cc.List[0].Pos(), cl.cc.List[len(cl.cc.List)-1].End(), strconv.Itoa(i))
		}
		if varName == "" || varName == "_" {
			continue
		}
		bind := tsVar
		if len(cl.types) == 1 && cl.types[0] != nil {
			t, tt := cl.types[0], cl.texts[0]
			if askedType(t) || types.IsInterface(t) {
				bind = a.mustFunc(from, t, tt, "any") + "(" + tsVar + ")"
			} else {
				bind = tsVar + ".(" + tt + ")"
			}
		}
		rw.add(p, cl.cc.Colon+1, cl.cc.Colon+1, " "+varName+" := "+bind+"; _ = "+varName+";")
	}
	return true
}

// pick returns the first of the clause indexes that is one (not -1).
func pick(at ...int) int {
	for _, i := range at {
		if i >= 0 {
			return i
		}
	}
	return -1
}
