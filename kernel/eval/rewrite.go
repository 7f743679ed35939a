package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// The names the rewrites refer to. The runtime package is imported into
// every session under rtAlias; the generic helpers are declared in
// interpreted source when the session starts.
const (
	rtAlias   = "__gornn"
	resultFn  = rtAlias + ".Result"
	goPanicFn = rtAlias + ".GoPanic"
	clearFn   = rtAlias + ".Clear"
	stackFn   = rtAlias + ".CheckStack"
	noteFn    = rtAlias + ".NotePanic"
	minFn     = "__gornnMin"
	maxFn     = "__gornnMax"
)

// knowledge answers the questions the rewrites ask about names defined in
// earlier cells.
type knowledge interface {
	// defined reports whether the session defines name at top level,
	// shadowing a builtin.
	defined(name string) bool
	// isInt reports whether name (a global, or pkg.Name of an imported
	// package when pkg is set) is known to be an integer.
	isInt(pkg, name string) bool
}

// rewriter collects the edits that bring Go 1.22+ forms to the
// interpreter, make goroutine panics harmless and turn runaway recursion
// into an error (checkStack).
type rewriter struct {
	src    string
	know   knowledge
	edits  []edit
	done   map[*ast.CallExpr]bool  // calls already rewritten as a whole
	n      int                     // counter for fresh names
	ints   map[string]bool         // names this cell declares as integers
	locals map[string]bool         // names this cell declares (shadowing builtins)
	defers map[*ast.DeferStmt]bool // defer statements of the cell's own body
	// funcLoops are the range-over-func loops, rewritten by rangeFuncs.
	funcLoops map[*ast.RangeStmt]bool
	// funcDefers are the defer statements in functions (deferArgs), and
	// deferLoopNames the names the loops around each of them define.
	funcDefers     []funcDefer
	deferLoopNames map[*ast.DeferStmt]map[string]bool
	// asserts writes the functions of rewritten assertions (typeAssert,
	// typeSwitch); commaOK marks the assertions whose ok is taken, and
	// labels the labeled statements of switches.
	asserts *assertion
	commaOK map[*ast.TypeAssertExpr]bool
	labels  map[ast.Stmt]*ast.LabeledStmt
}

// rewriteCell returns the edits for all pieces of a cell.
func rewriteCell(src string, pieces []*piece, know knowledge) []edit {
	rw := &rewriter{src: src, know: know, ints: map[string]bool{}, locals: map[string]bool{}, done: map[*ast.CallExpr]bool{},
		defers: map[*ast.DeferStmt]bool{}, funcLoops: map[*ast.RangeStmt]bool{}}
	for _, p := range pieces {
		rw.collectNames(p)
		for _, d := range cellDefers(p) {
			rw.defers[d] = true
		}
	}
	for _, p := range pieces {
		var n ast.Node = p.decl
		if p.stmt != nil {
			n = p.stmt
			rw.wrapCompound(p)
			rw.defineFromMinMax(p)
		}
		rw.markDeferLoops(n)
		rw.rangeFuncs(p, n)
		rw.selectBranches(p, n)
		rw.cellReturns(p)
		rw.boundsChecks(p, n)
		rw.walk(p, n)
	}
	for _, fd := range rw.funcDefers {
		rw.deferArgs(fd.p, fd.d)
	}
	return rw.edits
}

