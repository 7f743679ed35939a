// Package depstest lets a package's tests say which packages it must not
// depend on, so that the layers of the kernel stay apart.
package depstest

import (
	"os/exec"
	"strings"
	"testing"
)

// Forbid fails t when the package in the test's directory depends, directly
// or not, on a package whose import path is one of forbidden or starts
// with one that ends in "/". It skips when the go command is missing.
func Forbid(t *testing.T, forbidden ...string) {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not installed:", err)
	}
	out, err := exec.Command(goCmd, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps listed only %q", deps)
	}
	for _, dep := range deps {
		for _, f := range forbidden {
			if dep == f || (strings.HasSuffix(f, "/") && strings.HasPrefix(dep, f)) {
				t.Errorf("the package depends on %s", dep)
			}
		}
	}
}
