package eval

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"github.com/gornn/gornn/display"
	"github.com/gornn/gornn/kernel/gocheck"
	"github.com/gornn/gornn/kernel/modules"
)

// Session is one interpreter with the state of all cells run so far.
// Its methods must not be called concurrently with each other, except
// that Execute's context may be cancelled from any goroutine.
type Session struct {
	opts    Options
	in      *interp.Interpreter
	coll    *collector
	sniff   *panicSniffer
	sites   *siteTable // the statements of cells, for panic positions
	stack   *stackGuard
	stdin   *stdinReader
	defers  *deferStack    // the running cell's deferred calls
	numbers cellNumbers    // the front end's numbers for cells
	exports interp.Exports // every preloaded package, for completion and docs
	check   *gocheck.Checker
	mods    *modules.Workspace // nil without Options.ModulesDir
	// cellTypes holds the types the checker found in the running cell.
	cellTypes cellTypes
	// iterDeclared is set once iter and the iterator functions of slices
	// and maps are declared, before the first import that may use them.
	iterDeclared bool

	cellCtx atomic.Pointer[context.Context] // the running cell's context, for sleeps
	// goexited is set when a cell's statements call runtime.Goexit.
	goexited atomic.Bool
	running  chan struct{} // closed when an interrupted evaluation still running ends

	mu      sync.Mutex        // guards the maps below against Complete during Execute
	imports map[string]string // name in cells -> import path
	types   map[string]string // type name -> source of its declaration
	methods map[string]string // "T.M" -> source of the method
	// methodUses holds the identifiers each method's body uses.
	methodUses map[string]map[string]bool
	funcs      map[string]*funcDef
	// varTypes maps a global to the cell type it was made with, since
	// values of interpreted types show no methods to reflection.
	varTypes map[string]string
	// globals is the interpreter's globals as of the end of the last
	// cell, so that completion during a cell does not read the frames
	// the cell is writing.
	globals map[string]reflect.Value
	cells   int
}

// funcDef is a top-level function as a cell declared it, kept to
// recompile its callers when it is redefined.
type funcDef struct {
	cell int
	src  string          // the declaration's text
	uses map[string]bool // identifiers the body refers to
}

// interruptGrace is how long an interrupted cell is given to finish
// before the interrupt is reported anyway.
const interruptGrace = 500 * time.Millisecond

// showRewrites, set by GORNN_SHOW_REWRITES=1, writes each cell as the
// interpreter gets it, after the session's rewrites, to stderr: for
// finding which rewrite a wrong result comes from.
var showRewrites = os.Getenv("GORNN_SHOW_REWRITES") == "1"

// New starts a session with the standard library and opts.Packages
// importable. Sessions are independent: several may run cells at the
// same time, each with its own state.
func New(opts Options) (*Session, error) {
	s := &Session{opts: opts}
	if err := s.start(); err != nil {
		return nil, err
	}
	return s, nil
}

