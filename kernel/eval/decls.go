package eval

import (
	"context"
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// checkRedefinitions refuses a cell that changes a type or a method
// defined by an earlier cell: the interpreter would silently keep the old
// definition, and stale behaviour is worse than an error. It also refuses
// func main (outside a pasted program, whose main is renamed and called),
// which the interpreter would run again after every later cell.
func (s *Session) checkRedefinitions(code string, pieces []*piece, program bool) *Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range pieces {
		switch d := p.decl.(type) {
		case *ast.GenDecl:
			if d.Tok != token.TYPE {
				continue
			}
			for _, spec := range d.Specs {
				ts := spec.(*ast.TypeSpec)
				old, ok := s.types[ts.Name.Name]
				if ok && old != normalize(code[p.off(ts.Pos()):p.off(ts.End())]) {
					line, col := lineCol(code, p.off(ts.Name.Pos()))
					return newError("RedefinitionError", fmt.Sprintf(
						"type %s is already defined differently by an earlier cell; the interpreter cannot change a type once defined: give the new type another name, or restart the session", ts.Name.Name),
						code, line, col)
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == "main" && !program {
				line, col := lineCol(code, p.off(d.Name.Pos()))
				return newError("CompileError", "a cell cannot declare func main (the interpreter would run it after every later cell): give it another name and call it", code, line, col)
			}
			key, ok := methodKey(d)
			if !ok {
				continue
			}
			old, ok := s.methods[key]
			if ok && old != normalize(code[p.off(d.Pos()):p.off(d.End())]) {
				line, col := lineCol(code, p.off(d.Name.Pos()))
				return newError("RedefinitionError", fmt.Sprintf(
					"method %s is already defined differently by an earlier cell; the interpreter cannot change a method once defined: give it another name, or restart the session", key),
					code, line, col)
			}
		}
	}
	return nil
}

// methodKey returns "T.M" for a method declaration.
func methodKey(d *ast.FuncDecl) (string, bool) {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return "", false
	}
	t := d.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.ParenExpr:
			t = x.X
			continue
		}
		break
	}
	id, ok := t.(*ast.Ident)
	if !ok {
		return "", false
	}
	return id.Name + "." + d.Name.Name, true
}

// normalize makes declarations that differ only in spacing compare
// equal.
func normalize(src string) string {
	return strings.Join(strings.Fields(src), " ")
}

// recordDecls remembers the types, methods and functions a run of
// declarations defined, and returns the names of functions it redefined.
func (s *Session) recordDecls(code string, run []*piece) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var redefined []string
	for _, p := range run {
		switch d := p.decl.(type) {
		case *ast.GenDecl:
			if d.Tok != token.TYPE {
				continue
			}
			for _, spec := range d.Specs {
				ts := spec.(*ast.TypeSpec)
				s.types[ts.Name.Name] = normalize(code[p.off(ts.Pos()):p.off(ts.End())])
			}
		case *ast.FuncDecl:
			src := code[p.off(d.Pos()):p.off(d.End())]
			if key, ok := methodKey(d); ok {
				s.methods[key] = normalize(src)
				s.methodUses[key] = identsIn(d.Body)
				continue
			}
			if _, ok := s.funcs[d.Name.Name]; ok {
				redefined = append(redefined, d.Name.Name)
			}
			s.funcs[d.Name.Name] = &funcDef{cell: s.cells, src: src, uses: identsIn(d.Body)}
		}
	}
	return redefined
}

// identsIn returns the identifiers used in n.
func identsIn(n ast.Node) map[string]bool {
	ids := map[string]bool{}
	if n == nil || reflect.ValueOf(n).IsNil() {
		return ids
	}
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			ids[id.Name] = true
		}
		return true
	})
	return ids
}

