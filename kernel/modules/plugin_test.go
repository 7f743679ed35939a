package modules

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/modules/modulestest"
)

// PluginTestVar is the environment variable that runs the test that
// builds plugins: a cold build takes a minute or more, and a build for
// a -race test binary builds the standard library once more with -race.
// install/test.sh sets it for its plain `go test ./...`.
const PluginTestVar = "GORNN_PLUGIN_TEST"

// usePluginProxy points the go command at the published modules through
// the process's environment, which the extractor of symbol tables reads
// (Env reaches only the go commands the workspace runs).
func usePluginProxy(t *testing.T) {
	t.Helper()
	if os.Getenv(PluginTestVar) != "1" {
		t.Skipf("building plugins takes a minute or more: set %s=1 to run this test (install/test.sh does)", PluginTestVar)
	}
	for _, kv := range modulestest.Publish(t, modulestest.Greet) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv(ModeVar, ModePlugin)
}

// TestImportCompiled builds packages of fetched modules as plugins and
// runs them through the interpreter: a pure Go one, one with a
// dependency, one that the interpreter cannot run (it calls the builtin
// max), one that needs cgo (which the interpreter alone refuses);
// a second import of the same versions reuses the plugin; a version
// change asks for a restart.
func TestImportCompiled(t *testing.T) {
	usePluginProxy(t)
	ctx := context.Background()
	record := filepath.Join(t.TempDir(), RecordDir)
	w := newWorkspace(t, record, nil)
	i := interpreter(t, w)
	if _, err := i.Eval(`import "fmt"`); err != nil {
		t.Fatal(err)
	}

	tests := []struct{ path, expr, want string }{
		{"example.com/greet/fib", "fib.Fib(20)", "6765"},
		{"example.com/greet", `greet.To("gopher")`, "hello, gopher"},
		{"example.com/modern", "modern.Max(3, 4)", "4"},
		{"example.com/native", "native.Rand() >= 0", "true"},
	}
	for _, tt := range tests {
		imp, err := w.Import(ctx, tt.path)
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if imp.Symbols == nil || imp.Note != "" {
			t.Fatalf("%s: not compiled: %+v", tt.path, imp)
		}
		if err := i.Use(imp.Symbols); err != nil {
			t.Fatal(err)
		}
		if _, err := i.Eval(`import "` + tt.path + `"`); err != nil {
			t.Fatal(err)
		}
		v, err := i.Eval(`fmt.Sprint(` + tt.expr + `)`)
		if err != nil {
			t.Fatalf("%s: %v", tt.expr, err)
		}
		if got := v.String(); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.expr, got, tt.want)
		}
	}
	plugins, err := filepath.Glob(filepath.Join(record, PluginDir, "*", "plugin.so"))
	if err != nil || len(plugins) != len(tests) {
		t.Errorf("the record holds plugins %v, want %d", plugins, len(tests))
	}

	// The same versions again (a %reset, or a restarted kernel): the
	// same plugin, not a new build.
	if _, err := w.Import(ctx, "example.com/greet"); err != nil {
		t.Fatal(err)
	}
	again, _ := filepath.Glob(filepath.Join(record, PluginDir, "*", "plugin.so"))
	if len(again) != len(plugins) {
		t.Errorf("importing greet again built another plugin: %v", again)
	}

	// Another version of a package that a plugin loaded: this process
	// cannot load it compiled, and says so.
	if _, err := w.Get(ctx, "example.com/words@v1.1.0"); err != nil {
		t.Fatal(err)
	}
	_, err = w.Import(ctx, "example.com/greet")
	var pe *PluginError
	if !errors.As(err, &pe) || !strings.Contains(pe.Reason, "example.com/words") || !strings.Contains(pe.Reason, "restart") {
		t.Errorf("importing greet with words upgraded: err = %v, want a PluginError that names words and asks for a restart", err)
	}
	// In the auto mode the new version runs interpreted meanwhile.
	t.Setenv(ModeVar, ModeAuto)
	imp, err := w.Import(ctx, "example.com/greet")
	if err != nil {
		t.Fatal(err)
	}
	if imp.Symbols != nil || !strings.Contains(imp.Note, "interpreted") || !strings.Contains(imp.Note, "restart") {
		t.Errorf("auto mode after a version change: %+v, want the source interpreted and a note that asks for a restart", imp)
	}
}
