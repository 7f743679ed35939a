package gocheck

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gornn/gornn/kernel/autoimport"
)

// Kind says how the kernel runs a part of a cell.
type Kind int

const (
	// Import is an import declaration; imports are done first.
	Import Kind = iota
	// Decl is a func, method, type, var or const declaration at package
	// level.
	Decl
	// Stmt is a statement of the cell's body.
	Stmt
)

// Part is one top-level import, declaration or statement of a cell, as
// the byte range [Start, End) of the cell's text, in the cell's order.
type Part struct {
	Kind       Kind
	Start, End int
}

// Error is one of Go's compile errors at a 1-based line and column (in
// bytes) of the cell; 0 when go/types gives no position.
type Error struct {
	Line, Column int
	Msg          string
}

// Result is the outcome of checking a cell.
type Result struct {
	// Errors are Go's errors about the cell, in the order go/types found
	// them. A cell with errors changes nothing in the Checker.
	Errors []Error
	// Undecided is set, to the reason, when the cell uses something the
	// Checker does not model; the interpreter should decide. The names
	// such a cell declares become unknown to the Checker, and later cells
	// that mention them are undecided too.
	Undecided string
	// Imports are the packages the cell uses without importing them,
	// whatever the verdict: the Checker knows them from now on, and the
	// kernel must import them before it runs this or any later cell. The
	// cell's own imports stay too: the kernel does them before checking.
	Imports []autoimport.Import
	// Types holds, when the cell passed, the type of each expression of
	// the cell and of each name it defines, by byte range in the cell:
	// the kernel's rewrites that need a type (of a range-over-func loop's
	// values, of a variable defined at top level) read it. Constants
	// have their default type.
	Types map[Span]types.Type
	// Generic holds the byte ranges of the generic functions the cell
	// uses, with their type arguments inferred or given.
	Generic map[Span]bool
	// Consts holds, when the cell passed, the value of each constant
	// the cell defines, by the byte range of its name.
	Consts map[Span]constant.Value
	// TypeExprs holds, when the cell passed, the type each type
	// expression of the cell denotes (Types holds those of values).
	TypeExprs map[Span]types.Type
	// Inferred are the generic functions the cell uses without type
	// arguments, with go/types' type arguments; set only when the cell
	// passes.
	Inferred []Inferred
}

// Span is the byte range [Start, End) of a node in a cell.
type Span struct{ Start, End int }

// Checker type-checks cells with go/types against the declarations of the
// cells it checked before and the packages of its importer.
//
// A cell is modelled as the kernel runs it: imports first, then runs of
// consecutive declarations or statements in order. Declarations are
// package-level declarations of one package "main" that all cells share;
// statements are the body of a function, and the variables and constants
// they define at its top level become package-level names for the next
// runs and cells. A cell may redefine any name. Go's rules for notebooks'
// sake are relaxed in two ways: unused variables and imports are not
// errors, and the cell's last statement may be an expression whose value
// is unused (the kernel shows it).
type Checker struct {
	fset    *token.FileSet
	pkg     *types.Package
	imp     types.Importer
	mayLack func(path, name string) bool
	index   *autoimport.Index
	opaque  map[string]bool
	// dotPartial is set once a cell dot-imports a partial package.
	dotPartial bool
	// types and methods hold the normalized text of the type and method
	// declarations of earlier cells, by name and "T.M".
	types, methods map[string]string
}

// fileSet holds the positions of every cell and source file the package
// checks, so that an error about a cell can point into a package built
// from sources ("declared at"); a cell adds a few hundred bytes.
var fileSet = token.NewFileSet()

// Options configures a Checker.
type Options struct {
	// Importer provides the packages cells import.
	Importer types.Importer
	// MayLack reports whether the package at path may have the name
	// though the importer's package lacks it (symbol tables lack generic
	// functions and types), or with name "", any name: a missing name
	// that it may have leaves the cell undecided instead of being an
	// error. Nil means every package is complete.
	MayLack func(path, name string) bool
	// Index, when set, adds the imports a cell lacks (see Result.Imports).
	Index *autoimport.Index
}

