package eval

import (
	"context"
	"fmt"
	"go/ast"
	"os"
	"strings"
)

// importDecl imports the packages of an import declaration that are not
// imported yet.
func (s *Session) importDecl(ctx context.Context, code string, p *piece) *Error {
	gd := p.decl.(*ast.GenDecl)
	for _, spec := range gd.Specs {
		is := spec.(*ast.ImportSpec)
		path := strings.Trim(is.Path.Value, "`\"")
		name := ""
		if is.Name != nil {
			name = is.Name.Name
		}
		local := name
		if local == "" {
			local = s.packageName(path)
		}
		line, col := lineCol(code, p.off(is.Pos()))
		if e := s.shadowedImport(local, path, code, line, col); e != nil {
			return e
		}
		s.mu.Lock()
		prev, seen := s.imports[local]
		s.mu.Unlock()
		if local == "_" || (seen && prev == path) {
			continue
		}
		if seen {
			return newError("CompileError", fmt.Sprintf("%s is already the name of the imported package %q", local, prev), code, line, col)
		}
		fromSource := "" // the module package's source is interpreted: why
		if _, ok := s.exports[path+"/"+s.packageName(path)]; !ok {
			if s.mods == nil {
				return newError("CompileError", fmt.Sprintf("package %q is not available: cells can import the standard library and the preloaded packages", path), code, line, col)
			}
			// A package of a module the kernel does not preload: fetch
			// it with the go command, then load it compiled or let the
			// interpreter read its source.
			imp, err := s.mods.Import(ctx, path)
			if err != nil {
				return newError("ImportError", err.Error(), code, line, col)
			}
			if imp.Note != "" {
				fmt.Fprintln(os.Stderr, imp.Note)
			}
			if imp.Symbols == nil {
				fromSource = "the interpreter could not run its source"
				if imp.Note != "" {
					fromSource += " (and " + imp.Note + ")"
				}
			}
			if imp.Symbols != nil {
				if err := s.in.Use(imp.Symbols); err != nil {
					return newError("ImportError", err.Error(), code, line, col)
				}
				s.mu.Lock()
				for k, v := range imp.Symbols {
					s.exports[k] = v
				}
				s.mu.Unlock()
			}
		}
		if err := s.beforeImport(path); err != nil {
			return newError("InternalError", err.Error(), code, line, col)
		}
		src := "import " + name + " " + is.Path.Value
		if err := s.evalStoppable(ctx, src, interruptGrace); err != nil {
			if fromSource != "" && ctx.Err() == nil {
				return newError("ImportError", fmt.Sprintf("import %q: %s: %v", path, fromSource, err), code, line, col)
			}
			return newError("CompileError", fmt.Sprintf("import %q: %v", path, err), code, line, col)
		}
		s.mu.Lock()
		s.imports[local] = path
		s.mu.Unlock()
	}
	return nil
}

// shadowedImport refuses an import whose name an earlier cell gave to a
// variable, constant, function or type: cells see that definition, not
// the package, whether the import is done now or was done before.
func (s *Session) shadowedImport(local, path, code string, line, col int) *Error {
	if local == "_" || local == "." || !s.defined(local) {
		return nil
	}
	return newError("CompileError", fmt.Sprintf(
		"%s is defined by an earlier cell and hides the package %q: import it under another name (import %s2 %q), or restart the session and give that %s another name",
		local, path, local, path, local), code, line, col)
}

// packageName returns the name a preloaded package declares.
func (s *Session) packageName(path string) string {
	base := path[strings.LastIndexByte(path, '/')+1:]
	if _, ok := s.exports[path+"/"+base]; ok {
		return base
	}
	for k := range s.exports {
		if strings.HasPrefix(k, path+"/") && !strings.Contains(k[len(path)+1:], "/") {
			return k[len(path)+1:]
		}
	}
	return base
}

// importPath returns the path of the package a cell refers to as name:
// an imported one, or else a preloaded one with that name.
func (s *Session) importPath(name string) (string, bool) {
	s.mu.Lock()
	path, ok := s.imports[name]
	s.mu.Unlock()
	if ok {
		return path, true
	}
	// Not imported yet: the preloaded package with that name and the
	// shortest path (math/rand before crypto/rand is not promised).
	best := ""
	for k := range s.exports {
		i := strings.LastIndexByte(k, '/')
		if i > 0 && k[i+1:] == name && (best == "" || len(k[:i]) < len(best) || len(k[:i]) == len(best) && k[:i] < best) {
			best = k[:i]
		}
	}
	return best, best != ""
}
