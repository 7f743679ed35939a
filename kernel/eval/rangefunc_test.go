package eval

import (
	"go/token"
	"go/types"
	"testing"
)

// seqKnowledge types the names seq (an iterator of ints) and seq2 (of
// string and int pairs) wherever a cell uses them.
type seqKnowledge struct {
	fakeKnowledge
	src string
}

func iterOf(params ...types.Type) types.Type {
	var vars []*types.Var
	for _, p := range params {
		vars = append(vars, types.NewParam(token.NoPos, nil, "", p))
	}
	yield := types.NewSignatureType(nil, nil, nil, types.NewTuple(vars...),
		types.NewTuple(types.NewParam(token.NoPos, nil, "", types.Typ[types.Bool])), false)
	return types.NewSignatureType(nil, nil, nil, types.NewTuple(types.NewParam(token.NoPos, nil, "yield", yield)), nil, false)
}

func (k seqKnowledge) typeOf(start, end int) (types.Type, bool) {
	switch k.src[start:end] {
	case "seq":
		return iterOf(types.Typ[types.Int]), true
	case "seq2":
		return iterOf(types.Typ[types.String], types.Typ[types.Int]), true
	}
	return nil, false
}

func (k seqKnowledge) typeText(start, end int) (string, bool) {
	t, ok := k.typeOf(start, end)
	if !ok {
		return "", false
	}
	return k.writeType(t)
}

func (k seqKnowledge) writeType(t types.Type) (string, bool) { return types.TypeString(t, nil), true }

func (k seqKnowledge) generic(start, end int) bool { return false }

func TestRewriteRangeOverFunc(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"break and continue", "for x := range seq { if x > 2 { break }; continue }",
			"func() { { var __gornnCtl1 int; _ = __gornnCtl1; (seq)(func(x int) bool {  if x > 2 { return false }; return true ; return true }); } }()"},
		{"two values, assigned", "for k, v = range seq2 {}",
			"{ var __gornnCtl1 int; _ = __gornnCtl1; (seq2)(func(__gornnYield2 string, __gornnYield3 int) bool { k = __gornnYield2; v = __gornnYield3; ; return true }); }"},
		{"break of a plain loop inside stays", "for x := range seq { for { break } }",
			"func() { { var __gornnCtl1 int; _ = __gornnCtl1; (seq)(func(x int) bool {  for { break } ; return true }); } }()"},
		{"continue of an outer loop", "outer:\nfor i := 0; i < 3; i++ {\n\tfor x := range seq { continue outer }\n}",
			"func() { outer:\nfor i := 0; i < 3; i++ {\n\t{ var __gornnCtl1 int; _ = __gornnCtl1; (seq)(func(x int) bool {  { __gornnCtl1 = 1; return false } ; return true }); if __gornnCtl1 == 1 { continue outer }; }\n} }()"},
		{"nested loops over functions", "L:\nfor x := range seq {\n\tfor y := range seq { break L }\n}",
			"func() { { var __gornnCtl1 int; _ = __gornnCtl1; (seq)(func(x int) bool { \n\t{ var __gornnCtl2 int; _ = __gornnCtl2; (seq)(func(y int) bool {  { __gornnCtl2 = 1; return false } ; return true }); if __gornnCtl2 == 1 { return false }; }\n; return true }); } }()"},
		{"return of values", "func f() (int, error) {\n\tfor x := range seq { return x, nil }\n\treturn 0, nil\n}",
			"func f() (int, error) {\n\t__gornnAt := 0; __gornn.CheckStack(&__gornnAt); var __gornnRet2 int; var __gornnRet3 error; { var __gornnCtl1 int; _ = __gornnCtl1; (seq)(func(x int) bool {  { __gornnRet2, __gornnRet3 = x, nil; { __gornnCtl1 = 1; return false } } ; return true }); if __gornnCtl1 == 1 { return __gornnRet2, __gornnRet3 }; }\n\treturn 0, nil\n}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pieces, err := parseCell(token.NewFileSet(), tt.src)
			if err != nil {
				t.Fatalf("parseCell: %v", err)
			}
			got := applyEdits(tt.src, rewriteCell(tt.src, pieces, seqKnowledge{src: tt.src})).Text
			if got != tt.want {
				t.Errorf("rewrite of %q\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}
