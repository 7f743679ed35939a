package eval

import (
	"go/ast"
	"go/token"
)

// continueEdits puts each continue statement that is a statement of a
// select's case in a block of its own. The interpreter carries on after
// the select instead of continuing the loop when a case's own statement
// list holds the continue; inside a block, or an if, it continues.
func continueEdits(pieces []*piece) []edit {
	var edits []edit
	for _, p := range pieces {
		var root ast.Node = p.decl
		if p.stmt != nil {
			root = p.stmt
		}
		if root == nil {
			continue
		}
		ast.Inspect(root, func(n ast.Node) bool {
			cc, ok := n.(*ast.CommClause)
			if !ok {
				return true
			}
			for _, st := range cc.Body {
				if br, ok := st.(*ast.BranchStmt); ok && br.Tok == token.CONTINUE {
					edits = append(edits,
						edit{Off: p.off(br.Pos()), End: p.off(br.Pos()), Text: "{ "},
						edit{Off: p.off(br.End()), End: p.off(br.End()), Text: " }"})
				}
			}
			return true
		})
	}
	return edits
}
