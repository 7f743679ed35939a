package eval

import (
	"testing"

	"github.com/gornn/gornn/internal/depstest"
)

// TestDependencies keeps the evaluation core independent of the library
// it serves: the packages cells import come through Options.
func TestDependencies(t *testing.T) {
	depstest.Forbid(t, "github.com/gornn/gornn/rnn", "github.com/gornn/gornn/kernel/symbols")
}
