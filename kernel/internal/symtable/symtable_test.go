package symtable

import (
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTableInDir writes the table of a package of a module that is not
// the working directory's, and leaves build.Default as it was.
func TestTableInDir(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH:", err)
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOWORK", "off")
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/t\n\ngo 1.21\n",
		"p/p.go": "package p\n\n// Hello greets.\nfunc Hello() string { return \"hello\" }\n\n// Max is generic.\nfunc Max[T int | float64](a, b T) T { return max(a, b) }\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		path       string
		want, not  []string
		errorNames string
	}{
		{path: "example.com/t/p",
			want: []string{"package main", `Symbols["example.com/t/p/p"]`, `"Hello": reflect.ValueOf(p.Hello)`},
			not:  []string{"Max"}},
		{path: "example.com/t/nosuch", errorNames: "example.com/t/nosuch"},
	}
	for _, tt := range tests {
		src, err := Table(dir, tt.path, "main", nil)
		if tt.errorNames != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errorNames) {
				t.Errorf("%s: err = %v, want one that names it", tt.path, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(src), w) {
				t.Errorf("%s: the table lacks %q:\n%s", tt.path, w, src)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(string(src), n) {
				t.Errorf("%s: the table holds %q:\n%s", tt.path, n, src)
			}
		}
	}
	if build.Default.Dir != "" {
		t.Errorf("build.Default.Dir = %q after Table, want it restored", build.Default.Dir)
	}
}
