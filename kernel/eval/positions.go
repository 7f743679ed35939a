package eval

import (
	"fmt"
	"go/ast"
	"strings"
	"sync"
)

// The interpreter reports a panic at the start of the function body it
// was running, not at the statement that failed. So every statement of a
// cell, and of the functions a cell declares, first stores a number that
// names it (its site) in a variable atVar: each function of a cell
// declares its own, and hands its address to the stack check it makes on
// entry, which keeps them per goroutine (see callStack); the cell's body
// uses a global. After a panic, they name the statement each frame was
// running. A variable per function keeps goroutines from writing the
// same one.
//
// The assignments cost a tight index loop about a quarter of its time,
// and the variable a call about as much (BenchmarkRuntimeErrorSites).

// siteMarks is false only in benchmarks that measure what the sites
// cost: functions then check their stack without keeping a site, as
// they did before.
var siteMarks = true

// atVar is the variable that holds the site of the statement that ran
// last: a local of each function of a cell, and for the cell's body a
// global declared with the helpers when a session starts.
const atVar = "__gornnAt"

// bodyVars is how many globals the bodies of cells store their sites in,
// in turn (see bodyVar).
const bodyVars = 8

// bodyVar is the global that holds the site of the statement that ran
// last in cell's own body (functions have their own atVar). Cells take
// the bodyVars globals in turn: an interrupted cell still running
// compiled code goes on beside the next cells, and one global for all
// would be a data race. They are declared with the session, since
// declaring a global while such a cell runs is a race in the
// interpreter too.
func bodyVar(cell int) string { return fmt.Sprintf("%s%d", atVar, cell%bodyVars) }

// bodyVarsSource declares the bodyVars globals.
func bodyVarsSource() string {
	var b strings.Builder
	for i := range bodyVars {
		fmt.Fprintf(&b, "var %s int\n", bodyVar(i))
	}
	return b.String()
}

// varFor is the variable the statements of function fn store their
// sites in: "main" is the cell's own body.
func (m *siteMarker) varFor(fn string) string {
	if fn == "main" {
		return bodyVar(m.cell)
	}
	return atVar
}

// entryText is what a function of a cell runs first: it declares its
// atVar and checks its stack, which records the variable.
func entryText(sep string) string {
	if !siteMarks {
		return stackFn + "(nil);" + sep
	}
	return atVar + " := 0; " + stackFn + "(&" + atVar + ");" + sep
}

// site is a statement of a cell, where a panic may happen.
type site struct {
	Cell      int    // the session's count of cells when it ran
	Line, Col int    // in the cell's own text
	Func      string // the function it is in, as the interpreter names it: "main", "main.f", "main.f.func"
	Src       string // the cell's source line, for the traceback
	Stmt      string // the statement's text, to read its operands again
	TopLevel  bool   // a statement of the cell's own body (not nested), whose variables outlive it
}

// siteTable numbers the sites of a session. Numbers are never reused,
// so that a function of an earlier cell still names its own sites.
type siteTable struct {
	mu    sync.Mutex
	sites []site
}

func (t *siteTable) add(s site) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sites = append(t.sites, s)
	return len(t.sites) // 0 means no site
}

func (t *siteTable) get(n int) (site, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if n < 1 || n > len(t.sites) {
		return site{}, false
	}
	return t.sites[n-1], true
}

// siteMarker collects the edits that store each statement's site.
type siteMarker struct {
	code  string
	cell  int
	table *siteTable
	edits []edit
	lines []string
}

// markSites returns the edits that make every statement of the pieces
// store its site in atVar before it runs. In a pasted program, func main
// is known to the interpreter as mainName.
func markSites(code string, pieces []*piece, cell int, table *siteTable, program bool) []edit {
	if !siteMarks {
		return nil
	}
	m := &siteMarker{code: code, cell: cell, table: table, lines: strings.Split(code, "\n")}
	for _, p := range pieces {
		switch {
		case p.stmt != nil:
			m.notePanic(p, p.stmt, m.mark(p, p.stmt, "main", true))
			m.walk(p, p.stmt, "main")
		case p.decl != nil:
			fd, ok := p.decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			name := fd.Name.Name
			if fd.Recv == nil && name == "main" && program {
				name = mainName
			}
			m.walk(p, fd.Body, "main."+name)
		}
	}
	return m.edits
}

// walk marks the statements of every statement list under n. Function
// literals are functions of their own to the interpreter: "f.func".
func (m *siteMarker) walk(p *piece, n ast.Node, fn string) {
	ast.Inspect(n, func(x ast.Node) bool {
		var list []ast.Stmt
		switch x := x.(type) {
		case *ast.FuncLit:
			// A function literal records its call on entry as declared
			// functions do (rewriter.checkStack puts the entry there).
			m.walk(p, x.Body, fn+".func")
			return false
		case *ast.BlockStmt:
			list = x.List
		case *ast.CaseClause:
			list = x.Body
		case *ast.CommClause:
			list = x.Body
		}
		for _, s := range list {
			switch s.(type) {
			case *ast.CaseClause, *ast.CommClause:
				// The clauses of a switch or select are not statements
				// that run; their bodies are marked when the walk
				// reaches them.
				continue
			}
			m.notePanic(p, s, m.mark(p, s, fn, false))
		}
		return true
	})
}

// mark stores the site of s before it, and returns the site's number.
func (m *siteMarker) mark(p *piece, s ast.Stmt, fn string, top bool) int {
	off := p.off(s.Pos())
	line, col := lineCol(m.code, off)
	src := ""
	if line <= len(m.lines) {
		src = strings.TrimRight(m.lines[line-1], "\r")
	}
	n := m.table.add(site{Cell: m.cell, Line: line, Col: col, Func: fn, Src: src,
		Stmt: m.code[off:p.off(s.End())], TopLevel: top})
	m.edits = append(m.edits, edit{Off: off, End: off, Text: fmt.Sprintf("%s = %d; ", m.varFor(fn), n), rank: rankSite})
	return n
}

// notePanic rewrites a statement `panic(v)` so that the session knows
// the text Go would print for v (see panicSniffer.note):
//
//	{ __gornnPanic := v; __gornn.NotePanic(n, __gornnPanic); __gornnAt = n; panic(__gornnPanic) }
//
// The variable keeps v's type: the interpreter gives compiled code a
// value of a cell's type with its methods only when it sees that type.
// The method's statements store their sites: the statement's own, n,
// is stored again.
func (m *siteMarker) notePanic(p *piece, s ast.Stmt, n int) {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || call.Ellipsis.IsValid() {
		return
	}
	if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "panic" {
		return
	}
	if id, ok := call.Args[0].(*ast.Ident); ok && id.Name == "nil" {
		return // nothing to say, and nil gives a variable no type
	}
	const v = "__gornnPanic"
	at := atVar
	if st, ok := m.table.get(n); ok {
		at = m.varFor(st.Func)
	}
	m.edits = append(m.edits,
		edit{Off: p.off(call.Fun.Pos()), End: p.off(call.Lparen + 1), Text: "{ " + v + " := "},
		edit{Off: p.off(call.Rparen), End: p.off(call.Rparen + 1), Text: fmt.Sprintf("; %s(%d, %s); %s = %d; panic(%s) }", noteFn, n, v, at, n, v)})
}