// recompileUsers declares again the functions of earlier cells that use
// a redefined function, variable or constant, directly or through other
// functions, since the interpreter binds a name when it compiles the
// function that uses it. A function that no longer compiles (a result or
// a variable changed its type) is replaced by one of the same signature
// that panics saying so, rather than left half-compiled (the interpreter
// would then fail on calling it with an index out of range), and the
// error names it: its cell must be run again, changed to fit.
func (s *Session) recompileUsers(ctx context.Context, redefined map[string]bool) *Error {
	if len(redefined) == 0 {
		return nil
	}
	s.mu.Lock()
	changed := map[string]bool{}
	for k := range redefined {
		changed[k] = true
	}
	var order []string
	for grew := true; grew; {
		grew = false
		for name, f := range s.funcs {
			if changed[name] || f.cell == s.cells {
				continue
			}
			for c := range changed {
				if f.uses[c] {
					changed[name] = true
					order = append(order, name)
					grew = true
					break
				}
			}
		}
	}
	// Functions of this cell that call one compiled again would call its
	// old version, which calls the old versions of this cell's functions
	// (mutual recursion across cells ends after one round): they are
	// compiled again with it, in one evaluation, to call each other.
	again := map[string]bool{}
	for _, name := range order {
		again[name] = true
	}
	for grew := len(order) > 0; grew; {
		grew = false
		for name, f := range s.funcs {
			if f.cell == s.cells && !again[name] && usesAny(f.uses, again) {
				again[name] = true
				order = append(order, name)
				grew = true
			}
		}
	}
	sort.Strings(order)
	s.warnStaleMethods(changed)
	srcs := map[string]string{}
	for _, name := range order {
		srcs[name] = s.funcs[name].src
	}
	s.mu.Unlock()
	for name, src := range srcs {
		srcs[name] = s.withRewrites(src)
	}
	if len(order) == 0 {
		return nil
	}
	all := make([]string, len(order))
	for i, name := range order {
		all[i] = srcs[name]
	}
	err := s.evalStoppable(ctx, "\n"+strings.Join(all, "\n\n"), interruptGrace)
	if err == nil || ctx.Err() != nil {
		if err != nil {
			return &Error{Name: "Interrupted", Message: "the cell was interrupted while functions that use what it redefined were compiled again",
				Traceback: []string{"Interrupted: recompiling " + strings.Join(order, ", ")}}
		}
		return nil
	}
	// Find the ones that fail: each alone, the others being declared.
	var broken, causes []string
	for _, name := range order {
		if fe := s.evalStoppable(ctx, "\n"+srcs[name], interruptGrace); fe != nil {
			broken = append(broken, name)
			causes = append(causes, fmt.Sprintf("%s: %v", name, fe))
		}
	}
	if len(broken) == 0 {
		broken, causes = order, []string{err.Error()}
	}
	used := sortedKeys(redefined)
	isBroken := map[string]bool{}
	for _, name := range broken {
		isBroken[name] = true
		msg := fmt.Sprintf("%s was compiled against an earlier definition of %s: run its cell again", name, strings.Join(used, ", "))
		if stub, ok := panicStub(srcs[name], msg); ok {
			s.evalStoppable(ctx, "\n"+stub, interruptGrace)
		}
	}
	// The others, compiled while the broken ones were half-compiled,
	// would call those halves: compile them once more, now that they
	// call the stubs.
	var rest []string
	for _, name := range order {
		if !isBroken[name] {
			rest = append(rest, srcs[name])
		}
	}
	if len(rest) > 0 {
		s.evalStoppable(ctx, "\n"+strings.Join(rest, "\n\n"), interruptGrace)
	}
	msg := fmt.Sprintf("%s was redefined, and %s (a function of an earlier cell) no longer compiles with it: calling it panics until its cell is run again, changed to fit",
		strings.Join(used, ", "), broken[0])
	if len(broken) > 1 {
		msg = fmt.Sprintf("%s was redefined, and %s (functions of earlier cells) no longer compile with it: calling them panics until their cells are run again, changed to fit",
			strings.Join(used, ", "), strings.Join(broken, ", "))
	}
	return &Error{Name: "StaleError", Message: msg, Traceback: append([]string{"StaleError: " + msg}, causes...)}
}

// panicStub returns a declaration of the function src declares, with the
// same signature, whose body panics with msg.
func panicStub(src, msg string) (string, bool) {
	f, err := parser.ParseFile(token.NewFileSet(), "", declPrefix+src, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return "", false
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return "", false
	}
	head := src[:int(fd.Body.Lbrace)-1-len(declPrefix)]
	return head + "{ panic(" + strconv.Quote(msg) + ") }", true
}

