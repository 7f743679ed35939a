package symbols

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The tables of gornn's own packages list every exported name those
// packages have (generic ones excepted, which the extractor leaves out).
func TestOwnTablesAreFresh(t *testing.T) {
	for path, dir := range map[string]string{
		"github.com/gornn/gornn/rnn":       "../../rnn",
		"github.com/gornn/gornn/rnn/mnist": "../../rnn/mnist",
		"github.com/gornn/gornn/display":   "../../display",
	} {
		table := Symbols[path+"/"+filepath.Base(dir)]
		var missing []string
		for _, name := range exportedNames(t, dir) {
			if _, ok := table[name]; !ok {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			t.Errorf("%s: symbol table lacks %s; run: go generate -run 'gornn|gendoc' ./kernel/symbols", path, strings.Join(missing, ", "))
		}
	}
}

// exportedNames lists the exported, non-generic package-level names of
// the non-test Go files in dir.
func exportedNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.ParseComments)
		if err != nil {
			t.Fatalf("parsing %s: %v", e.Name(), err)
		}
		if excludedByBuildTag(f) {
			continue
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() && d.Type.TypeParams == nil {
					names = append(names, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() && s.TypeParams == nil {
							names = append(names, s.Name.Name)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								names = append(names, n.Name)
							}
						}
					}
				}
			}
		}
	}
	return names
}

// excludedByBuildTag reports whether a file is only for tools or other
// systems, as the extractor's build does not see it.
func excludedByBuildTag(f *ast.File) bool {
	for _, c := range f.Comments {
		for _, l := range c.List {
			if strings.HasPrefix(l.Text, "//go:build") {
				return strings.Contains(l.Text, "tools") || strings.Contains(l.Text, "ignore") || strings.Contains(l.Text, "!amd64")
			}
		}
	}
	return false
}
