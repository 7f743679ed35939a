package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// The interpreter predates range over functions (Go 1.23). A loop over an
// iterator is rewritten into the call of the iterator with the loop's
// body as the yield function, which is what the loop means:
//
//	for k, v := range seq { body }
//	->  { var ctl int; (seq)(func(k K, v V) bool { body; return true }); if ctl == 1 { ... } }
//
// Inside the body, continue becomes `return true` and break `return
// false`; a return from the enclosing function, and a break or continue
// of an outer loop, set ctl, end the iteration with `return false`, and
// are done again after the call, where they mean what they meant in the
// loop. Values returned go through temporaries declared before the
// outermost such loop of the function. The types of k and v come from
// the type check of the cell. Each iteration is a call, so closures in
// the body see variables of their own iteration, as in Go.

// funcRange is a range-over-func loop being rewritten.
type funcRange struct {
	stmt   *ast.RangeStmt
	label  string    // the loop's label, if any
	start  token.Pos // where the loop statement starts, label included
	params []string  // the types of the yield function's parameters
	ctl    string    // the control variable
	after  []string  // what is done after the call, by control value
}

// funcScope is a function (or the cell's body) that holds loops being
// rewritten.
type funcScope struct {
	results []string // result types, written as in the source
	temps   []string // temporaries for returned values, once declared
	outer   *funcRange
}

// rangeFrame is one enclosing statement of a branch, for finding what it
// targets.
type rangeFrame struct {
	node  ast.Node
	label string
	loop  *funcRange // set for a loop being rewritten
	fn    *funcScope // set for a function
}

// rangeFuncs rewrites the range-over-func loops of a piece.
func (rw *rewriter) rangeFuncs(p *piece, root ast.Node) {
	tk, ok := rw.know.(typeKnowledge)
	if !ok || root == nil {
		return
	}
	stack := []*rangeFrame{{fn: &funcScope{}}} // the cell's body
	if p.Kind != chunkStmt {
		stack = nil
	}
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if top.loop != nil {
				rw.endFuncRange(p, top.loop)
			}
			return false
		}
		f := &rangeFrame{node: n}
		if len(stack) > 0 {
			if ls, ok := stack[len(stack)-1].node.(*ast.LabeledStmt); ok && ls.Stmt == n {
				f.label = ls.Label.Name
			}
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			f.fn = &funcScope{results: rw.resultTypes(p, n.Type)}
		case *ast.FuncLit:
			f.fn = &funcScope{results: rw.resultTypes(p, n.Type)}
		case *ast.RangeStmt:
			if params, ok := yieldParams(p, n.X, tk); ok {
				start := n.Pos()
				if len(stack) > 0 {
					if ls, ok := stack[len(stack)-1].node.(*ast.LabeledStmt); ok && ls.Stmt == n {
						start = ls.Pos()
					}
				}
				f.loop = &funcRange{stmt: n, label: f.label, start: start, params: params, ctl: rw.fresh("Ctl")}
				rw.funcLoops[n] = true
				rw.beginFuncRange(p, f.loop)
			}
		case *ast.BranchStmt:
			rw.branch(p, n, stack)
		case *ast.ReturnStmt:
			rw.ret(p, n, stack)
		}
		stack = append(stack, f)
		return true
	})
}