// New returns a Checker.
func New(opts Options) *Checker {
	if opts.MayLack == nil {
		opts.MayLack = func(string, string) bool { return false }
	}
	return &Checker{
		fset:    fileSet,
		pkg:     types.NewPackage("main", "main"),
		imp:     opts.Importer,
		mayLack: opts.MayLack,
		index:   opts.Index,
		opaque:  map[string]bool{},
		types:   map[string]string{},
		methods: map[string]string{},
	}
}

// ForTables returns a Checker for cells that import the packages of
// yaegi symbol tables, with imports that add themselves. The generic
// standard packages (GenericStd) get their real API from Go's sources
// when the installation has them.
func ForTables(tables Tables) *Checker {
	tab, src := NewTableImporter(tables), StdGenerics()
	imp := importerFunc(func(path string) (*types.Package, error) {
		if src.Serves(path) {
			return src.Import(path)
		}
		return tab.Import(path)
	})
	mayLack := func(path, name string) bool {
		if src.Serves(path) || !tab.Has(path) || strings.Contains(strings.Split(path, "/")[0], ".") {
			// The preloaded modules' exported APIs are not generic.
			return false
		}
		generic, ok := stdGeneric(path)
		if !ok {
			return true // no sources to tell
		}
		if name == "" {
			return len(generic) > 0
		}
		return generic[name]
	}
	return New(Options{Importer: imp, MayLack: mayLack, Index: autoimport.NewIndex(tables)})
}

// Lookup returns the object a cell would see as name, or nil.
func (c *Checker) Lookup(name string) types.Object {
	if c.opaque[name] {
		return nil
	}
	return c.pkg.Scope().Lookup(name)
}

// Known reports whether name is declared by an earlier cell, even one the
// Checker could not model, or imported.
func (c *Checker) Known(name string) bool {
	return c.opaque[name] || c.pkg.Scope().Lookup(name) != nil
}

// Check type-checks the cell src, cut into parts, and, when it has no
// errors, records what it declares for later cells. The cell's imports
// are recorded in any case (see Result.Imports).
func (c *Checker) Check(src string, parts []Part) (res Result) {
	cs := &cellCheck{Checker: c, src: src, parts: parts, tx: c.begin(),
		types: map[string]string{}, methods: map[string]string{}, late: map[Part]bool{},
		exprTypes: map[Span]types.Type{}, typeExprs: map[Span]types.Type{}, generic: map[Span]bool{}, consts: map[Span]constant.Value{}}
	defer func() {
		if p := recover(); p != nil {
			res = Result{Undecided: fmt.Sprintf("go/types failed: %v", p)}
		}
		res.Imports = cs.imports
		if res.Undecided != "" || len(res.Errors) > 0 {
			for _, m := range cs.added {
				if m.early {
					cs.taint(m.named.Obj().Name())
				}
			}
		}
		switch {
		case res.Undecided != "":
			cs.tx.rollback()
			for _, name := range cs.declared() {
				c.forget(name)
			}
		case len(res.Errors) > 0:
			cs.tx.rollback()
		default:
			res.Types, res.Generic, res.Consts, res.TypeExprs = cs.exprTypes, cs.generic, cs.consts, cs.typeExprs
			for _, m := range cs.added {
				if !m.early {
					m.named.AddMethod(m.fn)
				}
			}
			for name := range cs.tx.saved {
				delete(c.opaque, name)
			}
			maps.Copy(c.types, cs.types)
			maps.Copy(c.methods, cs.methods)
		}
	}()
	return cs.check()
}

// forget makes name unknown: cells that mention it are undecided.
func (c *Checker) forget(name string) {
	scopeDelete(c.pkg.Scope(), name)
	c.opaque[name] = true
}

// cellCheck is the state of one Check.
type cellCheck struct {
	*Checker
	src     string
	parts   []Part
	tx      *txn
	runs    []*run
	specs   []*ast.ImportSpec
	imports []autoimport.Import
	// types and methods are the declarations to remember if the cell
	// passes.
	types, methods map[string]string
	// late holds the parts that declare methods of earlier cells' types;
	// added the methods built for them.
	late  map[Part]bool
	added []lateMethod
	// exprTypes and generic are Result.Types and Result.Generic.
	exprTypes map[Span]types.Type
	consts    map[Span]constant.Value // Result.Consts
	typeExprs map[Span]types.Type     // Result.TypeExprs
	generic   map[Span]bool
	// inferred gathers the runs' implicit instantiations.
	inferred []Inferred
}