// wrapCompound runs a cell-level loop, if, switch, select or block in a
// function literal when a statement inside it defines variables. At a
// cell's level the interpreter gives such variables places of the
// global frame that other names there share: a variable of a loop and a
// later one of the same name at the cell's level (for i := range n { x
// := i }; x := "s") wrote into each other ("reflect.Set: value of type
// int is not assignable to type string", or SetInt on an interface), and
// a multi-value definition (a, b := f(); v, ok := m[k]) lost its
// variables for the statements after it ("undefined: a"). In a function
// it does not. Variables of the cell stay reachable as the literal's
// free variables; the statement declares nothing the cell could see
// anyway, and its return and defer statements are the session's calls
// (cellreturn.go, defer.go), which work from inside the literal.
func (rw *rewriter) wrapCompound(p *piece) {
	stmt := p.stmt
	if l, ok := stmt.(*ast.LabeledStmt); ok {
		stmt = l.Stmt
	}
	switch stmt.(type) {
	case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt,
		*ast.SelectStmt, *ast.BlockStmt:
	default:
		return
	}
	found, escapes := false, false
	labels := map[string]bool{}
	var branches []*ast.BranchStmt
	ast.Inspect(p.stmt, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				found = true
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				found = true
			}
		case *ast.ValueSpec:
			found = true
		case *ast.LabeledStmt:
			labels[n.Label.Name] = true
		case *ast.BranchStmt:
			branches = append(branches, n)
		}
		return true
	})
	// A goto, break or continue to a label outside the statement
	// cannot leave a function literal.
	for _, b := range branches {
		if b.Label != nil && !labels[b.Label.Name] {
			escapes = true
		}
	}
	if found && !escapes {
		// Its closing goes after the closings of other rewrites of the
		// statement, which end where it does.
		rw.add(p, p.stmt.Pos(), p.stmt.Pos(), "func() { ")
		rw.edits = append(rw.edits, edit{Off: p.off(p.stmt.End()), End: p.off(p.stmt.End()), Text: " }()", rank: rankClose})
	}
}

// trailingExpr returns the expression a cell ends with, if its value is
// the cell's result: the last piece is an expression statement that is
// not a call of a builtin without results, nor a fmt.Print call, whose
// byte count and error nobody wants to see after the printed text.
func trailingExpr(pieces []*piece) (*piece, ast.Expr) {
	if len(pieces) == 0 {
		return nil, nil
	}
	p := pieces[len(pieces)-1]
	es, ok := p.stmt.(*ast.ExprStmt)
	if !ok {
		return nil, nil
	}
	if call, ok := es.X.(*ast.CallExpr); ok {
		if id, ok := call.Fun.(*ast.Ident); ok {
			switch id.Name {
			case "panic", "print", "println", "close", "delete", "clear":
				return nil, nil
			}
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "fmt" {
				switch sel.Sel.Name {
				case "Print", "Println", "Printf", "Fprint", "Fprintln", "Fprintf":
					return nil, nil
				}
			}
		}
	}
	return p, es.X
}

// resultEdits wraps the trailing expression in a call of the compiled
// result collector.
func resultEdits(p *piece, x ast.Expr) []edit {
	return wrapEdits(p.off(x.Pos()), p.off(x.End()), resultFn+"(", ")", 0)
}

// collectNames records the names a piece declares: integers for the
// range-over-int rewrite, and any name that shadows a builtin.
func (rw *rewriter) collectNames(p *piece) {
	var n ast.Node = p.decl
	if p.stmt != nil {
		n = p.stmt
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Recv == nil {
				rw.locals[n.Name.Name] = true
			}
		case *ast.TypeSpec:
			rw.locals[n.Name.Name] = true
		case *ast.ValueSpec:
			for i, name := range n.Names {
				rw.locals[name.Name] = true
				if isIntType(n.Type) || (n.Type == nil && i < len(n.Values) && rw.intish(n.Values[i])) {
					rw.ints[name.Name] = true
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						rw.locals[id.Name] = true
						if rw.intish(n.Rhs[i]) {
							rw.ints[id.Name] = true
						}
					}
				}
			}
		case *ast.Field:
			if isIntType(n.Type) {
				for _, name := range n.Names {
					rw.ints[name.Name] = true
				}
			}
		}
		return true
	})
}

// isIntType reports whether t names a predeclared integer type.
func isIntType(t ast.Expr) bool {
	id, ok := t.(*ast.Ident)
	if !ok {
		return false
	}
	switch id.Name {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "byte", "rune":
		return true
	}
	return false
}

