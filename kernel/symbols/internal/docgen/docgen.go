// Package docgen writes the documentation table of the packages cells can
// import (kernel/symbols' docs_gen.go), so that the kernel can answer
// inspection requests without the source tree at run time. It reads
// sources with go/doc: the module's own packages and its dependencies
// where `go list` finds them, the standard library in GOROOT.
//
// The output depends only on the sources, never on the machine: files are
// chosen by go/build's rules for one fixed platform, and everything is
// printed in sorted order.
package docgen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/doc"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Platform is the system whose variant of each package is documented.
// Packages such as os declare some names differently per system; one
// fixed choice keeps the output the same wherever it is generated.
const (
	GOOS   = "linux"
	GOARCH = "amd64"
)

// MaxDoc bounds each entry, keeping the table compact; the first
// paragraphs carry the meaning.
const MaxDoc = 1000

// Generate returns docs_gen.go for the packages at paths, as gofmt'ed Go
// source. It runs `go list` in the current directory to find the
// packages' folders.
func Generate(paths []string) ([]byte, error) {
	dirs, err := packageDirs(paths)
	if err != nil {
		return nil, err
	}
	table := map[string]map[string]string{}
	for _, path := range paths {
		entries, err := document(dirs[path], path == "builtin")
		if err != nil {
			return nil, fmt.Errorf("docgen: %s: %w", path, err)
		}
		table[path] = entries
	}
	return render(table)
}

// packageDirs asks the go command where each package's sources are.
func packageDirs(paths []string) (map[string]string, error) {
	args := append([]string{"list", "-f", "{{.ImportPath}}\t{{.Dir}}"}, paths...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("docgen: go list: %w", err)
	}
	dirs := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, dir, ok := strings.Cut(line, "\t")
		if ok {
			dirs[path] = dir
		}
	}
	for _, p := range paths {
		if dirs[p] == "" {
			return nil, fmt.Errorf("docgen: no directory for %s", p)
		}
	}
	return dirs, nil
}

// buildContext decides which files of a folder belong to the package, as
// the go command would for GOOS/GOARCH without cgo.
func buildContext() *build.Context {
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH = GOOS, GOARCH
	ctxt.CgoEnabled = false
	// Tool tags (GOAMD64 levels, GOEXPERIMENT) depend on the environment.
	// Without them, files for opt-in experiments (arenas, jsonv2) stay
	// out as in a default build; the experiments on by default only
	// choose between implementations, not exported names.
	ctxt.ToolTags = nil
	// The toolchain's release tags are kept: the pinned Go version fixes
	// them.
	return &ctxt
}

// document returns the entries of one package: "" for the package, Name
// for functions, types, variables and constants, Type.Method for methods.
// The builtin package documents lowercase names (append, len, ...): all
// of its declarations are kept.
func document(dir string, all bool) (map[string]string, error) {
	ctxt := buildContext()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		// builtin.go carries "//go:build ignore": it is documentation
		// only, never compiled.
		if !all {
			ok, err := ctxt.MatchFile(dir, name)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	var mode doc.Mode
	if all {
		mode = doc.AllDecls
	}
	pkg, err := doc.NewFromFiles(fset, files, "p", mode)
	if err != nil {
		return nil, err
	}
	out := map[string]string{"": clip(pkg.Doc)}
	addFunc := func(key string, f *doc.Func) {
		out[key] = clip(decl(fset, f.Decl) + "\n\n" + f.Doc)
	}
	for _, f := range pkg.Funcs {
		addFunc(f.Name, f)
	}
	for _, t := range pkg.Types {
		out[t.Name] = clip(decl(fset, t.Decl) + "\n\n" + t.Doc)
		for _, f := range t.Funcs {
			addFunc(f.Name, f)
		}
		for _, m := range t.Methods {
			addFunc(t.Name+"."+m.Name, m)
		}
		for _, v := range append(t.Consts, t.Vars...) {
			addValue(out, fset, v)
		}
	}
	for _, v := range append(pkg.Consts, pkg.Vars...) {
		addValue(out, fset, v)
	}
	for k := range out {
		if !all && k != "" && !ast.IsExported(strings.Split(k, ".")[0]) {
			delete(out, k)
		}
	}
	return out, nil
}

// addValue documents each name of a const or var group with the line
// that declares it and its doc: the name's own comment if it has one,
// else the group's.
func addValue(entries map[string]string, fset *token.FileSet, v *doc.Value) {
	for _, spec := range v.Decl.Specs {
		vs := *spec.(*ast.ValueSpec)
		text := v.Doc
		if vs.Doc != nil {
			text = vs.Doc.Text()
		} else if vs.Comment != nil {
			text = vs.Comment.Text()
		}
		// The comments are printed once, below the declaration.
		vs.Doc, vs.Comment = nil, nil
		line := v.Decl.Tok.String() + " " + strings.TrimSpace(nodeText(fset, &vs))
		for _, name := range vs.Names {
			entries[name.Name] = clip(line + "\n\n" + text)
		}
	}
}

// decl prints a declaration without its body and doc comment.
func decl(fset *token.FileSet, d ast.Node) string {
	if fd, ok := d.(*ast.FuncDecl); ok {
		copy := *fd
		copy.Body, copy.Doc = nil, nil
		return nodeText(fset, &copy)
	}
	if gd, ok := d.(*ast.GenDecl); ok {
		copy := *gd
		copy.Doc = nil
		return nodeText(fset, &copy)
	}
	return nodeText(fset, d)
}

func nodeText(fset *token.FileSet, n ast.Node) string {
	var b bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&b, fset, n); err != nil {
		return ""
	}
	return b.String()
}

// clip shortens s to at most MaxDoc bytes, at a paragraph break when one
// is not too early, never inside a UTF-8 sequence.
func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) <= MaxDoc {
		return s
	}
	cut := strings.LastIndex(s[:MaxDoc], "\n\n")
	if cut < MaxDoc/2 {
		cut = MaxDoc
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + "\n…"
}

// render writes the table as Go source.
func render(table map[string]map[string]string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by gendoc. DO NOT EDIT.\n\npackage symbols\n\n")
	b.WriteString("// docs maps an import path to its documented names, see Doc.\n")
	b.WriteString("var docs = map[string]map[string]string{\n")
	paths := make([]string, 0, len(table))
	for p := range table {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(&b, "%q: {\n", p)
		names := make([]string, 0, len(table[p]))
		for n := range table[p] {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(&b, "%q: %q,\n", n, table[p][n])
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
