package eval

import (
	"encoding/json"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/traefik/yaegi/stdlib"

	"github.com/gornn/gornn/kernel/gocheck"
	"github.com/gornn/gornn/kernel/symbols"
)

// TestBundledNotebookTypeChecks checks that the checker follows every
// cell of the bundled notebook and finds nothing wrong with it.
func TestBundledNotebookTypeChecks(t *testing.T) {
	raw, err := os.ReadFile("../../notebooks/mnist_rnn.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Type   string          `json:"cell_type"`
			Source json.RawMessage `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatal(err)
	}
	tables := gocheck.Tables{}
	for _, tb := range []gocheck.Tables{stdlib.Symbols, symbols.Symbols} {
		for k, v := range tb {
			tables[k] = v
		}
	}
	c := gocheck.ForTables(tables)
	for i, cell := range nb.Cells {
		if cell.Type != "code" {
			continue
		}
		var lines []string
		if json.Unmarshal(cell.Source, &lines) != nil {
			var s string
			json.Unmarshal(cell.Source, &s)
			lines = []string{s}
		}
		code := strings.Join(lines, "")
		code, _ = stripPackageClause(code)
		pieces, err := parseCell(token.NewFileSet(), code)
		if err != nil {
			t.Fatalf("cell %d: %v", i, err)
		}
		var parts []gocheck.Part
		for _, p := range pieces {
			parts = append(parts, gocheck.Part{Kind: gocheck.Kind(p.Kind), Start: p.Start, End: p.End})
		}
		if r := c.Check(code, parts); r.Undecided != "" || len(r.Errors) > 0 {
			t.Errorf("cell %d: %+v\n%s", i, r, code)
		}
	}
}