// start gives the session a new interpreter, with nothing of any cell:
// for New, and for Reset, which keeps the Session (and so every hook
// the interpreter holds bound to it, such as time.Sleep's) and replaces
// what it holds.
func (s *Session) start() error {
	opts := s.opts
	env := opts.Env
	if env == nil {
		env = os.Environ()
	}
	s.mu.Lock()
	s.coll = &collector{}
	s.stack = &stackGuard{}
	s.sniff = &panicSniffer{out: os.Stderr, calls: &s.stack.calls}
	s.sites = &siteTable{}
	s.stdin = &stdinReader{input: opts.Input}
	s.defers = &deferStack{}
	s.iterDeclared = false
	s.imports = map[string]string{}
	s.types = map[string]string{}
	s.methods = map[string]string{}
	s.methodUses = map[string]map[string]bool{}
	s.funcs = map[string]*funcDef{}
	s.varTypes = map[string]string{}
	s.check, s.cells = nil, 0
	s.mu.Unlock()
	io := interp.Options{Stdin: s.stdin, Stderr: s.sniff, Env: env}
	if opts.ModulesDir != "" {
		// The interpreter looks for a package's source under
		// GOPATH/src; the workspace's file system maps that to the module
		// cache. The directory itself need not exist.
		s.mods = modules.New(opts.ModulesDir)
		s.mods.Progress = os.Stderr // the cell's, as the front end captures it
		io.GoPath = filepath.Join(os.TempDir(), "gornn-gopath")
		io.SourcecodeFilesystem = s.mods.FS(io.GoPath)
	}
	s.in = interp.New(io)
	exports := interp.Exports{}
	std := opts.Stdlib
	if std == nil {
		std = stdlib.Symbols
	}
	for _, tables := range []interp.Exports{std, opts.Packages} {
		for k, v := range tables {
			exports[k] = v
		}
	}
	if tab, ok := exports["log/log"]; ok {
		// The real *log.Logger, whose Fatal methods cells reach through
		// the rewrite of logfatal.go.
		exports["log/log"] = loggerTable(tab)
	}
	// iter is declared in interpreted Go (declareIterPackages): an empty
	// table tells the imports, the checker and completion that it exists,
	// without hiding the interpreted package from the interpreter.
	if _, ok := exports["iter/iter"]; !ok {
		exports["iter/iter"] = map[string]reflect.Value{}
	}
	s.mu.Lock()
	s.exports = exports
	s.mu.Unlock()
	var stdinVar interface{ Read([]byte) (int, error) } = s.stdin
	for _, tables := range []interp.Exports{
		std,
		opts.Packages,
		runtimeExports(s.coll, s.stack, s.sniff),
		deferExports(s.defers),
		returnExports(),
		boundsExports(),
		errorsExports(),
		selfCaptureExports(),
		iterExports(),
		{"log/log": exports["log/log"]},
		typeParamExports(),
		// Reads of os.Stdin by cells go to the front end. The variable
		// becomes an io.Reader, which is what cells pass it to.
		{"os/os": {"Stdin": reflect.ValueOf(&stdinVar).Elem()}},
		// A sleeping cell wakes up when it is interrupted instead of
		// holding on to the interpreter's frame for the rest of the sleep.
		{"time/time": {"Sleep": reflect.ValueOf(s.sleep)}},
		// The interpreter takes a cell that Goexit ended for one that
		// ended well.
		{"runtime/runtime": {"Goexit": reflect.ValueOf(s.goexit)}},
	} {
		if err := s.in.Use(tables); err != nil {
			return fmt.Errorf("eval: loading symbols: %w", err)
		}
	}
	if _, ok := std["slices/slices"]; ok || std["fmt/fmt"] != nil {
		// The interpreter declared slices and maps with its Use of a
		// table holding fmt; stdGenericSources completes them.
		for _, src := range stdGenericSources {
			if _, err := s.in.Compile(src); err != nil {
				return fmt.Errorf("eval: declaring the generic functions of slices and maps: %w", err)
			}
		}
	}
	if _, err := s.in.Eval(`import ` + rtAlias + ` "` + rtPath + `"`); err != nil {
		return fmt.Errorf("eval: importing the runtime helpers: %w", err)
	}
	if _, err := s.in.Eval(helperSource + bodyVarsSource()); err != nil {
		return fmt.Errorf("eval: declaring the builtin helpers: %w", err)
	}
	if _, err := s.in.Eval(deferSource); err != nil {
		return fmt.Errorf("eval: declaring the recover helper: %w", err)
	}
	if _, err := s.in.Eval(errorsSource); err != nil {
		return fmt.Errorf("eval: declaring the errors helpers: %w", err)
	}
	g := s.safeGlobals()
	s.mu.Lock()
	s.globals = g
	s.mu.Unlock()
	return nil
}

