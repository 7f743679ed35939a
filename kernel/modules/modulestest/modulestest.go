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
// database. It skips the test when the go command is missing. The
// environment also makes the kernel interpret fetched packages
// (GORNN_MODULES=interp, see kernel/modules.ModeVar): a test of
// compiled plugins, which take a minute to build cold, sets it itself.
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
		"GORNN_MODULES=interp",
	}
}

// Greet is the set of modules the tests of fetching publish: greet
// (package example.com/greet, and example.com/greet/fib, a CPU-bound
// function) needs words, a module of its own, at v1.0.0; words v1.1.0
// says "hi" instead of "hello", to see which version was loaded; modern
// uses the builtin max (Go 1.21), which the interpreter lacks; native
// needs cgo.
var Greet = []Module{
	{Path: "example.com/words", Version: "v1.0.0", Files: map[string]string{
		"go.mod":   "module example.com/words\n\ngo 1.21\n",
		"words.go": "package words\n\n// Hello is a greeting.\nfunc Hello() string { return \"hello\" }\n",
	}},
	{Path: "example.com/words", Version: "v1.1.0", Files: map[string]string{
		"go.mod":   "module example.com/words\n\ngo 1.21\n",
		"words.go": "package words\n\n// Hello is a greeting.\nfunc Hello() string { return \"hi\" }\n",
	}},
	{Path: "example.com/greet", Version: "v0.1.0", Files: map[string]string{
		"go.mod":     "module example.com/greet\n\ngo 1.21\n\nrequire example.com/words v1.0.0\n",
		"greet.go":   "package greet\n\nimport \"example.com/words\"\n\n// To greets name.\nfunc To(name string) string { return words.Hello() + \", \" + name }\n",
		"fib/fib.go": "package fib\n\n// Fib is the n-th Fibonacci number.\nfunc Fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn Fib(n-1) + Fib(n-2)\n}\n",
	}},
	{Path: "example.com/modern", Version: "v1.0.0", Files: map[string]string{
		"go.mod":    "module example.com/modern\n\ngo 1.21\n",
		"modern.go": "package modern\n\n// Max is the larger of a and b.\nfunc Max(a, b int) int { return max(a, b) }\n",
	}},
	{Path: "example.com/native", Version: "v1.0.0", Files: map[string]string{
		"go.mod":    "module example.com/native\n\ngo 1.21\n",
		"native.go": "package native\n\n// #include <stdlib.h>\nimport \"C\"\n\n// Rand calls C's rand.\nfunc Rand() int { return int(C.rand()) }\n",
	}},
}
