package eval

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/gornn/gornn/kernel/gocheck"
)

// constKnowledge answers, from the cell's type check, the value and type
// of a constant the cell defines, by the byte range of its name.
type constKnowledge interface {
	constValue(start, end int) (constant.Value, types.Type, bool)
	writeType(t types.Type) (string, bool)
}

func (s *Session) constValue(start, end int) (constant.Value, types.Type, bool) {
	v, ok := s.cellTypes.consts[gocheck.Span{Start: start, End: end}]
	if !ok {
		return nil, nil, false
	}
	t, ok := s.typeOf(start, end)
	return v, t, ok
}

// typedConstDecl writes each constant of a cell's type in a const
// declaration with its value, as go/types computed it:
//
//	const (
//		Active Status = iota + 1   ->   Active Status = 1
//		Suspended                  ->   Suspended Status = 2
//	)
//
// For Go the two mean the same, but the interpreter gives a constant of a
// cell's type whose value is an expression (iota + 1, 1 << iota,
// "r" + "ed") a representation its own variables do not share: after
// x := Suspended, x == Suspended was false. It reports whether it
// rewrote the declaration; the line breaks of each constant's text stay,
// so that positions after it do not move.
func (rw *rewriter) typedConstDecl(p *piece, d *ast.GenDecl) bool {
	ck, ok := rw.know.(constKnowledge)
	if d.Tok != token.CONST || !ok {
		return false
	}
	var edits []edit
	for _, s := range d.Specs {
		vs, ok := s.(*ast.ValueSpec)
		if !ok {
			continue
		}
		var names, values []string
		typ := ""
		cellTyped := false
		for _, n := range vs.Names {
			v, t, ok := ck.constValue(p.off(n.Pos()), p.off(n.End()))
			if !ok {
				return false
			}
			lit, ok := constLiteral(v)
			if !ok {
				return false
			}
			if isCellNamed(t) {
				cellTyped = true
			}
			if typ, ok = ck.writeType(t); !ok {
				return false
			}
			names, values = append(names, n.Name), append(values, lit)
		}
		if !cellTyped {
			continue
		}
		old := rw.src[p.off(vs.Pos()):p.off(vs.End())]
		text := strings.Join(names, ", ") + " " + typ + " = " + strings.Join(values, ", ") + strings.Repeat("\n", strings.Count(old, "\n"))
		edits = append(edits, edit{Off: p.off(vs.Pos()), End: p.off(vs.End()), Text: text})
	}
	rw.edits = append(rw.edits, edits...)
	return len(edits) > 0
}

// constLiteral writes a constant's value as a literal, when it can.
func constLiteral(v constant.Value) (string, bool) {
	switch v.Kind() {
	case constant.Bool, constant.String, constant.Int:
		return v.ExactString(), true
	case constant.Float:
		f, _ := constant.Float64Val(v)
		return strconv.FormatFloat(f, 'g', -1, 64), true
	}
	return "", false
}
