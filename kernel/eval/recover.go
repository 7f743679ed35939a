package eval

import (
	"go/ast"
	"reflect"
)

// recoveredFn unwraps what the builtin recover returns; see recovered.
const recoveredFn = rtAlias + ".Recovered"

// recovered undoes a wrapping of the interpreter: a value that
// interpreted code panics with comes back from recover as the
// reflect.Value that held it, so that the type assertions and type
// switches of recovering code (r.(string), r.(parseError), case *MyErr)
// never matched. Everything else, runtime errors of the Go runtime
// included, comes back as it was thrown.
func recovered(v any) any {
	if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		return rv.Interface()
	}
	return v
}

// recoverEdits makes every call of the builtin recover in the pieces go
// through recovered: recover() becomes __gornn.Recovered(recover()),
// which still calls recover directly from the deferred function, as it
// must. A cell or session that defines its own recover is left alone.
func (s *Session) recoverEdits(pieces []*piece) []edit {
	var calls []edit
	shadowed := false
	for _, p := range pieces {
		var root ast.Node = p.decl
		if p.stmt != nil {
			root = p.stmt
		}
		if root == nil {
			continue
		}
		ast.Inspect(root, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "recover" && len(n.Args) == 0 {
					calls = append(calls,
						edit{Off: p.off(n.Pos()), End: p.off(n.Pos()), Text: recoveredFn + "("},
						edit{Off: p.off(n.End()), End: p.off(n.End()), Text: ")"})
				}
			case *ast.Ident:
				// Any other use of the name: a declaration of recover,
				// or a reference to one.
				if n.Name == "recover" {
					shadowed = shadowed || !isRecoverCall(root, n)
				}
			}
			return true
		})
	}
	if len(calls) == 0 || shadowed || s.defined("recover") {
		return nil
	}
	return calls
}

// isRecoverCall reports whether id is the function of a call without
// arguments in root.
func isRecoverCall(root ast.Node, id *ast.Ident) bool {
	found := false
	ast.Inspect(root, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && c.Fun == id && len(c.Args) == 0 {
			found = true
		}
		return !found
	})
	return found
}