// run is a maximal sequence of declarations or statements, parsed as one
// file whose lines are the cell's lines plus one.
type run struct {
	kind  Kind
	parts []Part
	file  *ast.File
}

const (
	declPrefix = "package main\n"
	stmtPrefix = "package main; func _() {\n"
)

func (cs *cellCheck) check() Result {
	if r := cs.parse(); r.Undecided != "" {
		return r
	}
	// Imports come first and stay whatever follows, as in the kernel.
	undecided := ""
	for _, is := range cs.specs {
		if r := cs.importSpec(is); r.Undecided != "" && undecided == "" {
			undecided = r.Undecided
		}
	}
	if r := cs.autoImport(); len(r.Errors) > 0 {
		return r
	}
	if undecided != "" {
		return Result{Undecided: undecided}
	}
	if name := cs.mentionsOpaque(); name != "" {
		return Result{Undecided: name + " was declared by a cell the checker could not follow"}
	}
	for i, r := range cs.runs {
		var res Result
		if r.kind == Decl {
			res = cs.checkDecls(r)
		} else {
			res = cs.checkStmts(r, i == len(cs.runs)-1)
		}
		if res.Undecided != "" || len(res.Errors) > 0 {
			return res
		}
	}
	return Result{Inferred: cs.inferred}
}

// parse groups the parts into runs and parses them.
func (cs *cellCheck) parse() Result {
	var imports []Part
	for _, p := range cs.parts {
		if p.Kind == Import {
			imports = append(imports, p)
			continue
		}
		if n := len(cs.runs); n > 0 && cs.runs[n-1].kind == p.Kind {
			cs.runs[n-1].parts = append(cs.runs[n-1].parts, p)
			continue
		}
		cs.runs = append(cs.runs, &run{kind: p.Kind, parts: []Part{p}})
	}
	if len(imports) > 0 {
		f, err := parser.ParseFile(cs.fset, "cell", declPrefix+blankOutside(cs.src, imports), parser.SkipObjectResolution)
		if err != nil {
			return Result{Undecided: "imports: " + err.Error()}
		}
		for _, d := range f.Decls {
			for _, s := range d.(*ast.GenDecl).Specs {
				cs.specs = append(cs.specs, s.(*ast.ImportSpec))
			}
		}
	}
	for _, r := range cs.runs {
		text := declPrefix + blankOutside(cs.src, r.parts)
		if r.kind == Stmt {
			text = stmtPrefix + blankOutside(cs.src, r.parts) + "\n}"
		}
		f, err := parser.ParseFile(cs.fset, "cell", text, parser.SkipObjectResolution)
		if err != nil {
			return Result{Undecided: err.Error()}
		}
		r.file = f
	}
	return Result{}
}

// mentionsOpaque returns a name the cell mentions that the Checker does
// not know the type of.
func (cs *cellCheck) mentionsOpaque() string {
	if len(cs.opaque) == 0 {
		return ""
	}
	found := ""
	for _, r := range cs.runs {
		ast.Inspect(r.file, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && cs.opaque[id.Name] && found == "" {
				found = id.Name
			}
			return found == ""
		})
	}
	return found
}

// autoImport imports the packages the cell uses without importing them.
// They stay imported whatever becomes of the cell, as they do in the
// interpreter.
func (cs *cellCheck) autoImport() Result {
	if cs.index == nil {
		return Result{}
	}
	nodes := make([]ast.Node, len(cs.runs))
	for i, r := range cs.runs {
		nodes[i] = r.file
	}
	var res Result
	for _, ref := range cs.index.Refs(nodes, cs.Known) {
		imp, ok, err := cs.index.Resolve(ref)
		if err != nil {
			res.Errors = append(res.Errors, cs.errorAt(ref.Pos, err.Error()))
			continue
		}
		if !ok {
			continue
		}
		p, err := cs.imp.Import(imp.Path)
		if err != nil {
			continue
		}
		cs.pkg.Scope().Insert(types.NewPkgName(token.NoPos, cs.pkg, imp.Name, p))
		cs.imports = append(cs.imports, imp)
	}
	return res
}

// errorAt returns an error at pos of a run's file.
func (cs *cellCheck) errorAt(pos token.Pos, msg string) Error {
	e := Error{Msg: msg}
	if p := cs.fset.Position(pos); p.Line > 1 {
		e.Line, e.Column = p.Line-1, p.Column
	}
	return e
}

