package gocheck

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"
	"sync"
)

// GenericStd lists the standard packages whose API is generic, in whole
// or in part (errors.AsType), which
// symbol tables cannot describe; SourceImporter serves them.
var GenericStd = []string{"cmp", "errors", "iter", "maps", "slices"}

// SourceImporter builds the exported API of a few standard packages from
// the Go installation's sources. Function bodies are not checked, and
// imports outside the served set are empty packages: the signatures of
// the generic packages need only each other, and checking what their
// bodies import (runtime for iter) would take seconds instead of
// milliseconds. Packages are built once and shared, read-only, by every
// Checker of the process.
type SourceImporter struct {
	mu     sync.Mutex
	fset   *token.FileSet
	goroot string
	serves map[string]bool
	pkgs   map[string]*types.Package
}

// NewSourceImporter returns an importer of the packages paths from the
// sources under goroot; nil when goroot holds no sources for them.
func NewSourceImporter(goroot string, paths []string) *SourceImporter {
	si := &SourceImporter{fset: fileSet, goroot: goroot, serves: map[string]bool{}, pkgs: map[string]*types.Package{}}
	for _, p := range paths {
		if _, err := build.Default.ImportDir(si.dir(p), 0); err != nil {
			return nil
		}
		si.serves[p] = true
	}
	return si
}

var (
	stdOnce sync.Once
	std     *SourceImporter
)

// StdGenerics returns the process's importer of GenericStd from the
// installation Go was built with, or nil when its sources are absent.
func StdGenerics() *SourceImporter {
	stdOnce.Do(func() { std = NewSourceImporter(build.Default.GOROOT, GenericStd) })
	return std
}

// Serves reports whether path is one of the importer's packages.
func (si *SourceImporter) Serves(path string) bool { return si != nil && si.serves[path] }

func (si *SourceImporter) dir(path string) string {
	return filepath.Join(si.goroot, "src", filepath.FromSlash(path))
}

// Import implements types.Importer.
func (si *SourceImporter) Import(path string) (*types.Package, error) {
	si.mu.Lock()
	defer si.mu.Unlock()
	return si.load(path)
}

func (si *SourceImporter) load(path string) (*types.Package, error) {
	if p, ok := si.pkgs[path]; ok {
		return p, nil
	}
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if !si.serves[path] {
		p := types.NewPackage(path, path[strings.LastIndexByte(path, '/')+1:])
		p.MarkComplete()
		si.pkgs[path] = p
		return p, nil
	}
	bp, err := build.Default.ImportDir(si.dir(path), 0)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(si.fset, filepath.Join(bp.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	conf := types.Config{
		Importer:         importerFunc(si.load),
		IgnoreFuncBodies: true,
		// Declarations that use the empty packages fail; the exported
		// generic API does not.
		Error: func(error) {},
	}
	p, _ := conf.Check(path, si.fset, files, nil)
	si.pkgs[path] = p
	return p, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

var stdGenerics sync.Map // path -> map[string]bool

// stdGeneric returns the exported generic functions and types of the
// standard package at path, from the installation's sources; ok is false
// without sources. It is asked only when a cell selects a name a symbol
// table lacks, so parsing on demand costs nothing otherwise.
func stdGeneric(path string) (names map[string]bool, ok bool) {
	if v, ok := stdGenerics.Load(path); ok {
		return v.(map[string]bool), true
	}
	bp, err := build.Default.ImportDir(filepath.Join(build.Default.GOROOT, "src", filepath.FromSlash(path)), 0)
	if err != nil {
		return nil, false
	}
	names = map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(bp.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, false
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Type.TypeParams != nil && d.Name.IsExported() {
					names[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok && ts.TypeParams != nil && ts.Name.IsExported() {
						names[ts.Name.Name] = true
					}
				}
			}
		}
	}
	stdGenerics.Store(path, names)
	return names, true
}