// executeGo runs Go source as one cell.
func (s *Session) executeGo(ctx context.Context, code string) (res *Result) {
	var endHook func()
	defer func() {
		// Between cells, goroutines that cells started sleep without a
		// deadline: the caller may cancel ctx once the cell is done.
		background := context.Background()
		s.cellCtx.Store(&background)
		if endHook != nil {
			endHook()
		}
		g := s.safeGlobals()
		s.mu.Lock()
		s.globals = g
		s.mu.Unlock()
	}()
	defer func() {
		// The session is where cells run, so it is where their faults
		// and the interpreter's stop: front ends (the kernel's dispatcher,
		// the REPL) get an error, never a panic, and keep the session.
		if p := recover(); p != nil {
			msg := fmt.Sprintf("the kernel failed on this cell: %v", p)
			res = &Result{Err: &Error{Name: "InternalError", Message: msg,
				Traceback: []string{"InternalError: " + msg, "the evaluation core failed; its stack follows", string(debug.Stack())}}}
		}
	}()
	s.mu.Lock()
	s.cells++
	s.numbers.record(s.cells)
	s.mu.Unlock()
	s.settle(2 * time.Second)
	if s.opts.CellHook != nil {
		endHook = s.opts.CellHook(ctx)
	}
	s.cellCtx.Store(&ctx)
	s.defers.reset()
	s.cellTypes = cellTypes{}
	code, program := stripPackageClause(code)
	fset := token.NewFileSet()
	pieces, err := parseCell(fset, code)
	if err == nil && program {
		// A pasted program: run its main after its declarations.
		if fd, _ := declaresMain(pieces); fd != nil {
			code += "\n" + mainName + "()"
			pieces, err = parseCell(fset, code)
		}
	}
	if err != nil {
		pe := err.(*parseError)
		line, col := lineCol(code, pe.Offset)
		return &Result{Err: newError("ParseError", pe.Msg, code, line, col)}
	}
	if e := s.checkRedefinitions(code, pieces, program); e != nil {
		return &Result{Err: e}
	}
	var rest []*piece
	for _, p := range pieces {
		if p.Kind != chunkImport {
			rest = append(rest, p)
			continue
		}
		if e := s.importDecl(ctx, code, p); e != nil {
			return &Result{Err: e}
		}
	}
	inferred, e := s.checkCell(ctx, code, pieces)
	if e != nil {
		return &Result{Err: e}
	}
	if len(rest) == 0 {
		return &Result{}
	}

	if e := rangeFuncLimit(code, rest, s); e != nil {
		return &Result{Err: e}
	}
	edits := append(rewriteCell(code, rest, s), s.instantiationEdits(rest, inferred)...)
	edits = append(edits, loggerFatalEdits(rest, s)...)
	edits = append(edits, s.formatEdits(code, rest)...)
	edits = append(edits, s.jsonEdits(rest)...)
	s.mu.Lock()
	edits = append(edits, asTypeEdits(code, rest, s, s.imports)...)
	s.mu.Unlock()
	edits = append(edits, typeParamConversions(code, rest, s)...)
	edits = append(edits, inferredTypeParamArgs(rest, s)...)
	edits = append(edits, genericStructLiterals(rest, s)...)
	edits = append(edits, markSites(code, rest, s.cells, s.sites, program)...)
	if fd, p := declaresMain(rest); fd != nil && program {
		edits = append(edits, edit{Off: p.off(fd.Name.Pos()), End: p.off(fd.Name.End()), Text: mainName})
	}
	before := s.safeGlobals()
	reassign := reassignEdits(rest, before)
	for p := range reassign {
		// An assignment is a statement; run as one, a var keeps its
		// place among the cell's statements and declarations.
		p.Kind = chunkStmt
	}
	typedDefs := typedDefineEdits(code, rest, s)
	tp, texpr := trailingExpr(rest)
	useResult, useReassign := texpr != nil, len(reassign) > 0
	build := func() rewritten {
		all := append([]edit(nil), edits...)
		if useResult {
			all = append(all, resultEdits(tp, texpr)...)
		}
		if useReassign {
			for _, es := range reassign {
				all = append(all, es...)
			}
		}
		for p, es := range typedDefs {
			if _, assigned := reassign[p]; !assigned || !useReassign {
				all = append(all, es...)
			}
		}
		return applyEdits(code, all)
	}
	rw := build()

	runs := groupRuns(rest)
	for i, run := range runs {
		last := i == len(runs)-1
		var err error
		for {
			s.coll.reset()
			s.sniff.take()
			if e := s.takeStackOverflow(code); e != nil {
				// A goroutine of an earlier cell, still running after it.
				fmt.Fprintln(os.Stderr, e.Message)
			}
			if showRewrites {
				fmt.Fprintf(os.Stderr, "--- rewritten cell (GORNN_SHOW_REWRITES):\n%s\n", runSource(rw, run))
			}
			err = s.evalStoppable(ctx, runSource(rw, run), interruptGrace)
			if e := s.takeStackOverflow(code); e != nil {
				return &Result{Err: e}
			}
			if err == nil || ctx.Err() != nil || isPanic(err) || errors.Is(err, errGoexit) {
				break
			}
			if last && useResult && isNoValueError(err) {
				// The trailing call has no result: run it plainly.
				useResult, texpr = false, nil
				rw = build()
				continue
			}
			if useReassign && hasReassign(run, reassign) {
				// A value of another type: define the variable anew.
				useReassign = false
				rw = build()
				continue
			}
			break
		}
		ended := returned(err)
		if ended {
			err = nil
		}
		if err == nil && ctx.Err() != nil {
			// Interrupted while it ended: a sleep or wait the interrupt
			// cut short let it finish before the interpreter saw the
			// interrupt. It was interrupted all the same, and the rest of
			// the cell does not run.
			err = ctx.Err()
		}
		if err != nil {
			e := s.explainCrash(s.convertError(ctx, err, code, rw), err, code, rest)
			if ctx.Err() != nil {
				// An interrupted cell may still be running: its deferred
				// calls are dropped.
				s.defers.reset()
				return &Result{Err: e}
			}
			pv, panicked := panicValue(err)
			return &Result{Err: s.runDefers(ctx, code, rw, e, panicked, pv)}
		}
		redefined := map[string]bool{}
		if run[0].Kind == chunkDecl {
			for _, name := range s.recordDecls(code, run) {
				redefined[name] = true
			}
		}
		for _, p := range run {
			if _, assigned := reassign[p]; assigned && useReassign {
				continue
			}
			for _, name := range definedNames(p) {
				if _, existed := before[name]; existed {
					// A new slot for an old name.
					redefined[name] = true
				}
			}
		}
		if e := s.recompileUsers(ctx, redefined); e != nil {
			return &Result{Err: e}
		}
		if ended {
			texpr = nil // the cell's value was never reached
			break
		}
	}
	s.recordVarTypes(rest)
	if e := s.runDefers(ctx, code, rw, nil, false, nil); e != nil {
		return &Result{Err: e}
	}
	if texpr == nil {
		return &Result{}
	}
	values, got := s.coll.take()
	if !got {
		return &Result{}
	}
	return &Result{Value: renderValues(values)}
}