// importSpec makes an import of the cell visible to its runs.
func (cs *cellCheck) importSpec(is *ast.ImportSpec) Result {
	path, err := strconv.Unquote(is.Path.Value)
	if err != nil {
		return Result{Undecided: "import path " + is.Path.Value}
	}
	p, err := cs.imp.Import(path)
	if err != nil {
		name := path[strings.LastIndexByte(path, '/')+1:]
		if is.Name != nil {
			name = is.Name.Name
		}
		cs.forget(name)
		return Result{Undecided: err.Error()}
	}
	name := p.Name()
	if is.Name != nil {
		name = is.Name.Name
	}
	switch name {
	case "_":
		return Result{}
	case ".":
		// The package's names join the cells' names, where no cell
		// declared them.
		scope := cs.pkg.Scope()
		for _, n := range p.Scope().Names() {
			if obj := p.Scope().Lookup(n); obj.Exported() && scope.Lookup(n) == nil && !cs.opaque[n] {
				scope.Insert(obj)
			}
		}
		cs.dotPartial = cs.dotPartial || cs.mayLack(path, "")
		return Result{}
	}
	// The kernel has done the cell's imports before checking it: they
	// stay, whatever the verdict.
	scope := cs.pkg.Scope()
	if scope.Lookup(name) != nil && !scopeDelete(scope, name) {
		cs.forget(name)
		return Result{Undecided: "cannot redefine " + name}
	}
	scope.Insert(types.NewPkgName(is.Pos(), cs.pkg, name, p))
	delete(cs.opaque, name)
	return Result{}
}

// checkDecls checks a run of declarations in the shared package, after
// removing the earlier definitions of the names it declares.
func (cs *cellCheck) checkDecls(r *run) Result {
	kept, res := cs.sameAgain(r)
	if res.Undecided != "" {
		return res
	}
	if len(kept) == 0 {
		return Result{}
	}
	if len(kept) < len(r.parts) {
		f, err := parser.ParseFile(cs.fset, "cell", declPrefix+blankOutside(cs.src, kept), parser.SkipObjectResolution)
		if err != nil {
			return Result{Undecided: err.Error()}
		}
		r.file = f
	}
	for _, name := range declNames(r.file) {
		if !cs.tx.remove(name) {
			return Result{Undecided: "cannot redefine " + name}
		}
	}
	if res := cs.lateMethods(r); res.Undecided != "" {
		return res
	}
	for _, d := range r.file.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok == token.TYPE {
				for _, spec := range d.Specs {
					ts := spec.(*ast.TypeSpec)
					cs.types[ts.Name.Name] = cs.normalized(ts)
				}
			}
		case *ast.FuncDecl:
			if d.Recv != nil && len(d.Recv.List) > 0 {
				cs.methods[receiverBase(d.Recv.List[0].Type)+"."+d.Name.Name] = cs.normalized(d)
			}
		}
	}
	info := newInfo()
	errs, _ := cs.typeCheck(r.file, info)
	cs.record(info, len(declPrefix))
	res = cs.filter(errs, nil)
	if res.Undecided == "" && len(res.Errors) == 0 {
		cs.collectInferred(r.file, info, declPrefix)
	}
	return res
}

// lateMethods handles the methods a run adds to types of earlier cells.
// go/types declares methods only together with their type, so such a
// method is built by hand, from its receiver and signature checked in the
// package, and added to the type; the run checks its body as that of a
// function whose first parameter is the receiver. The method is added
// when the cell passes, or at once when the cell calls a method of that
// name, in which case a cell that fails leaves the type unknown, since
// go/types cannot take a method back.
func (cs *cellCheck) lateMethods(r *run) Result {
	for i, d := range r.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv.NumFields() != 1 || !cs.late[cs.partOf(r, i)] {
			continue
		}
		base := receiverBase(fd.Recv.List[0].Type)
		tn, _ := cs.Lookup(base).(*types.TypeName)
		var named *types.Named
		if tn != nil {
			named, _ = tn.Type().(*types.Named)
		}
		fn, err := cs.method(named, fd)
		if err != nil {
			cs.taint(base)
			return Result{Undecided: "a method of " + base + ", a type declared by an earlier cell: " + err.Error()}
		}
		cs.methods[base+"."+fd.Name.Name] = cs.normalized(fd)
		r.file.Decls[i] = asFunc(fd)
		cs.added = append(cs.added, lateMethod{named: named, fn: fn})
	}
	if len(cs.added) == 0 || !cs.selects(cs.added) {
		return Result{}
	}
	for i := range cs.added {
		cs.added[i].named.AddMethod(cs.added[i].fn)
		cs.added[i].early = true
	}
	return Result{}
}