// yieldParams returns the types of the parameters of the yield function
// that x, a function to range over, takes.
func yieldParams(p *piece, x ast.Expr, tk typeKnowledge) ([]string, bool) {
	t, ok := tk.typeOf(p.off(x.Pos()), p.off(x.End()))
	if !ok {
		return nil, false
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 1 || sig.Results().Len() != 0 {
		return nil, false
	}
	yield, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok || yield.Results().Len() != 1 {
		return nil, false
	}
	s, ok := tk.(interface {
		writeType(types.Type) (string, bool)
	})
	if !ok {
		return nil, false
	}
	var params []string
	for i := 0; i < yield.Params().Len(); i++ {
		text, ok := s.writeType(yield.Params().At(i).Type())
		if !ok {
			return nil, false
		}
		params = append(params, text)
	}
	return params, true
}

// resultTypes returns the result types of a function as its source
// writes them, one per result.
func (rw *rewriter) resultTypes(p *piece, ft *ast.FuncType) []string {
	if ft.Results == nil {
		return nil
	}
	var out []string
	for _, f := range ft.Results.List {
		n := max(len(f.Names), 1)
		for range n {
			out = append(out, rw.text(p, f.Type))
		}
	}
	return out
}

// beginFuncRange rewrites a loop's header into the start of the call.
func (rw *rewriter) beginFuncRange(p *piece, l *funcRange) {
	r := l.stmt
	var params, assigns []string
	for i, typ := range l.params {
		var e ast.Expr
		switch i {
		case 0:
			e = r.Key
		case 1:
			e = r.Value
		}
		name := "_"
		if id, ok := e.(*ast.Ident); ok && r.Tok == token.DEFINE {
			name = id.Name
		} else if e != nil && !isBlank(e) {
			name = rw.fresh("Yield")
			assigns = append(assigns, rw.text(p, e)+" = "+name+"; ")
		}
		params = append(params, name+" "+typ)
	}
	rw.add(p, l.start, r.X.Pos(), "{ var "+l.ctl+" int; _ = "+l.ctl+"; (")
	rw.add(p, r.X.End(), r.Body.Lbrace+1, ")(func("+strings.Join(params, ", ")+") bool { "+strings.Join(assigns, ""))
}

// endFuncRange closes the call, and does after it what the body asked
// for.
func (rw *rewriter) endFuncRange(p *piece, l *funcRange) {
	rw.add(p, l.stmt.Body.Rbrace, l.stmt.Body.Rbrace+1, "; return true }); "+strings.Join(l.after, " ")+"}")
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// exit is a branch or return to be done at some place of the function.
type exit struct {
	tok   token.Token // token.BREAK, token.CONTINUE, token.RETURN
	label string
	// values is set for a return of values, which the temporaries hold
	// once the exit leaves the body of a loop being rewritten.
	values bool
}

// branch rewrites a break or continue that leaves the body of a loop
// being rewritten.
func (rw *rewriter) branch(p *piece, b *ast.BranchStmt, stack []*rangeFrame) {
	if b.Tok != token.BREAK && b.Tok != token.CONTINUE {
		return
	}
	e := exit{tok: b.Tok}
	if b.Label != nil {
		e.label = b.Label.Name
	}
	if text, ok := rw.exitText(e, stack); ok {
		rw.add(p, b.Pos(), b.End(), text)
	}
}

// ret rewrites a return inside the body of a loop being rewritten.
func (rw *rewriter) ret(p *piece, r *ast.ReturnStmt, stack []*rangeFrame) {
	fi := -1
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].fn != nil {
			fi = i
			break
		}
	}
	inner := innermostLoop(stack, fi)
	if fi < 0 || inner == nil {
		return
	}
	fn := stack[fi].fn
	if len(r.Results) == 0 {
		text, _ := rw.exitText(exit{tok: token.RETURN}, stack)
		rw.add(p, r.Pos(), r.End(), text)
		return
	}
	if fn.temps == nil {
		outer := outermostLoop(stack, fi)
		var decls string
		for _, t := range fn.results {
			v := rw.fresh("Ret")
			fn.temps = append(fn.temps, v)
			decls += "var " + v + " " + t + "; "
		}
		rw.add(p, outer.start, outer.start, decls)
	}
	text, _ := rw.exitText(exit{tok: token.RETURN, values: true}, stack)
	rw.add(p, r.Pos(), r.Results[0].Pos(), "{ "+strings.Join(fn.temps, ", ")+" = ")
	rw.add(p, r.End(), r.End(), "; "+text+" }")
}

