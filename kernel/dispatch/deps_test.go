package dispatch

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies keeps the dispatcher below the layers it serves: it
// must build without the rendering library and the numerics under it.
func TestDependencies(t *testing.T) {
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
	forbidden := []string{"github.com/gornn/gornn/display", "gonum.org/"}
	for _, dep := range deps {
		for _, f := range forbidden {
			if dep == f || strings.HasPrefix(dep, f) {
				t.Errorf("kernel/dispatch depends on %s", dep)
			}
		}
	}
}