// lateMethod is a method for a type of an earlier cell.
type lateMethod struct {
	named *types.Named
	fn    *types.Func
	early bool // added before the cell passed
}

// method builds the method fd declares for named.
func (cs *cellCheck) method(named *types.Named, fd *ast.FuncDecl) (*types.Func, error) {
	if named == nil || named.TypeParams().Len() > 0 || fd.Type.TypeParams != nil {
		return nil, fmt.Errorf("not a plain defined type")
	}
	for i := 0; i < named.NumMethods(); i++ {
		if named.Method(i).Name() == fd.Name.Name {
			return nil, fmt.Errorf("method %s exists", fd.Name.Name)
		}
	}
	field := fd.Recv.List[0]
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	if err := types.CheckExpr(cs.fset, cs.pkg, token.NoPos, field.Type, info); err != nil {
		return nil, err
	}
	if err := types.CheckExpr(cs.fset, cs.pkg, token.NoPos, fd.Type, info); err != nil {
		return nil, err
	}
	sig, ok := info.Types[fd.Type].Type.(*types.Signature)
	if !ok {
		return nil, fmt.Errorf("no signature")
	}
	name, pos := "", field.Pos()
	if len(field.Names) > 0 {
		name, pos = field.Names[0].Name, field.Names[0].Pos()
	}
	recv := types.NewParam(pos, cs.pkg, name, info.Types[field.Type].Type)
	return types.NewFunc(fd.Name.Pos(), cs.pkg, fd.Name.Name,
		types.NewSignatureType(recv, nil, nil, sig.Params(), sig.Results(), sig.Variadic())), nil
}

// asFunc turns a method declaration into a blank function whose first
// parameter is the receiver, keeping every position, so that go/types
// checks its body in the method's context.
func asFunc(fd *ast.FuncDecl) *ast.FuncDecl {
	params := append([]*ast.Field{}, fd.Recv.List...)
	if fd.Type.Params != nil {
		params = append(params, fd.Type.Params.List...)
	}
	named := false
	for _, f := range params {
		named = named || len(f.Names) > 0
	}
	if named {
		// Parameters are all named or all unnamed.
		for i, f := range params {
			if len(f.Names) == 0 {
				g := *f
				g.Names = []*ast.Ident{{NamePos: f.Pos(), Name: "_"}}
				params[i] = &g
			}
		}
	}
	ft := *fd.Type
	ft.Params = &ast.FieldList{Opening: fd.Recv.Opening, List: params, Closing: fd.Type.Params.Closing}
	return &ast.FuncDecl{Doc: fd.Doc, Name: &ast.Ident{NamePos: fd.Name.Pos(), Name: "_"}, Type: &ft, Body: fd.Body}
}

// selects reports whether the cell selects a name of the methods.
func (cs *cellCheck) selects(methods []lateMethod) bool {
	names := map[string]bool{}
	for _, m := range methods {
		names[m.fn.Name()] = true
	}
	found := false
	for _, r := range cs.runs {
		ast.Inspect(r.file, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && names[sel.Sel.Name] {
				found = true
			}
			return !found
		})
	}
	return found
}