// intish reports whether x is visibly an integer, without type checking:
// integer literals, len/cap/conversions, arithmetic on integers, and names
// known to be integers.
func (rw *rewriter) intish(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.BasicLit:
		return x.Kind == token.INT
	case *ast.ParenExpr:
		return rw.intish(x.X)
	case *ast.Ident:
		return rw.ints[x.Name] || (!rw.locals[x.Name] && rw.know != nil && rw.know.isInt("", x.Name))
	case *ast.SelectorExpr:
		if pkg, ok := x.X.(*ast.Ident); ok && rw.know != nil {
			return rw.know.isInt(pkg.Name, x.Sel.Name)
		}
	case *ast.CallExpr:
		if isIntType(x.Fun) {
			return true
		}
		if id, ok := x.Fun.(*ast.Ident); ok && (id.Name == "len" || id.Name == "cap") {
			return true
		}
	case *ast.BinaryExpr:
		switch x.Op {
		case token.SHL, token.SHR:
			return rw.intish(x.X)
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR, token.AND_NOT:
			return rw.intish(x.X) || rw.intish(x.Y)
		}
	case *ast.UnaryExpr:
		if x.Op == token.SUB || x.Op == token.ADD || x.Op == token.XOR {
			return rw.intish(x.X)
		}
	}
	return false
}

// fresh returns a new name for a rewrite's temporary.
func (rw *rewriter) fresh(what string) string {
	rw.n++
	return fmt.Sprintf("__gornn%s%d", what, rw.n)
}

func (rw *rewriter) add(p *piece, from, to token.Pos, text string) {
	rw.edits = append(rw.edits, edit{Off: p.off(from), End: p.off(to), Text: text})
}

// wrap puts before and after around the cell's text [from, to) (see
// edit.wraps).
func (rw *rewriter) wrap(p *piece, from, to token.Pos, before, after string, rank int) {
	rw.edits = append(rw.edits, wrapEdits(p.off(from), p.off(to), before, after, rank)...)
}

// addEntry inserts a function's entry text at at, ahead of the other
// insertions there (see edit.rank).
func (rw *rewriter) addEntry(p *piece, at token.Pos, text string) {
	rw.edits = append(rw.edits, edit{Off: p.off(at), End: p.off(at), Text: text, rank: rankEntry})
}

func (rw *rewriter) text(p *piece, n ast.Node) string {
	return rw.src[p.off(n.Pos()):p.off(n.End())]
}

func (rw *rewriter) walk(p *piece, root ast.Node) {
	rw.ifaceConversions(p, root)
	rw.parallelAssigns(p, root)
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			// Every function declared in a cell, and every function
			// literal, checks its goroutine's stack first: recursion,
			// direct or not, goes through one of them.
			rw.checkStack(p, n.Body)
			rw.zeroResults(p, n.Type, n.Body)
			rw.selfCheck(p, n)
			rw.nilPointerReturns(p, n.Type, n.Body)
		case *ast.FuncLit:
			rw.checkStack(p, n.Body)
			rw.zeroResults(p, n.Type, n.Body)
			rw.nilPointerReturns(p, n.Type, n.Body)
		case *ast.LabeledStmt:
			if rw.labels == nil {
				rw.labels = map[ast.Stmt]*ast.LabeledStmt{}
			}
			rw.labels[n.Stmt] = n
		case *ast.SwitchStmt:
			rw.switchInit(p, n, rw.labels[n])
			rw.tagless(p, n)
		case *ast.TypeSwitchStmt:
			if !rw.typeSwitch(p, n, rw.labels[n] != nil) {
				rw.caseError(p, n)
			}
		case *ast.AssignStmt:
			rw.markCommaOK(n)
			rw.nilPointerStores(p, n)
			rw.runeDefine(p, n)
		case *ast.ValueSpec:
			rw.markCommaOK(n)
			rw.nilPointerStores(p, n)
			rw.runeVar(p, n)
		case *ast.TypeAssertExpr:
			rw.typeAssert(p, n)
		case *ast.SelectorExpr:
			rw.methodExpr(p, n)
		case *ast.BinaryExpr:
			rw.shiftType(p, n)
		case *ast.GoStmt:
			rw.goStmt(p, n)
		case *ast.DeferStmt:
			if rw.defers[n] {
				rw.deferStmt(p, n)
			} else {
				rw.funcDefers = append(rw.funcDefers, funcDefer{p, n})
			}
		case *ast.RangeStmt:
			if !rw.funcLoops[n] {
				rw.rangeStmt(p, n)
				rw.rangeOfChans(p, n)
			}
		case *ast.ForStmt:
			rw.forStmt(p, n)
		case *ast.CallExpr:
			rw.builtinCall(p, n)
			rw.recoverCall(p, n)
			rw.errorsCall(p, n)
			rw.nilPointerStores(p, n)
			rw.panicError(p, n)
		case *ast.GenDecl:
			if rw.typedConstDecl(p, n) {
				return false // its text is new
			}
		}
		return true
	})
}

