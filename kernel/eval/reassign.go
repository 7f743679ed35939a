package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"strings"
)

// The interpreter gives a global a new slot each time `x := e` or
// `var x = e` runs again, and functions compiled by earlier cells keep
// reading the old slot: after re-running `data := load()`, a function
// declared earlier would still see the old data, and after re-running
// `var m = map[string]int{}` it would go on writing to the old map. When
// every name a definition declares is already a global, the definition is
// first tried as an assignment through temporaries of the definition's
// own types,
//
//	x, y := e1, e2   ->  func() { t1, t2 := e1, e2; x, y = t1, t2 }()
//	var x T = e      ->  func() { var t1 T = e; x = t1 }()
//
// which updates the slots those functions read, and compiles only when
// the new value has the type the variable has (or one assignable to it):
// `x := 2` after `x := 1.5` does not compile as an assignment of an int to
// a float64, and the cell then runs with the definition as written. A
// global defined anew that way, and a constant defined again, are then
// new slots: the functions of earlier cells that use them are compiled
// again (recompileUsers), or, when they no longer compile, named.

// reassignEdits returns, for each cell-level definition that qualifies,
// the edits that turn it into an assignment through temporaries. A
// top-level var declaration that qualifies becomes a statement.
func reassignEdits(pieces []*piece, globals map[string]reflect.Value) map[*piece][]edit {
	out := map[*piece][]edit{}
	// A top-level var that becomes a statement runs before the cell's
	// declarations after it, so one that uses what the cell declares
	// stays a declaration, evaluated with them.
	declared := map[string]bool{}
	for _, p := range pieces {
		if p.Kind != chunkDecl {
			continue
		}
		switch d := p.decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				declared[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch sp := spec.(type) {
				case *ast.TypeSpec:
					declared[sp.Name.Name] = true
				case *ast.ValueSpec:
					for _, id := range sp.Names {
						declared[id.Name] = true
					}
				}
			}
		}
	}
	usesDeclared := func(gd *ast.GenDecl) bool {
		vs := gd.Specs[0].(*ast.ValueSpec)
		own := map[string]bool{}
		for _, id := range vs.Names {
			own[id.Name] = true
		}
		for name := range identsIn(gd) {
			if declared[name] && !own[name] {
				return true
			}
		}
		return false
	}
	n := 0
	temps := func(names []*ast.Ident) (string, bool) {
		var ts []string
		for _, id := range names {
			if _, isGlobal := globals[id.Name]; !isGlobal || id.Name == "_" {
				return "", false
			}
			n++
			ts = append(ts, fmt.Sprintf("__gornnRe%d", n))
		}
		return strings.Join(ts, ", "), true
	}
	names := func(ids []*ast.Ident) string {
		var ns []string
		for _, id := range ids {
			ns = append(ns, id.Name)
		}
		return strings.Join(ns, ", ")
	}
	for _, p := range pieces {
		switch {
		case p.stmt != nil:
			if as, ok := p.stmt.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				var ids []*ast.Ident
				for _, l := range as.Lhs {
					id, ok := l.(*ast.Ident)
					if !ok {
						ids = nil
						break
					}
					ids = append(ids, id)
				}
				if len(ids) == 0 || len(as.Rhs) == 0 || isMinMaxCall(as.Rhs[0]) {
					continue
				}
				ts, ok := temps(ids)
				if !ok {
					continue
				}
				out[p] = []edit{
					{Off: p.off(as.Pos()), End: p.off(as.Rhs[0].Pos()), Text: "func() { " + ts + " := "},
					{Off: p.off(as.End()), End: p.off(as.End()), Text: "; " + names(ids) + " = " + ts + " }()"},
				}
				continue
			}
			if ds, ok := p.stmt.(*ast.DeclStmt); ok {
				if es := varEdits(p, ds.Decl.(*ast.GenDecl), temps, names); es != nil {
					out[p] = es
				}
			}
		case p.Kind == chunkDecl:
			gd, ok := p.decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			if gd.Tok != token.VAR || len(gd.Specs) != 1 || usesDeclared(gd) {
				continue
			}
			if es := varEdits(p, gd, temps, names); es != nil {
				out[p] = es
			}
		}
	}
	return out
}

// varEdits returns the edits for a var declaration of one spec.
func varEdits(p *piece, gd *ast.GenDecl, temps func([]*ast.Ident) (string, bool), names func([]*ast.Ident) string) []edit {
	if gd.Tok != token.VAR || gd.Lparen.IsValid() || len(gd.Specs) != 1 {
		return nil
	}
	vs := gd.Specs[0].(*ast.ValueSpec)
	if len(vs.Values) == 1 && isMinMaxCall(vs.Values[0]) {
		return nil
	}
	ts, ok := temps(vs.Names)
	if !ok {
		return nil
	}
	return []edit{
		{Off: p.off(gd.Pos()), End: p.off(vs.Names[len(vs.Names)-1].End()), Text: "func() { var " + ts},
		{Off: p.off(gd.End()), End: p.off(gd.End()), Text: "; " + names(vs.Names) + " = " + ts + " }()"},
	}
}

// isMinMaxCall reports whether x calls min or max, which the rewrite of
// definitions from min and max replaces as a whole statement.
func isMinMaxCall(x ast.Expr) bool {
	c, ok := x.(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := c.Fun.(*ast.Ident)
	return ok && (id.Name == "min" || id.Name == "max")
}

// definedNames returns the names a piece defines at cell level: variables
// and constants.
func definedNames(p *piece) []string {
	var out []string
	specs := func(gd *ast.GenDecl) {
		if gd.Tok != token.VAR && gd.Tok != token.CONST {
			return
		}
		for _, spec := range gd.Specs {
			for _, id := range spec.(*ast.ValueSpec).Names {
				if id.Name != "_" {
					out = append(out, id.Name)
				}
			}
		}
	}
	if gd, ok := p.decl.(*ast.GenDecl); ok {
		specs(gd)
	}
	switch st := p.stmt.(type) {
	case *ast.DeclStmt:
		specs(st.Decl.(*ast.GenDecl))
	case *ast.AssignStmt:
		if st.Tok == token.DEFINE {
			for _, l := range st.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
					out = append(out, id.Name)
				}
			}
		}
	}
	return out
}