// usesAny reports whether uses holds any of names.
func usesAny(uses, names map[string]bool) bool {
	for n := range names {
		if uses[n] {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// defined reports whether an earlier cell defined name at top level.
func (s *Session) defined(name string) bool {
	s.mu.Lock()
	_, isFunc := s.funcs[name]
	_, isType := s.types[name]
	s.mu.Unlock()
	if isFunc || isType {
		return true
	}
	_, isVar := s.safeGlobals()[name]
	return isVar
}

// isInt reports whether a global of an earlier cell, or pkg.name of an
// imported package, is an integer.
func (s *Session) isInt(pkg, name string) bool {
	if pkg == "" {
		v, ok := s.safeGlobals()[name]
		return ok && v.IsValid() && isIntKind(v.Kind())
	}
	s.mu.Lock()
	path, ok := s.imports[pkg]
	s.mu.Unlock()
	if !ok {
		return false
	}
	v, ok := s.exports[path+"/"+s.packageName(path)][name]
	if !ok || !v.IsValid() {
		return false
	}
	if c, ok := v.Interface().(constant.Value); ok {
		return c.Kind() == constant.Int
	}
	return isIntKind(v.Kind())
}

func isIntKind(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// recordVarTypes notes, for globals a cell defined with a composite
// literal or a declared type, which cell type they hold.
func (s *Session) recordVarTypes(pieces []*piece) {
	s.mu.Lock()
	defer s.mu.Unlock()
	note := func(name string, typ ast.Expr) {
		if star, ok := typ.(*ast.StarExpr); ok {
			typ = star.X
		}
		if id, ok := typ.(*ast.Ident); ok {
			if _, isCellType := s.types[id.Name]; isCellType {
				s.varTypes[name] = id.Name
				return
			}
		}
		delete(s.varTypes, name)
	}
	literalType := func(x ast.Expr) ast.Expr {
		if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
			x = u.X
		}
		if cl, ok := x.(*ast.CompositeLit); ok {
			return cl.Type
		}
		return nil
	}
	specs := func(gd *ast.GenDecl) {
		if gd.Tok != token.VAR {
			return
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				switch {
				case vs.Type != nil:
					note(name.Name, vs.Type)
				case i < len(vs.Values) && len(vs.Values) == len(vs.Names):
					note(name.Name, literalType(vs.Values[i]))
				default:
					delete(s.varTypes, name.Name)
				}
			}
		}
	}
	for _, p := range pieces {
		if gd, ok := p.decl.(*ast.GenDecl); ok {
			specs(gd)
		}
		switch st := p.stmt.(type) {
		case *ast.DeclStmt:
			specs(st.Decl.(*ast.GenDecl))
		case *ast.AssignStmt:
			if st.Tok != token.DEFINE && st.Tok != token.ASSIGN {
				continue
			}
			for i, l := range st.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					continue
				}
				if len(st.Lhs) == len(st.Rhs) {
					note(id.Name, literalType(st.Rhs[i]))
				} else {
					delete(s.varTypes, id.Name)
				}
			}
		}
	}
}

// cellMethods returns the names of the methods an earlier cell declared
// for the type of the global name.
func (s *Session) cellMethods(name string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	typ, ok := s.varTypes[name]
	if !ok {
		return nil
	}
	var names []string
	for key := range s.methods {
		if m, ok := strings.CutPrefix(key, typ+"."); ok {
			names = append(names, m)
		}
	}
	return names
}

// warnStaleMethods tells on stderr which methods of earlier cells still
// use an old definition of a function, variable or constant: methods
// cannot be compiled again (the interpreter keeps a method's first
// definition).
func (s *Session) warnStaleMethods(changed map[string]bool) {
	var stale []string
	for key, uses := range s.methodUses {
		for name := range changed {
			if uses[name] {
				stale = append(stale, key+" (uses "+name+")")
				break
			}
		}
	}
	if len(stale) == 0 {
		return
	}
	sort.Strings(stale)
	fmt.Fprintf(os.Stderr, "warning: these methods keep using the previous definition, since methods cannot be redefined: %s\n", strings.Join(stale, ", "))
}
