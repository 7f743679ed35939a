package autoimport

import (
	"errors"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/traefik/yaegi/stdlib"

	"github.com/gornn/gornn/kernel/symbols"
)

func kernelIndex() *Index {
	all := map[string]map[string]reflect.Value{}
	for _, t := range []map[string]map[string]reflect.Value{stdlib.Symbols, symbols.Symbols} {
		for k, v := range t {
			all[k] = v
		}
	}
	return NewIndex(all)
}

// parseCell parses src as declarations followed by a function body, the
// two forms a cell's parts take.
func parseCell(t testing.TB, decls, stmts string) []ast.Node {
	f, err := parser.ParseFile(token.NewFileSet(), "cell", "package main\n"+decls+"\nfunc _() {\n"+stmts+"\n}", parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	return []ast.Node{f}
}

func TestResolve(t *testing.T) {
	ix := kernelIndex()
	known := func(name string) bool { return name == "old" || name == "math" }
	tests := []struct {
		name, decls, stmts string
		want               string // "name=path ..." or "error: ..."
	}{
		{"stdlib", "", `fmt.Println(strings.ToUpper("a")); t0 := time.Now(); _ = t0`, "fmt=fmt strings=strings time=time"},
		{"preloaded", "", `sess := rnn.NewSession(); m := mat.NewDense(1, 1, nil); p := plot.New(); display.Show(p); _, _ = sess, m`, "rnn=github.com/gornn/gornn/rnn mat=gonum.org/v1/gonum/mat plot=gonum.org/v1/plot display=github.com/gornn/gornn/display"},
		{"known names are not packages", "", `old.X(); math.Sqrt(2)`, ""},
		{"a local variable shadows a package", "", `strings := []string{}; _ = len(strings); fmt := struct{ Println int }{}; _ = fmt.Println`, ""},
		{"a parameter shadows a package", "func f(time int) { _ = time }", `x := struct{ Now int }{}; _ = x`, ""},
		{"declared function shadows", "func fmt() {}", `fmt.Println()`, ""},
		{"struct fields do not shadow", "type T struct{ time time.Time }", ``, "time=time"},
		{"explicit import wins", `import r "crypto/rand"`, `r.Read(nil); rand.Intn(3)`, "rand=math/rand"},
		{"selectors decide: v2", "", `rand.IntN(3)`, "rand=math/rand/v2"},
		{"selectors decide: v1", "", `rand.Intn(3); rand.Seed(1)`, "rand=math/rand"},
		{"ambiguous", "", `rand.Float64()`, `error: undefined: rand (2 packages are named rand: import one of "math/rand", "math/rand/v2")`},
		{"nothing fits: all candidates", "", `rand.Nothing()`, `error: undefined: rand (3 packages are named rand: import one of "crypto/rand", "math/rand", "math/rand/v2")`},
		{"unknown name", "", `nosuch.Thing()`, ""},
		{"mnist by its own name", "", `ds, _ := mnist.ReadDataSets("", true); _ = ds`, "mnist=github.com/gornn/gornn/rnn/mnist"},
		{"version suffix", `import "math/rand/v2"`, `rand.IntN(2)`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range ix.Refs(parseCell(t, tt.decls, tt.stmts), known) {
				imp, ok, err := ix.Resolve(r)
				var ae *AmbiguousError
				if errors.As(err, &ae) {
					got = append(got, "error: "+err.Error())
					continue
				}
				if ok {
					got = append(got, imp.Name+"="+imp.Path)
				}
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("got %q, want %q", s, tt.want)
			}
		})
	}
}

func TestRefsPosition(t *testing.T) {
	src := "package main\nfunc _() {\n\tx := 1\n\tfmt.Println(x)\n\tfmt.Print(x)\n}"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	refs := kernelIndex().Refs([]ast.Node{f}, func(string) bool { return false })
	if len(refs) != 1 || refs[0].Name != "fmt" || strings.Join(refs[0].Sels, ",") != "Print,Println" {
		t.Fatalf("refs = %+v", refs)
	}
	if p := fset.Position(refs[0].Pos); p.Line != 4 || p.Column != 2 {
		t.Errorf("first use at %v, want 4:2", p)
	}
}

var update = flag.Bool("update", false, "rewrite docs/autoimport.md")

// TestDoc keeps docs/autoimport.md equal to what the index resolves.
func TestDoc(t *testing.T) {
	got := Doc(kernelIndex())
	const path = "../../docs/autoimport.md"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil || string(want) != got {
		t.Fatalf("%s is out of date: go test ./kernel/autoimport -run TestDoc -update", path)
	}
}
