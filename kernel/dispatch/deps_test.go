package dispatch

import (
	"testing"

	"github.com/gornn/gornn/internal/depstest"
)

// TestDependencies keeps the dispatcher below the layers it serves: it
// must build without the rendering library and the numerics under it.
func TestDependencies(t *testing.T) {
	depstest.Forbid(t, "github.com/gornn/gornn/display", "gonum.org/")
}