// goStmt rewrites `go f(a, b)` so that the arguments are still evaluated
// at the go statement but the goroutine recovers a panic and reports it
// instead of killing the process:
//
//	func() { f' := f; a' := a; b' := b; go func() { defer recover-and-report; f'(a', b') }() }()
//
// The function and argument expressions stay at their places in the text.
func (rw *rewriter) goStmt(p *piece, g *ast.GoStmt) {
	call := g.Call
	fn := rw.fresh("GoFn")
	names := []string{fn}
	for range call.Args {
		names = append(names, rw.fresh("GoArg"))
	}
	callText := fn + "(" + joinNames(names[1:])
	if call.Ellipsis.IsValid() {
		callText += "..."
	}
	callText += ")"
	// The values live in a call of a function literal of their own: the
	// interpreter shares a block's variables between the iterations of a
	// loop, and a goroutine started late would read the next iteration's
	// values, or a nil function, from them. Each gets a definition of its
	// own, in order: the interpreter's multiple definition of a function
	// declared by an earlier cell stores a nil function.
	tail := "; go func() { defer func() { if r := recover(); r != nil { " + goPanicFn + "(r) } }(); " + callText + " }() }()"
	rw.add(p, g.Pos(), call.Fun.Pos(), "func() { "+fn+" := ")
	if len(call.Args) == 0 {
		rw.add(p, call.Fun.End(), call.End(), tail)
		return
	}
	rw.add(p, call.Fun.End(), call.Args[0].Pos(), "; "+names[1]+" := ")
	for i := 1; i < len(call.Args); i++ {
		rw.add(p, call.Args[i-1].End(), call.Args[i].Pos(), "; "+names[i+1]+" := ")
	}
	rw.add(p, call.Args[len(call.Args)-1].End(), call.End(), tail)
}

func joinNames(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

// rangeStmt rewrites range over an integer, which the interpreter lacks,
// and gives closures in the body their own copy of the loop variables.
func (rw *rewriter) rangeStmt(p *piece, r *ast.RangeStmt) {
	if rw.intish(r.X) && !rw.typedNonInt(p, r.X) {
		key, _ := r.Key.(*ast.Ident)
		simple := false
		switch r.X.(type) {
		case *ast.Ident, *ast.BasicLit, *ast.SelectorExpr:
			simple = true
		}
		if simple && key != nil && key.Name != "_" && r.Tok == token.DEFINE {
			// for i := range n  ->  for i, end := (n)-(n), n; i < end; i++
			// keeps the type of n for i.
			end := rw.fresh("End")
			x := rw.text(p, r.X)
			rw.add(p, r.Key.Pos(), r.X.Pos(), key.Name+", "+end+" := ("+x+")-("+x+"), ")
			rw.add(p, r.X.End(), r.X.End(), "; "+key.Name+" < "+end+"; "+key.Name+"++")
		} else {
			// Everything else ranges over a slice of n empty structs.
			rw.add(p, r.X.Pos(), r.X.Pos(), "make([]struct{}, ")
			rw.add(p, r.X.End(), r.X.End(), ")")
		}
	}
	if r.Tok != token.DEFINE {
		rw.rangeAssign(p, r)
		return
	}
	var names []string
	for _, e := range []ast.Expr{r.Key, r.Value} {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			names = append(names, id.Name)
		}
	}
	rw.bindLoopVars(p, r.Body, names)
}

// typedNonInt reports whether the cell's type check says x is not an
// integer: intish goes by names, and a struct field (count int) shares
// its name with a map of the cell (count := map[rune]int{}).
func (rw *rewriter) typedNonInt(p *piece, x ast.Expr) bool {
	tk, ok := rw.know.(typeKnowledge)
	if !ok {
		return false
	}
	t, ok := tk.typeOf(p.off(x.Pos()), p.off(x.End()))
	if !ok {
		return false
	}
	b, isBasic := t.Underlying().(*types.Basic)
	return !isBasic || b.Info()&types.IsInteger == 0
}

