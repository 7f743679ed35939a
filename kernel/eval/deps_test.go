package eval

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies keeps the evaluation core independent of the library
// it serves: the packages cells import come through Options.
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
	for _, dep := range deps {
		switch dep {
		case "github.com/gornn/gornn/rnn", "github.com/gornn/gornn/kernel/symbols":
			t.Errorf("kernel/eval depends on %s", dep)
		}
	}
}
