package eval

import (
	"sync"
	"testing"

	"github.com/gornn/gornn/display"
)

// Rich output published by a cell reaches Options.Display and
// Options.ClearOutput.
func TestDisplayRouting(t *testing.T) {
	var mu sync.Mutex
	var got []display.Data
	var cleared []bool
	s := newSession(t, Options{
		Display:     func(d display.Data) { mu.Lock(); got = append(got, d); mu.Unlock() },
		ClearOutput: func(wait bool) { mu.Lock(); cleared = append(cleared, wait); mu.Unlock() },
	})
	r := run(t, s, "import \"github.com/gornn/gornn/display\"",
		"display.HTML(\"<b>hi</b>\")\ndisplay.ClearOutput(true)")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || got[0].Data["text/html"] != "<b>hi</b>" {
		t.Errorf("published %+v, want one HTML bundle", got)
	}
	if len(cleared) != 1 || !cleared[0] {
		t.Errorf("ClearOutput calls %v, want [true]", cleared)
	}
}

// A type declared by a cell is shown through its String method when the
// display package renders it.
func TestDisplayCellTypeMethods(t *testing.T) {
	var mu sync.Mutex
	var got []display.Data
	s := newSession(t, Options{Display: func(d display.Data) { mu.Lock(); got = append(got, d); mu.Unlock() }})
	r := run(t, s, "import \"github.com/gornn/gornn/display\"",
		"type Badge struct{ label string }\nfunc (b Badge) String() string { return \"<\" + b.label + \">\" }",
		"display.Display(Badge{\"new\"})")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || got[0].Data["text/plain"] != "<new>" {
		t.Errorf("displayed %+v, want the String of the cell type", got)
	}
}