// sameAgain returns the parts of a run of declarations that are not the
// same again. The interpreter keeps a type, and its methods, when a cell
// declares it again the same way (a notebook's cell run twice): a new
// go/types type would differ from the one earlier values have. Methods
// that are new for a type of an earlier cell are marked late.
func (cs *cellCheck) sameAgain(r *run) ([]Part, Result) {
	var kept []Part
	local := map[string]bool{}
	var methods []*ast.FuncDecl
	for i, d := range r.file.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok == token.TYPE {
				same := true
				for _, spec := range d.Specs {
					ts := spec.(*ast.TypeSpec)
					_, isType := cs.Lookup(ts.Name.Name).(*types.TypeName)
					if !isType || cs.Checker.types[ts.Name.Name] != cs.normalized(ts) {
						same = false
					}
				}
				if same {
					continue
				}
				for _, spec := range d.Specs {
					local[spec.(*ast.TypeSpec).Name.Name] = true
				}
			}
		case *ast.FuncDecl:
			if d.Recv != nil && len(d.Recv.List) > 0 {
				methods = append(methods, d)
			}
		}
		kept = append(kept, cs.partOf(r, i))
	}
	for _, fd := range methods {
		base := receiverBase(fd.Recv.List[0].Type)
		if base == "" || local[base] || cs.Lookup(base) == nil {
			continue
		}
		part := cs.partOf(r, slices.Index(r.file.Decls, ast.Decl(fd)))
		if cs.Checker.methods[base+"."+fd.Name.Name] == cs.normalized(fd) {
			kept = slices.DeleteFunc(kept, func(p Part) bool { return p == part })
			continue
		}
		cs.late[part] = true
	}
	return kept, Result{}
}

// partOf returns the part of the run that holds its i-th declaration.
func (cs *cellCheck) partOf(r *run, i int) Part {
	off := cs.fset.Position(r.file.Decls[i].Pos()).Offset - len(declPrefix)
	for _, p := range r.parts {
		if p.Start <= off && off < p.End {
			return p
		}
	}
	return r.parts[i]
}

// normalized returns the text of a node of a run of declarations, with
// spacing that does not matter removed.
func (cs *cellCheck) normalized(n ast.Node) string {
	from := cs.fset.Position(n.Pos()).Offset - len(declPrefix)
	to := cs.fset.Position(n.End()).Offset - len(declPrefix)
	if from < 0 || to > len(cs.src) || from > to {
		return ""
	}
	return strings.Join(strings.Fields(cs.src[from:to]), " ")
}

// checkStmts checks a run of statements as a function body, then makes
// the variables and constants it defines at top level package-level names.
func (cs *cellCheck) checkStmts(r *run, last bool) Result {
	info := newInfo()
	errs, _ := cs.typeCheck(r.file, info)
	cs.record(info, len(stmtPrefix))
	body := r.file.Decls[0].(*ast.FuncDecl).Body.List
	var trailing ast.Expr
	if es, ok := body[len(body)-1].(*ast.ExprStmt); ok && last && len(body) > 0 {
		trailing = es.X
	}
	if res := cs.filter(errs, trailing); res.Undecided != "" || len(res.Errors) > 0 {
		return res
	}
	for _, st := range body {
		for _, id := range definedAtTop(st) {
			obj := info.Defs[id]
			var g types.Object
			switch obj := obj.(type) {
			case *types.Var:
				g = types.NewVar(id.Pos(), cs.pkg, id.Name, obj.Type())
			case *types.Const:
				g = types.NewConst(id.Pos(), cs.pkg, id.Name, obj.Type(), obj.Val())
			default:
				continue
			}
			if !cs.tx.replace(id.Name, g) {
				return Result{Undecided: "cannot redefine " + id.Name}
			}
		}
	}
	cs.collectInferred(r.file, info, stmtPrefix)
	return Result{}
}

// typeCheck runs go/types on one file of the shared package.
func (cs *cellCheck) typeCheck(f *ast.File, info *types.Info) ([]types.Error, error) {
	var errs []types.Error
	conf := types.Config{
		Importer:                 cs.imp,
		DisableUnusedImportCheck: true,
		Error:                    func(err error) { errs = append(errs, err.(types.Error)) },
	}
	err := types.NewChecker(&conf, cs.fset, cs.pkg, info).Files([]*ast.File{f})
	return errs, err
}

// filter turns go/types errors into the cell's errors: unused variables
// and an unused trailing expression are fine in a notebook, and a name
// that a package may have though its importer lacks it is for the
// interpreter to judge.
func (cs *cellCheck) filter(errs []types.Error, trailing ast.Expr) Result {
	var res Result
	for _, e := range errs {
		switch errorCode(e) {
		case codeUnusedVar:
			continue
		case codeUnusedExpr:
			if trailing != nil && e.Pos == trailing.Pos() {
				continue
			}
		case codeUndeclaredImportedName:
			if cs.mayLackSelected(e.Pos) {
				return Result{Undecided: e.Msg + " (the interpreter's tables lack generic functions)"}
			}
		case codeUndeclaredName:
			if cs.dotPartial {
				return Result{Undecided: e.Msg + " (a dot-imported table may lack generic functions)"}
			}
		}
		res.Errors = append(res.Errors, cs.errorAt(e.Pos, e.Msg))
	}
	return res
}

