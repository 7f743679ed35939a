package autoimport

import (
	"fmt"
	"strings"
)

// Doc renders the index as the Markdown page docs/autoimport.md: which
// short name a cell may use without importing, and the path it resolves
// to.
func Doc(ix *Index) string {
	var b strings.Builder
	b.WriteString(`# Imports that add themselves

A cell may use a package without importing it: ` + "`t0 := time.Now()`" + ` or
` + "`sess := rnn.NewSession()`" + ` imports time or gornn's rnn first, as goimports would.
A name counts as a package when the cell selects from it (` + "`X.Sel`" + `) and declares
no X itself (a variable, parameter, function, type or import named X shadows the
package), and no earlier cell defined or imported X. Explicit imports, with
aliases such as ` + "`import input_data \"github.com/gornn/gornn/rnn/mnist\"`" + `, keep
working and win.

When several packages have the name, the names the cell selects decide
(` + "`rand.IntN`" + ` is math/rand/v2's, ` + "`rand.Intn`" + ` math/rand's); when several still fit,
the cell gets an error listing them, and an explicit import settles it.

This page is generated from the kernel's symbol tables by
` + "`go test ./kernel/autoimport -run TestDoc -update`" + `.

| name | resolves to |
| --- | --- |
`)
	for _, name := range ix.Names() {
		paths := ix.Paths(name)
		cell := "`" + paths[0] + "`"
		if len(paths) > 1 {
			quoted := make([]string, len(paths))
			for i, p := range paths {
				quoted[i] = "`" + p + "`"
			}
			cell = "one of " + strings.Join(quoted, ", ") + ", by the names used"
		}
		fmt.Fprintf(&b, "| `%s` | %s |\n", name, cell)
	}
	return b.String()
}