// forStmt gives closures in a three-clause loop's body their own copy of
// the loop variables.
func (rw *rewriter) forStmt(p *piece, f *ast.ForStmt) {
	init, ok := f.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE {
		return
	}
	var names []string
	for _, l := range init.Lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
			names = append(names, id.Name)
		}
	}
	rw.bindLoopVars(p, f.Body, names)
}

// bindLoopVars gives each function literal in a loop body that uses loop
// variables its own copies of them, as Go 1.22 does by making a variable
// per iteration. The interpreter keeps a function's variables in one
// frame, so even a variable declared in the body is shared by all
// iterations; only a call makes a new frame:
//
//	func() { use(i) }  ->  func() func() { t := i; i := t; return func() { use(i) } }()
func (rw *rewriter) bindLoopVars(p *piece, body *ast.BlockStmt, names []string) {
	if len(names) == 0 {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok {
			return true
		}
		used := identsIn(lit.Body)
		var copies string
		for _, name := range names {
			if used[name] {
				t := rw.fresh("Loop")
				copies += t + " := " + name + "; " + name + " := " + t + "; "
			}
		}
		if copies != "" {
			rw.add(p, lit.Pos(), lit.Pos(), "func() "+rw.text(p, lit.Type)+" { "+copies+"return ")
			rw.add(p, lit.End(), lit.End(), " }()")
		}
		return false
	})
}

// builtinCall replaces min, max and clear, which the interpreter lacks,
// by helpers, unless the cell or session defines those names.
func (rw *rewriter) builtinCall(p *piece, c *ast.CallExpr) {
	id, ok := c.Fun.(*ast.Ident)
	if !ok || rw.done[c] || rw.locals[id.Name] || (rw.know != nil && rw.know.defined(id.Name)) {
		return
	}
	var repl string
	switch id.Name {
	case "min":
		repl = minFn
	case "max":
		repl = maxFn
	case "clear":
		repl = clearFn
	default:
		return
	}
	rw.add(p, id.Pos(), id.End(), repl)
}

// defineFromMinMax rewrites a cell-level `x := min(a, b)` (or max): the
// interpreter cannot give a new cell-level variable the result of a
// generic call, but it can assign one. The variable is defined from the
// first argument that is not a constant, which gives it the call's type,
// and then assigned:
//
//	m := max(1, acc, best)  ->  m := acc; m = __gornnMax(m, 1, best)
func (rw *rewriter) defineFromMinMax(p *piece) {
	as, ok := p.stmt.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return
	}
	name, ok := as.Lhs[0].(*ast.Ident)
	call, ok2 := as.Rhs[0].(*ast.CallExpr)
	if !ok || !ok2 || name.Name == "_" || call.Ellipsis.IsValid() {
		return
	}
	fn, ok := call.Fun.(*ast.Ident)
	if !ok || (fn.Name != "min" && fn.Name != "max") || rw.locals[fn.Name] || (rw.know != nil && rw.know.defined(fn.Name)) {
		return
	}
	typed := -1
	for i, a := range call.Args {
		text := rw.text(p, a)
		if strings.Contains(text, "min(") || strings.Contains(text, "max(") {
			return // nested calls are left to the plain rewrite
		}
		if typed < 0 && !isConstantExpr(a) {
			typed = i
		}
	}
	if typed < 0 {
		return // all constants: the plain rewrite gives the right type
	}
	helper := minFn
	if fn.Name == "max" {
		helper = maxFn
	}
	// The variable goes first: the helper's type parameter is inferred
	// from its first argument. min and max do not depend on the order.
	args := []string{name.Name}
	for i, a := range call.Args {
		if i != typed {
			args = append(args, rw.text(p, a))
		}
	}
	first := rw.text(p, call.Args[typed])
	rw.add(p, as.Pos(), as.End(), name.Name+" := "+first+"; "+name.Name+" = "+helper+"("+strings.Join(args, ", ")+")")
	rw.done[call] = true
}

// isConstantExpr reports whether x is built from literals only.
func isConstantExpr(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return isConstantExpr(x.X)
	case *ast.UnaryExpr:
		return isConstantExpr(x.X)
	case *ast.BinaryExpr:
		return isConstantExpr(x.X) && isConstantExpr(x.Y)
	}
	return false
}
