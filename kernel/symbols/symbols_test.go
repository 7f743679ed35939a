package symbols

import (
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/symbols/internal/preload"
)

// Every package cells are promised can be imported has a symbol table
// and documentation.
func TestPreloadedPackages(t *testing.T) {
	for _, path := range append(append([]string{}, preload.Own...), preload.ThirdParty...) {
		name := path[strings.LastIndexByte(path, '/')+1:]
		if len(Symbols[path+"/"+name]) == 0 {
			t.Errorf("no symbols for %s", path)
		}
		if _, ok := Doc(path, ""); !ok {
			t.Errorf("no documentation for %s", path)
		}
	}
}

func TestDoc(t *testing.T) {
	tests := []struct {
		path, name, want string
	}{
		{"fmt", "Println", "func Println(a ...any) (n int, err error)"},
		{"github.com/gornn/gornn/rnn", "MatMul", "func MatMul("},
		{"gonum.org/v1/gonum/mat", "Dense.Mul", "func (m *Dense) Mul(a, b Matrix)"},
		{"math", "Pi", "Pi"},
	}
	for _, tt := range tests {
		d, ok := Doc(tt.path, tt.name)
		if !ok || !strings.Contains(d, tt.want) {
			t.Errorf("Doc(%q, %q) = %q, %v; want it to contain %q", tt.path, tt.name, d, ok, tt.want)
		}
	}
	if _, ok := Doc("fmt", "NoSuchThing"); ok {
		t.Error("Doc found a name fmt does not have")
	}
	if _, ok := Doc("no/such/package", "X"); ok {
		t.Error("Doc found a package that is not preloaded")
	}
}
