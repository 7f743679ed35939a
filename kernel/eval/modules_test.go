package eval

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/modules"
	"github.com/gornn/gornn/kernel/modules/modulestest"
)

// useProxy points the go command of this test at the published modules.
func useProxy(t *testing.T) {
	for _, kv := range modulestest.Publish(t, modulestest.Greet) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
}

// TestImportAModuleInALiveSession: a cell imports a package of a module
// that is not preloaded; it is fetched, with its dependency, and the
// session keeps what earlier cells made. A new session of the same
// directory (a restarted kernel) gets the same versions without asking
// the proxy.
func TestImportAModuleInALiveSession(t *testing.T) {
	useProxy(t)
	dir := filepath.Join(t.TempDir(), modules.RecordDir)
	s := newSession(t, Options{ModulesDir: dir})
	r := run(t, s, "kept := 41", `import "example.com/greet"`, `greet.To("gopher") + fmt.Sprint(" ", kept+1)`)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := text(r); got != "hello, gopher 42" {
		t.Errorf("got %s", got)
	}

	// %get pins another version of the dependency; a restarted kernel
	// of the same directory loads it, offline.
	r = run(t, s, "%get example.com/words@v1.1.0")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	// %reset forgets the cells, not the record: the new interpreter
	// imports the pinned version.
	r = run(t, s, "%reset", `import "example.com/greet"`, `greet.To("reset")`)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := text(r); got != "hi, reset" {
		t.Errorf("after %%reset: got %s", got)
	}
	t.Setenv("GOPROXY", "off")
	s2 := newSession(t, Options{ModulesDir: dir})
	r = run(t, s2, `import "example.com/greet"`, `greet.To("again")`)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := text(r); got != "hi, again" {
		t.Errorf("after %%get words@v1.1.0 and a restart: got %s", got)
	}
}

func TestImportErrors(t *testing.T) {
	useProxy(t)
	tests := []struct{ cell, want string }{
		{`import "example.com/native"`, "uses cgo"},
		{`import "example.com/nosuch"`, "example.com/nosuch"},
		{`import "example.com/modern"`, "the interpreter could not run its source"},
	}
	for _, tt := range tests {
		s := newSession(t, Options{ModulesDir: filepath.Join(t.TempDir(), modules.RecordDir)})
		r := s.Execute(t.Context(), tt.cell)
		if r.Err == nil || r.Err.Name != "ImportError" || !strings.Contains(r.Err.Message, tt.want) || r.Err.Line != 1 {
			t.Errorf("%s: err = %+v, want an ImportError at line 1 that says %q", tt.cell, r.Err, tt.want)
		}
	}
	s := newSession(t, Options{})
	if r := s.Execute(t.Context(), `import "example.com/greet"`); r.Err == nil || !strings.Contains(r.Err.Message, "not available") {
		t.Errorf("without a record of modules: err = %v, want not available", r.Err)
	}
}
