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

// tagless rewrites the cases of a switch without a tag that list several
// conditions into one condition:
//
//	switch { case a, b: ... }  ->  switch { case (a) || (b): ... }
//
// The interpreter tried the first condition of such a case alone. Go
// tries them in order up to the first that holds, as || does.
func (rw *rewriter) tagless(p *piece, sw *ast.SwitchStmt) {
	if sw.Tag != nil {
		return
	}
	for _, s := range sw.Body.List {
		cc, ok := s.(*ast.CaseClause)
		if !ok || len(cc.List) < 2 {
			continue
		}
		first, last := cc.List[0], cc.List[len(cc.List)-1]
		rw.add(p, first.Pos(), first.Pos(), "(")
		for i := 1; i < len(cc.List); i++ {
			rw.add(p, cc.List[i-1].End(), cc.List[i].Pos(), ") || (")
		}
		rw.add(p, last.End(), last.End(), ")")
	}
}
