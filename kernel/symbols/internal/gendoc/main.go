// Command gendoc writes the documentation table of the packages cells can
// import, so that the kernel can answer inspection requests without the
// source tree at run time. It reads sources with go/doc: the module's own
// packages and its dependencies through `go list`, the standard library
// from GOROOT.
//
// Usage (from kernel/symbols, through go generate):
//
//	go run ./internal/gendoc -o docs_gen.go
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/doc"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// packages are documented in full; keep in step with the symbol tables.
var packages = []string{
	"github.com/gornn/gornn/rnn",
	"github.com/gornn/gornn/rnn/mnist",
	"github.com/gornn/gornn/display",
	"gonum.org/v1/gonum/mat",
	"gonum.org/v1/gonum/stat",
	"gonum.org/v1/gonum/floats",
	"gonum.org/v1/plot",
	"gonum.org/v1/plot/plotter",
	"gonum.org/v1/plot/vg",
	"gonum.org/v1/plot/vg/draw",
	"gonum.org/v1/plot/vg/vgimg",
	"gonum.org/v1/plot/vg/vgsvg",
	// The predeclared names (append, len, make, ...), then the parts of
	// the standard library notebooks use most.
	"builtin", "bufio", "bytes", "context", "encoding/csv", "encoding/json", "errors", "fmt", "image",
	"image/color", "image/png", "io", "math", "math/rand", "os", "path/filepath", "regexp",
	"sort", "strconv", "strings", "sync", "time", "unicode",
}

// maxDoc bounds each entry, keeping the table compact; the first
// paragraphs carry the meaning.
const maxDoc = 1000

func main() {
	out := flag.String("o", "docs_gen.go", "output file")
	flag.Parse()
	dirs, err := packageDirs(packages)
	if err != nil {
		log.Fatal(err)
	}
	table := map[string]map[string]string{}
	for _, path := range packages {
		entries, err := document(dirs[path], path == "builtin")
		if err != nil {
			log.Fatalf("gendoc: %s: %v", path, err)
		}
		table[path] = entries
	}
	src, err := render(table)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// packageDirs asks the go command where each package's sources are.
func packageDirs(paths []string) (map[string]string, error) {
	args := append([]string{"list", "-f", "{{.ImportPath}}\t{{.Dir}}"}, paths...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		return nil, fmt.Errorf("gendoc: go list: %w", err)
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
			return nil, fmt.Errorf("gendoc: no directory for %s", p)
		}
	}
	return dirs, nil
}

// document returns the entries of one package: "" for the package, Name
// for functions, types, variables and constants, Type.Method for methods.
// The builtin package documents lowercase names (append, len, ...): all
// of its declarations are kept.
func document(dir string, all bool) (map[string]string, error) {
	fset := token.NewFileSet()
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, m := range matches {
		if strings.HasSuffix(m, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, m, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if !buildable(f) {
			continue
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
	entries := map[string]string{"": clip(pkg.Doc)}
	addFunc := func(key string, f *doc.Func) {
		entries[key] = clip(decl(fset, f.Decl) + "\n\n" + f.Doc)
	}
	for _, f := range pkg.Funcs {
		addFunc(f.Name, f)
	}
	for _, t := range pkg.Types {
		entries[t.Name] = clip(decl(fset, t.Decl) + "\n\n" + t.Doc)
		for _, f := range t.Funcs {
			addFunc(f.Name, f)
		}
		for _, m := range t.Methods {
			addFunc(t.Name+"."+m.Name, m)
		}
		for _, v := range append(t.Consts, t.Vars...) {
			addValue(entries, fset, v)
		}
	}
	for _, v := range append(pkg.Consts, pkg.Vars...) {
		addValue(entries, fset, v)
	}
	for k := range entries {
		if !all && k != "" && !ast.IsExported(strings.Split(k, ".")[0]) {
			delete(entries, k)
		}
	}
	return entries, nil
}

// buildable leaves out files for other systems and tools builds.
func buildable(f *ast.File) bool {
	for _, c := range f.Comments {
		for _, l := range c.List {
			if strings.HasPrefix(l.Text, "//go:build") {
				tags := l.Text
				return !strings.Contains(tags, "ignore") && !strings.Contains(tags, "tools") &&
					!strings.Contains(tags, "windows") && !strings.Contains(tags, "plan9") && !strings.Contains(tags, "js")
			}
		}
	}
	return true
}

// addValue documents each name of a const or var group with the line
// that declares it and the group's doc.
func addValue(entries map[string]string, fset *token.FileSet, v *doc.Value) {
	for _, spec := range v.Decl.Specs {
		vs := spec.(*ast.ValueSpec)
		line := v.Decl.Tok.String() + " " + strings.TrimSpace(nodeText(fset, vs))
		doc := v.Doc
		if vs.Doc != nil {
			doc = vs.Doc.Text()
		} else if vs.Comment != nil {
			doc = vs.Comment.Text()
		}
		for _, name := range vs.Names {
			entries[name.Name] = clip(line + "\n\n" + doc)
		}
	}
}

// decl prints a declaration without its body.
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

func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > maxDoc {
		cut := strings.LastIndex(s[:maxDoc], "\n\n")
		if cut < maxDoc/2 {
			cut = maxDoc
		}
		s = s[:cut] + "\n…"
	}
	return s
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