// renderValues builds the rich bundle for a cell's values: the value's
// own bundle for one value, the values' texts side by side for several.
func renderValues(values []any) *display.Data {
	if len(values) == 1 {
		d := display.Render(values[0])
		return &d
	}
	texts := make([]string, len(values))
	for i, v := range values {
		d := display.Render(v)
		t, _ := d.Data["text/plain"].(string)
		texts[i] = t
	}
	return &display.Data{Data: map[string]any{"text/plain": strings.Join(texts, " ")}}
}

// groupRuns cuts the pieces into runs of consecutive declarations or
// statements, evaluated one after the other.
func groupRuns(pieces []*piece) [][]*piece {
	var runs [][]*piece
	for _, p := range pieces {
		if n := len(runs); n > 0 && runs[n-1][0].Kind == p.Kind {
			runs[n-1] = append(runs[n-1], p)
			continue
		}
		runs = append(runs, []*piece{p})
	}
	return runs
}

// runSource is the text given to the interpreter for a run: the rewritten
// cell with everything else blanked, after one line that puts the
// interpreter in the right mode (a lone ";" for statements) and keeps
// columns of the first line exact.
func runSource(rw rewritten, run []*piece) string {
	ranges := make([][2]int, len(run))
	for i, p := range run {
		ranges[i] = [2]int{rw.toNewLeft(p.Start), withSemicolon(rw.Text, rw.toNewRight(p.End))}
	}
	body := blankOutside(rw.Text, ranges)
	if run[0].Kind == chunkStmt {
		return ";\n" + body
	}
	return "\n" + body
}

// withSemicolon extends the end of a piece over the semicolon that
// separates it from the next piece on its line, so that pieces of a run
// on one line (x := 1; y := 2) stay apart.
func withSemicolon(text string, end int) int {
	for i := end; i < len(text); i++ {
		switch text[i] {
		case ' ', '\t':
			continue
		case ';':
			return i + 1
		}
		break
	}
	return end
}

// safeGlobals returns the interpreter's globals. The interpreter panics
// listing them after a declaration that failed to compile (the name
// exists, its storage does not); the last good list is returned then.
func (s *Session) safeGlobals() (g map[string]reflect.Value) {
	defer func() {
		if recover() != nil {
			s.mu.Lock()
			g = s.globals
			s.mu.Unlock()
		}
	}()
	return s.in.Globals()
}

// isPanic reports whether err is a panic of the cell's code (or of the
// interpreter's compiler), as opposed to a compile error.
func isPanic(err error) bool {
	var p interp.Panic
	return errors.As(err, &p)
}

// hasReassign reports whether a run holds a definition tried as an
// assignment.
func hasReassign(run []*piece, reassign map[*piece][]edit) bool {
	for _, p := range run {
		if _, ok := reassign[p]; ok {
			return true
		}
	}
	return false
}
