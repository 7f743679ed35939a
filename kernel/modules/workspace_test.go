package modules

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"github.com/gornn/gornn/kernel/modules/modulestest"
)

// publish publishes modulestest.Greet.
func publish(t testing.TB) []string { return modulestest.Publish(t, modulestest.Greet) }

// newWorkspace opens a workspace that fetches from the test proxy.
func newWorkspace(t *testing.T, dir string, env []string) *Workspace {
	t.Helper()
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.Env = env
	return w
}

// interpreter returns a yaegi interpreter that reads imported source
// through w.
func interpreter(t testing.TB, w *Workspace) *interp.Interpreter {
	t.Helper()
	gopath := t.TempDir()
	i := interp.New(interp.Options{GoPath: gopath, SourcecodeFilesystem: w.FS(gopath)})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	return i
}

func TestLoadFetchesAModuleAndItsDependency(t *testing.T) {
	env := publish(t)
	ctx := context.Background()
	record := filepath.Join(t.TempDir(), RecordDir)
	w := newWorkspace(t, record, env)
	if err := w.Load(ctx, "example.com/greet"); err != nil {
		t.Fatal(err)
	}
	i := interpreter(t, w)
	if _, err := i.Eval(`import "example.com/greet"`); err != nil {
		t.Fatal(err)
	}
	v, err := i.Eval(`greet.To("gopher")`)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.String(); got != "hello, gopher" {
		t.Errorf("greet.To = %q, want %q", got, "hello, gopher")
	}
	gomod, err := os.ReadFile(filepath.Join(record, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(gomod), "example.com/greet v0.1.0") {
		t.Errorf("the record's go.mod does not require greet:\n%s", gomod)
	}
	// The dependency's version is pinned by greet's go.mod; go.sum
	// records the checksums of both.
	gosum, err := os.ReadFile(filepath.Join(record, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"example.com/greet v0.1.0 h1:", "example.com/words v1.0.0 h1:"} {
		if !strings.Contains(string(gosum), want) {
			t.Errorf("the record's go.sum lacks %q:\n%s", want, gosum)
		}
	}
}

// TestRecordKeepsVersions: a pinned version survives in the record, so a
// new session of the same directory (a restarted kernel) gets it again,
// without asking the proxy.
func TestRecordKeepsVersions(t *testing.T) {
	env := publish(t)
	ctx := context.Background()
	record := filepath.Join(t.TempDir(), RecordDir)
	w := newWorkspace(t, record, env)
	report, err := w.Get(ctx, "example.com/words@v1.1.0")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(report, "example.com/words v1.1.0") {
		t.Errorf("go get's report %q does not name the version added", report)
	}
	if err := w.Load(ctx, "example.com/greet"); err != nil {
		t.Fatal(err)
	}

	// A new session of the same record, offline: the proxy is gone.
	offline := append(append([]string{}, env...), "GOPROXY=off")
	w2 := newWorkspace(t, record, offline)
	if err := w2.Load(ctx, "example.com/greet"); err != nil {
		t.Fatal(err)
	}
	i := interpreter(t, w2)
	if _, err := i.Eval(`import "example.com/greet"`); err != nil {
		t.Fatal(err)
	}
	v, err := i.Eval(`greet.To("x")`)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.String(); got != "hi, x" {
		t.Errorf("with words pinned at v1.1.0, greet.To = %q, want %q", got, "hi, x")
	}
}

func TestLoadErrors(t *testing.T) {
	env := publish(t)
	ctx := context.Background()
	w := newWorkspace(t, filepath.Join(t.TempDir(), RecordDir), env)

	err := w.Load(ctx, "example.com/native")
	var cgo *CgoError
	if !errors.As(err, &cgo) || cgo.Package != "example.com/native" {
		t.Errorf("loading a cgo package: err = %v, want a CgoError naming it", err)
	} else if !strings.Contains(err.Error(), "uses cgo") {
		t.Errorf("the message %q does not say why", err)
	}

	err = w.Load(ctx, "example.com/nosuch")
	var goErr *GoError
	if !errors.As(err, &goErr) || !strings.Contains(err.Error(), "example.com/nosuch") {
		t.Errorf("loading a missing module: err = %v, want the go command's error naming it", err)
	}

	if _, err := w.Get(ctx, "-x"); err == nil {
		t.Error("Get accepted a flag as a module path")
	}
}

func TestMissingGoCommand(t *testing.T) {
	w := newWorkspace(t, t.TempDir(), nil)
	w.GoCmd = filepath.Join(t.TempDir(), "no-go-here")
	err := w.Load(context.Background(), "example.com/greet")
	if err == nil || !strings.Contains(err.Error(), "the go command is needed") {
		t.Errorf("err = %v, want one that says the go command is needed", err)
	}
}