// exitText returns the statement that does e at the place stack leads
// to, when a loop being rewritten lies between it and its target.
func (rw *rewriter) exitText(e exit, stack []*rangeFrame) (string, bool) {
	target := -1
	for i := len(stack) - 1; i >= 0 && target < 0; i-- {
		f := stack[i]
		if f.fn != nil {
			if e.tok == token.RETURN {
				target = i
			}
			break
		}
		switch {
		case e.tok == token.RETURN:
		case e.label != "":
			if f.label == e.label {
				target = i
			}
		case isLoop(f.node) || (e.tok == token.BREAK && isBreakable(f.node)):
			target = i
		}
	}
	if target < 0 {
		return "", false
	}
	inner := innermostLoop(stack, target)
	if inner == nil {
		if e.tok == token.RETURN {
			return rw.returnText(e, stack[target].fn), true
		}
		if l := stack[target].loop; l != nil {
			// The body of the loop itself.
			if e.tok == token.BREAK {
				return "return false", true
			}
			return "return true", true
		}
		return "", false
	}
	// Leave the innermost loop's call, and do the exit after it.
	k := len(inner.after) + 1
	at := indexOfLoop(stack, inner)
	again, ok := rw.exitText(e, stack[:at])
	if !ok {
		again = e.tok.String()
		if e.label != "" {
			again += " " + e.label
		}
		if e.tok == token.RETURN {
			again = rw.returnText(e, stack[target].fn)
		}
	}
	inner.after = append(inner.after, fmt.Sprintf("if %s == %d { %s }; ", inner.ctl, k, again))
	return fmt.Sprintf("{ %s = %d; return false }", inner.ctl, k), true
}

// returnText is a return of the function itself.
func (rw *rewriter) returnText(e exit, fn *funcScope) string {
	if e.values && fn != nil {
		return "return " + strings.Join(fn.temps, ", ")
	}
	return "return"
}

// innermostLoop returns the innermost loop being rewritten above the
// frame at index from (excluded).
func innermostLoop(stack []*rangeFrame, from int) *funcRange {
	for i := len(stack) - 1; i > from; i-- {
		if stack[i].fn != nil {
			return nil
		}
		if stack[i].loop != nil {
			return stack[i].loop
		}
	}
	return nil
}

// outermostLoop returns the outermost loop being rewritten above the
// frame at index from.
func outermostLoop(stack []*rangeFrame, from int) *funcRange {
	for i := from + 1; i < len(stack); i++ {
		if stack[i].loop != nil {
			return stack[i].loop
		}
	}
	return nil
}

func indexOfLoop(stack []*rangeFrame, l *funcRange) int {
	for i, f := range stack {
		if f.loop == l {
			return i
		}
	}
	return 0
}

func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

func isBreakable(n ast.Node) bool {
	switch n.(type) {
	case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
		return true
	}
	return false
}

// rangeFuncLimit returns an error for a range-over-func loop of the cell
// that cannot be rewritten because a value's type cannot be written in
// the cell (a type of a package the session has not imported, or an
// unexported one): the interpreter would fail on it without saying why.
func rangeFuncLimit(code string, pieces []*piece, s *Session) *Error {
	var found *Error
	inspectPieces(pieces, func(p *piece, n ast.Node) bool {
		r, ok := n.(*ast.RangeStmt)
		if !ok || found != nil {
			return found == nil
		}
		t, ok := s.typeOf(p.off(r.X.Pos()), p.off(r.X.End()))
		if !ok {
			return true
		}
		sig, ok := t.Underlying().(*types.Signature)
		if !ok || sig.Params().Len() != 1 {
			return true
		}
		if _, ok := yieldParams(p, r.X, s); ok {
			return true
		}
		line, col := lineCol(code, p.off(r.X.Pos()))
		found = newError("CompileError", fmt.Sprintf(
			"range over a function of type %s: the interpreter has no range over functions, and the loop cannot be rewritten into a call here, since the type of its values cannot be written in this cell (import its package, or call the iterator with a yield function)",
			types.TypeString(t, func(p *types.Package) string { return p.Name() })), code, line, col)
		return false
	})
	return found
}
