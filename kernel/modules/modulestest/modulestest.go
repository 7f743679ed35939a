// Package modulestest publishes Go modules through a file-based GOPROXY,
// so that tests of fetching modules run offline.
package modulestest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

// Module is a module version to publish: its path, version and files
// (name relative to the module's root, then content; go.mod included).
type Module struct {
	Path, Version string
	Files         map[string]string
}

// Publish writes the modules as a file-based GOPROXY in a temporary
// directory and returns the environment that makes the go command use it
// and a module cache of its own, offline and without a checksum
// database. It skips the test when the go command is missing.
func Publish(t testing.TB, mods []Module) []string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH:", err)
	}
	proxy := t.TempDir()
	versions := map[string][]string{}
	for _, m := range mods {
		src := t.TempDir()
		for name, text := range m.Files {
			p := filepath.Join(src, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		escaped, err := module.EscapePath(m.Path)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(proxy, escaped, "@v")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		base := filepath.Join(dir, m.Version)
		f, err := os.Create(base + ".zip")
		if err != nil {
			t.Fatal(err)
		}
		if err := zip.CreateFromDir(f, module.Version{Path: m.Path, Version: m.Version}, src); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if err := os.WriteFile(base+".mod", []byte(m.Files["go.mod"]), 0o644); err != nil {
			t.Fatal(err)
		}
		info := `{"Version":"` + m.Version + `","Time":"2026-01-01T00:00:00Z"}`
		if err := os.WriteFile(base+".info", []byte(info), 0o644); err != nil {
			t.Fatal(err)
		}
		versions[dir] = append(versions[dir], m.Version)
	}
	for dir, vs := range versions {
		if err := os.WriteFile(filepath.Join(dir, "list"), []byte(strings.Join(vs, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return []string{
		"GOPROXY=file://" + filepath.ToSlash(proxy),
		"GOSUMDB=off",
		"GOMODCACHE=" + t.TempDir(),
		"GOFLAGS=-mod=mod -modcacherw",
		"GOTOOLCHAIN=local",
	}
}
