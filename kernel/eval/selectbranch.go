package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// The interpreter (yaegi v0.16.1, interp/cfg.go and run.go) gets branch
// statements in the clauses of a select wrong three ways:
//
//   - After compiling a clause it sends the clause's last statement on
//     to the end of the select, whatever that statement is: a continue,
//     a labelled break or continue, or a goto that ends a clause leaves
//     only the select (`for { select { case <-c: continue }; more() }`
//     runs more()).
//   - A select is not a target of an unlabelled break: one below an if
//     in a clause leaves the loop or switch around the select, or the
//     function when there is none.
//   - Building the select's code builds its clauses' code first, each
//     from scratch; when a clause leads back to the select and nothing
//     after the select does (`for { select { case <-c: continue;
//     default: }; break }`), that recursion never ends, and the cell
//     hangs before it runs.
//
// selectBranches rewrites each select so that no clause leaves it other
// than through its end: an unlabelled break of a clause names the
// select's label (a fresh one when it has none), and a branch statement
// whose target lies outside the select records which it was in a
// variable and breaks the select; after the select, the branch is made:
//
//	for { select { case <-c: continue; default: }; break }
//	->
//	for { { s := 0; L: select { case <-c: { s = 1; break L }; default: }; if s == 1 { continue } }; break }
//
// A branch whose way out crosses a range-over-func loop is left to that
// rewrite, which turns it into a return.
func (rw *rewriter) selectBranches(p *piece, root ast.Node) {
	if root == nil {
		return
	}
	var stack []ast.Node
	plans := map[*ast.SelectStmt]*selectPlan{}
	var order []*selectPlan
	plan := func(i int) *selectPlan {
		sel := stack[i].(*ast.SelectStmt)
		if sp := plans[sel]; sp != nil {
			return sp
		}
		sp := &selectPlan{sel: sel, at: sel}
		if i > 0 {
			if ls, ok := stack[i-1].(*ast.LabeledStmt); ok {
				sp.label, sp.at = ls.Label.Name, ls
			}
		}
		plans[sel] = sp
		order = append(order, sp)
		return sp
	}
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		b, ok := n.(*ast.BranchStmt)
		if !ok || b.Tok == token.FALLTHROUGH {
			return true
		}
		sel := innermostSelect(stack)
		if sel < 0 {
			return true
		}
		target := branchTarget(stack, b)
		if b.Tok == token.GOTO && declaresLabel(stack[sel], b.Label.Name) {
			return true // a goto within the select
		}
		switch {
		case target == sel && b.Label == nil:
			sp := plan(sel)
			sp.breaks = append(sp.breaks, b)
		case target < sel && !crossesFuncLoop(stack[target+1:], rw.funcLoops):
			sp := plan(sel)
			sp.escapes = append(sp.escapes, b)
		}
		return true
	})
	for _, sp := range order {
		rw.planEdits(p, sp)
	}
}

// selectPlan is what selectBranches changes in one select.
type selectPlan struct {
	sel     *ast.SelectStmt
	at      ast.Stmt // the select, or the labelled statement that holds it
	label   string   // the select's own label, if any
	breaks  []*ast.BranchStmt
	escapes []*ast.BranchStmt
}

// planEdits makes the edits of a plan. A select given a label of ours
// goes in a block, with its variable and the branches after it: the
// interpreter knows only the labels of a block's own statements, not
// those of a clause's (`case x: L: select` is "undefined: L").
func (rw *rewriter) planEdits(p *piece, sp *selectPlan) {
	var before, after strings.Builder
	ctl := ""
	if len(sp.escapes) > 0 {
		ctl = rw.fresh("Branch")
		fmt.Fprintf(&before, "%s := 0; ", ctl)
	}
	if sp.label == "" {
		sp.label = rw.fresh("Select")
		rw.add(p, sp.at.Pos(), sp.at.Pos(), "{ "+before.String()+sp.label+": ")
		defer rw.add(p, sp.at.End(), sp.at.End(), " }")
	} else if before.Len() > 0 {
		rw.add(p, sp.at.Pos(), sp.at.Pos(), before.String())
	}
	for _, b := range sp.breaks {
		rw.add(p, b.End(), b.End(), " "+sp.label)
	}
	for i, b := range sp.escapes {
		rw.add(p, b.Pos(), b.End(), fmt.Sprintf("{ %s = %d; break %s }", ctl, i+1, sp.label))
		fmt.Fprintf(&after, "; if %s == %d { %s }", ctl, i+1, rw.text(p, b))
	}
	if after.Len() > 0 {
		rw.add(p, sp.at.End(), sp.at.End(), after.String())
	}
}

// innermostSelect returns the index in stack (the path from the root to
// a branch statement) of the select whose clause holds the statement,
// or -1 when there is none in the statement's function.
func innermostSelect(stack []ast.Node) int {
	for i := len(stack) - 2; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return -1
		case *ast.SelectStmt:
			return i
		}
	}
	return -1
}

// branchTarget returns the index in stack of the statement b leaves or
// continues; -1 for a goto, or a label the stack does not hold, which
// lies outside every statement of the stack.
func branchTarget(stack []ast.Node, b *ast.BranchStmt) int {
	if b.Tok == token.GOTO {
		return -1
	}
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return -1
		case *ast.LabeledStmt:
			if b.Label != nil && n.Label.Name == b.Label.Name {
				return i + 1
			}
		case *ast.ForStmt, *ast.RangeStmt:
			if b.Label == nil {
				return i
			}
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if b.Label == nil && b.Tok == token.BREAK {
				return i
			}
		}
	}
	return -1
}

// crossesFuncLoop reports whether path holds a range-over-func loop
// being rewritten.
func crossesFuncLoop(path []ast.Node, funcLoops map[*ast.RangeStmt]bool) bool {
	for _, n := range path {
		if r, ok := n.(*ast.RangeStmt); ok && funcLoops[r] {
			return true
		}
	}
	return false
}

// declaresLabel reports whether label labels a statement under n.
func declaresLabel(n ast.Node, label string) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok && ls.Label.Name == label {
			found = true
		}
		_, lit := n.(*ast.FuncLit)
		return !found && !lit
	})
	return found
}