// mayLackSelected reports whether the selector at pos selects a name its
// package may have though the importer lacks it.
func (cs *cellCheck) mayLackSelected(pos token.Pos) bool {
	partial := false
	for _, r := range cs.runs {
		ast.Inspect(r.file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || sel.Sel.Pos() != pos {
				return !partial
			}
			if id, ok := sel.X.(*ast.Ident); ok {
				if pn, ok := cs.pkg.Scope().Lookup(id.Name).(*types.PkgName); ok {
					partial = cs.mayLack(pn.Imported().Path(), sel.Sel.Name)
				}
			}
			return false
		})
	}
	return partial
}

// declared returns the names the cell declares at top level, found
// syntactically.
func (cs *cellCheck) declared() []string {
	var names []string
	for _, r := range cs.runs {
		if r.file == nil {
			continue
		}
		if r.kind == Decl {
			names = append(names, declNames(r.file)...)
			continue
		}
		for _, st := range r.file.Decls[0].(*ast.FuncDecl).Body.List {
			for _, id := range definedAtTop(st) {
				names = append(names, id.Name)
			}
		}
	}
	return names
}

// taint makes the type name and every name whose type involves it
// unknown.
func (cs *cellCheck) taint(name string) {
	tn, ok := cs.pkg.Scope().Lookup(name).(*types.TypeName)
	if !ok {
		return
	}
	scope := cs.pkg.Scope()
	for _, n := range scope.Names() {
		obj := scope.Lookup(n)
		if obj == tn || (obj.Type() != nil && mentions(obj.Type(), tn, map[types.Type]bool{})) {
			cs.forget(n)
		}
	}
}

// mentions reports whether t refers to the type named by tn.
func mentions(t types.Type, tn *types.TypeName, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Named:
		if t.Obj() == tn {
			return true
		}
		if t.Obj().Pkg() != tn.Pkg() {
			return false // another package cannot refer to a cell's type
		}
		if mentions(t.Underlying(), tn, seen) {
			return true
		}
		for i := 0; i < t.NumMethods(); i++ {
			if mentions(t.Method(i).Type(), tn, seen) {
				return true
			}
		}
	case *types.Pointer:
		return mentions(t.Elem(), tn, seen)
	case *types.Slice:
		return mentions(t.Elem(), tn, seen)
	case *types.Array:
		return mentions(t.Elem(), tn, seen)
	case *types.Map:
		return mentions(t.Key(), tn, seen) || mentions(t.Elem(), tn, seen)
	case *types.Chan:
		return mentions(t.Elem(), tn, seen)
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			if mentions(t.Field(i).Type(), tn, seen) {
				return true
			}
		}
	case *types.Tuple:
		for i := 0; i < t.Len(); i++ {
			if mentions(t.At(i).Type(), tn, seen) {
				return true
			}
		}
	case *types.Signature:
		return mentions(t.Params(), tn, seen) || mentions(t.Results(), tn, seen)
	case *types.Interface:
		for i := 0; i < t.NumMethods(); i++ {
			if mentions(t.Method(i).Type(), tn, seen) {
				return true
			}
		}
	}
	return false
}

// declNames returns the package-level names a file of declarations
// declares (methods, init and blank names declare none).
func declNames(f *ast.File) []string {
	var names []string
	add := func(id *ast.Ident) {
		if id.Name != "_" {
			names = append(names, id.Name)
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			// go/types declares a method without receiver as a function.
			if d.Recv.NumFields() == 0 && d.Name.Name != "init" {
				add(d.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					add(s.Name)
				case *ast.ValueSpec:
					for _, id := range s.Names {
						add(id)
					}
				}
			}
		}
	}
	return names
}

// definedAtTop returns the identifiers a top-level statement defines.
func definedAtTop(st ast.Stmt) []*ast.Ident {
	var ids []*ast.Ident
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok == token.DEFINE {
			for _, l := range st.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
					ids = append(ids, id)
				}
			}
		}
	case *ast.DeclStmt:
		for _, s := range st.Decl.(*ast.GenDecl).Specs {
			if vs, ok := s.(*ast.ValueSpec); ok {
				for _, id := range vs.Names {
					if id.Name != "_" {
						ids = append(ids, id)
					}
				}
			}
		}
	}
	return ids
}

