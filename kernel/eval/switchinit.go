package eval

import "go/ast"

// switchInit moves the init statement of an expression switch whose tag
// is not a name into a block around the switch:
//
//	switch x := f(); x + 1 { ... }  ->  { x := f(); switch x + 1 { ... } }
//
// The interpreter evaluates such a tag before the init statement runs
// (the first call of a function saw x as zero, later ones the x of the
// call before), so the switch took the wrong case. A label stays on the
// switch, inside the block.
func (rw *rewriter) switchInit(p *piece, sw *ast.SwitchStmt, label *ast.LabeledStmt) {
	if sw.Init == nil || sw.Tag == nil {
		return
	}
	if _, isName := sw.Tag.(*ast.Ident); isName {
		return
	}
	head := "switch "
	from := sw.Switch
	if label != nil {
		head = rw.text(p, label.Label) + ": " + head
		from = label.Pos()
	}
	rw.add(p, from, sw.Init.Pos(), "{ ")
	rw.add(p, sw.Init.End(), sw.Tag.Pos(), "; "+head)
	rw.add(p, sw.Body.Rbrace+1, sw.Body.Rbrace+1, " }")
}