// receiverBase returns the name of a method's receiver base type.
func receiverBase(t ast.Expr) string {
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// blankOutside returns src with every byte outside the parts replaced by
// a space, newlines kept, so that the parts keep their lines and columns;
// a semicolon that ends a part is kept.
func blankOutside(src string, parts []Part) string {
	b := []byte(src)
	sort.Slice(parts, func(i, j int) bool { return parts[i].Start < parts[j].Start })
	next := 0
	for _, p := range parts {
		blank(b[next:min(p.Start, len(b))])
		next = max(next, min(p.End, len(b)))
		// The semicolon between two parts on one line (x := 1; y := 2)
		// keeps them apart.
		for i := next; i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == ';'); i++ {
			if b[i] == ';' {
				next = i + 1
				break
			}
		}
	}
	blank(b[next:])
	return string(b)
}

func blank(b []byte) {
	for i, c := range b {
		if c != '\n' {
			b[i] = ' '
		}
	}
}

// txn records the package-scope names a cell replaced, to undo a cell
// that fails.
type txn struct {
	scope *types.Scope
	saved map[string]types.Object // nil: the name was not defined
}

func (c *Checker) begin() *txn {
	return &txn{scope: c.pkg.Scope(), saved: map[string]types.Object{}}
}

// remove deletes name, remembering its first definition.
func (t *txn) remove(name string) bool {
	if _, ok := t.saved[name]; !ok {
		t.saved[name] = t.scope.Lookup(name)
	}
	if t.scope.Lookup(name) == nil {
		return true
	}
	return scopeDelete(t.scope, name)
}

// replace defines name as obj.
func (t *txn) replace(name string, obj types.Object) bool {
	if !t.remove(name) {
		return false
	}
	t.scope.Insert(obj)
	return true
}

// rollback restores the names as they were before the cell.
func (t *txn) rollback() {
	for name, old := range t.saved {
		scopeDelete(t.scope, name)
		if old != nil {
			t.scope.Insert(old)
		}
	}
}

// newInfo returns the go/types records a check keeps for the kernel's
// rewrites.
func newInfo() *types.Info {
	return &types.Info{
		Types:     map[ast.Expr]types.TypeAndValue{},
		Defs:      map[*ast.Ident]types.Object{},
		Instances: map[*ast.Ident]types.Instance{},
	}
}

// record keeps the types of a run's expressions and definitions, and its
// generic functions, by byte range in the cell; prefix is the length of
// the text before the cell in the run's file.
func (cs *cellCheck) record(info *types.Info, prefix int) {
	span := func(n ast.Node) (Span, bool) {
		from := cs.fset.Position(n.Pos()).Offset - prefix
		to := cs.fset.Position(n.End()).Offset - prefix
		return Span{from, to}, from >= 0 && to <= len(cs.src) && from <= to
	}
	for x, tv := range info.Types {
		if tv.Type == nil {
			continue
		}
		if tv.IsType() {
			if sp, ok := span(x); ok {
				cs.typeExprs[sp] = tv.Type
			}
			continue
		}
		t := tv.Type
		if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			t = types.Default(t)
		}
		if sp, ok := span(x); ok {
			cs.exprTypes[sp] = t
		}
	}
	for id, obj := range info.Defs {
		if obj == nil {
			continue
		}
		if sp, ok := span(id); ok {
			cs.exprTypes[sp] = obj.Type()
			if c, ok := obj.(*types.Const); ok {
				cs.consts[sp] = c.Val()
			}
		}
	}
	for id := range info.Instances {
		if sp, ok := span(id); ok {
			cs.generic[sp] = true
		}
	}
}

// TypeNames returns the types that earlier cells declared, generic ones
// and aliases left out, sorted by name.
func (c *Checker) TypeNames() []*types.TypeName {
	var out []*types.TypeName
	scope := c.pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || c.opaque[name] || tn.IsAlias() {
			continue
		}
		if named, ok := tn.Type().(*types.Named); !ok || named.TypeParams().Len() > 0 {
			continue
		}
		out = append(out, tn)
	}
	return out
}
