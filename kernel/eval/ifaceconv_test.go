package eval

import (
	"context"
	"go/token"
	"strings"
	"testing"
)

// ifaceTypes declares the types of the interface tests: HE and SL with
// an Error method on the value, PE on the pointer, MyErr a named string,
// SS a fmt.Stringer, MR an io.Reader and Errer an interface of a cell.
const ifaceTypes = "type HE struct { Code int; Err error }\n" +
	"func (e HE) Error() string { return fmt.Sprint(\"he \", e.Code) }\n" +
	"type PE struct { Code int }\n" +
	"func (e *PE) Error() string { return fmt.Sprint(\"pe \", e.Code) }\n" +
	"type MyErr string\n" +
	"func (e MyErr) Error() string { return \"my \" + string(e) }\n" +
	"type SL []int\n" +
	"func (s SL) Error() string { return fmt.Sprint(\"sl \", len(s)) }\n" +
	"type SS struct { N int }\n" +
	"func (s SS) String() string { return fmt.Sprint(\"ss \", s.N) }\n" +
	"type Errer interface { Error() string }\n" +
	"func mk(c int) HE { return HE{Code: c} }\n" +
	"func heChan(c int) chan HE { ch := make(chan HE, 1); ch <- HE{Code: c}; return ch }\n" +
	"type MR struct { n int }\n" +
	"func (m MR) Read(p []byte) (int, error) { return m.n, io.EOF }"

// TestIfaceConversions gives values of cells' types that become error or
// fmt.Stringer by a conversion, an assignment or a var, in functions and
// at a cell's level, the value Go gives them: printed by fmt through
// their method, and their method callable.
func TestIfaceConversions(t *testing.T) {
	runPanicCases(t, []panicCase{
		// Literals assigned to a variable of the interface.
		{"assigned literal", []string{ifaceTypes, "func f() string { var e error; e = HE{Code: 1}; return fmt.Sprint(e, \"/\", e.Error()) }", "f()"}, "he 1/he 1"},
		{"assigned literal, cell level", []string{ifaceTypes, "var e error; e = HE{Code: 14}", "fmt.Sprint(e, \"/\", e.Error())"}, "he 14/he 14"},
		{"assigned literal, one cell", []string{ifaceTypes, "var e error; e = HE{Code: 14}; s := fmt.Sprint(e, \"/\", e.Error()); s"}, "he 14/he 14"},
		{"global assigned in a function", []string{ifaceTypes, "var g error\nfunc f() { g = HE{Code: 12} }", "f()\nfmt.Sprint(g, \"/\", g.Error())"}, "he 12/he 12"},
		{"assigned in a later cell", []string{ifaceTypes, "var e error", "e = HE{Code: 5}", "fmt.Sprint(e, \"/\", e.Error())"}, "he 5/he 5"},
		{"var with a literal", []string{ifaceTypes, "func f() string { var e4 error = HE{Code: 4}; return fmt.Sprint(e4, \"/\", e4.Error()) }", "f()"}, "he 4/he 4"},
		{"var with a literal, cell level", []string{ifaceTypes, "var e15 error = HE{Code: 15}", "fmt.Sprint(e15, \"/\", e15.Error())"}, "he 15/he 15"},
		{"two vars with literals", []string{ifaceTypes, "func f() string { var a, b error = HE{Code: 19}, HE{Code: 20}; return fmt.Sprint(a, b, \"/\", a.Error(), b.Error()) }", "f()"}, "he 19 he 20/he 19he 20"},
		{"two assigned", []string{ifaceTypes, "func f() string { var e, e2 error; e, e2 = HE{Code: 30}, HE{Code: 31}; return fmt.Sprint(e, e2, \"/\", e.Error()) }", "f()"}, "he 30 he 31/he 30"},
		{"named result", []string{ifaceTypes, "func f() (e error) { e = HE{Code: 56}; return }", "fmt.Sprint(f())"}, "he 56"},
		{"assigned, then returned", []string{ifaceTypes, "func f() error { var e error; e = HE{Code: 65}; return e }", "f().Error()"}, "he 65"},
		{"assigned, compared with nil", []string{ifaceTypes, "func f() bool { var e error; e = HE{Code: 22}; return e != nil }", "f()"}, "true"},
		{"a named slice's literal", []string{ifaceTypes, "func f() string { var e error; e = SL{1, 2}; return fmt.Sprint(e, \"/\", e.Error()) }", "f()"}, "sl 2/sl 2"},
		{"a named slice's literal, cell level", []string{ifaceTypes, "var e error = SL{1, 2, 3}", "e.Error()"}, "sl 3"},
		{"a generic type's literal", []string{ifaceTypes, "type Box[T any] struct{ v T }\nfunc (b Box[T]) Error() string { return fmt.Sprint(\"box \", b.v) }", "var eb error = Box[int]{7}", "fmt.Sprint(eb)"}, "box 7"},
		{"in a generic function", []string{ifaceTypes, "type Box[T any] struct{ v T }\nfunc (b Box[T]) Error() string { return fmt.Sprint(\"box \", b.v) }", "func g[T any](v T) string { var e error = Box[T]{v}; return fmt.Sprint(e, \"/\", error(Box[T]{v}).Error()) }", "g(\"x\")"}, "box x/box x"},
		// Conversions, whatever the operand.
		{"converted literal", []string{ifaceTypes, "func f() string { var e error; e = error(HE{Code: 2}); return fmt.Sprint(e, \"/\", e.Error()) }", "f()"}, "he 2/he 2"},
		{"converted literal in a var", []string{ifaceTypes, "func f() string { var e error = error(HE{Code: 3}); return e.Error() }", "f()"}, "he 3"},
		{"converted literal, defined", []string{ifaceTypes, "func f() string { e := error(HE{Code: 17}); return fmt.Sprint(e, \"/\", e.Error()) }", "f()"}, "he 17/he 17"},
		{"converted literal, cell level", []string{ifaceTypes, "e13 := error(HE{Code: 13})", "fmt.Sprint(e13, \"/\", e13.Error())"}, "he 13/he 13"},
		{"converted literal, cell level var", []string{ifaceTypes, "var e16 error = error(HE{Code: 16})", "e16.Error()"}, "he 16"},
		{"converted variable", []string{ifaceTypes, "func f() string { h := HE{Code: 20}; e := error(h); return fmt.Sprint(e, \"/\", e.Error()) }", "f()"}, "he 20/he 20"},
		{"converted call", []string{ifaceTypes, "func f() string { e := error(mk(23)); return e.Error() }", "f()"}, "he 23"},
		{"converted argument", []string{ifaceTypes, "func show(e error) string { return e.Error() }\nfunc f() string { return show(error(HE{Code: 27})) }", "f()"}, "he 27"},
		{"converted result", []string{ifaceTypes, "func f() error { return error(HE{Code: 29}) }", "f().Error()"}, "he 29"},
		{"converted in append", []string{ifaceTypes, "func f() string { var es []error; es = append(es, error(HE{Code: 21})); return fmt.Sprint(es[0]) }", "f()"}, "he 21"},
		{"converted named string", []string{ifaceTypes, "func f() string { e := error(MyErr(\"43\")); return fmt.Sprint(e, \"/\", e.Error()) }", "f()"}, "my 43/my 43"},
		{"converted named string, cell level", []string{ifaceTypes, "e60 := error(MyErr(\"60\"))", "e60.Error()"}, "my 60"},
		{"converted pointer", []string{ifaceTypes, "func f() string { e := error(&PE{Code: 48}); return fmt.Sprint(e, \"/\", e.Error()) }", "f()"}, "pe 48/pe 48"},
		{"converted to fmt.Stringer", []string{ifaceTypes, "func f() string { s := fmt.Stringer(SS{N: 40}); return fmt.Sprint(s, \"/\", s.String()) }", "f()"}, "ss 40/ss 40"},
		{"converted to fmt.Stringer, cell level", []string{ifaceTypes, "s := fmt.Stringer(SS{N: 41})", "s.String()"}, "ss 41"},
		{"converted to io.Reader", []string{ifaceTypes, "func f() string { r := io.Reader(MR{3}); n, err := r.Read(nil); return fmt.Sprint(n, err) }", "f()"}, "3 EOF"},
		// Receives from a channel of a cell's type.
		{"received into a variable", []string{ifaceTypes, "func f() string { var e error; e = <-heChan(7); return fmt.Sprint(e, \"/\", e.Error()) }", "f()"}, "he 7/he 7"},
		{"received into a var", []string{ifaceTypes, "func f() string { var e error = <-heChan(4); return fmt.Sprint(e) }", "f()"}, "he 4"},
		{"received into a field", []string{ifaceTypes, "type W struct{ E error }\nfunc f() string { var w W; w.E = <-heChan(1); return w.E.Error() }", "f()"}, "he 1"},
		{"received into a map", []string{ifaceTypes, "func f() string { m := map[int]error{}; m[0] = <-heChan(3); return m[0].Error() }", "f()"}, "he 3"},
		{"received and returned", []string{ifaceTypes, "func f() error { return <-heChan(6) }", "f().Error()"}, "he 6"},
		{"received as a fmt.Stringer", []string{ifaceTypes, "func f() string { ch := make(chan SS, 1); ch <- SS{N: 7}; var s fmt.Stringer; s = <-ch; return fmt.Sprint(s, \"/\", s.String()) }", "f()"}, "ss 7/ss 7"},
		{"received as an io.Reader", []string{ifaceTypes, "func f() string { ch := make(chan MR, 1); ch <- MR{4}; var r io.Reader; r = <-ch; n, err := r.Read(nil); return fmt.Sprint(n, err) }", "f()"}, "4 EOF"},
		{"received, cell level", []string{ifaceTypes, "var e error\ne = <-heChan(8)", "e.Error()"}, "he 8"},
		// Forms that worked already, and are left as they are.
		{"variable assigned", []string{ifaceTypes, "func f() string { h := HE{Code: 18}; var e error; e = h; return fmt.Sprint(e, \"/\", e.Error()) }", "f()"}, "he 18/he 18"},
		{"call assigned", []string{ifaceTypes, "func f() string { var e error; e = mk(21); return fmt.Sprint(e, \"/\", e.Error()) }", "f()"}, "he 21/he 21"},
		{"literal returned", []string{ifaceTypes, "func f() error { return HE{Code: 28} }", "f().Error()"}, "he 28"},
		{"literal passed", []string{ifaceTypes, "func show(e error) string { return fmt.Sprint(e) }", "show(HE{Code: 24})"}, "he 24"},
		{"pointer literal assigned", []string{ifaceTypes, "func f() string { var e error; e = &PE{Code: 46}; return fmt.Sprint(e, \"/\", e.Error()) }", "f()"}, "pe 46/pe 46"},
		{"literal as a fmt.Stringer", []string{ifaceTypes, "func f() string { var s fmt.Stringer = SS{N: 39}; return fmt.Sprint(s, \"/\", s.String()) }", "f()"}, "ss 39/ss 39"},
		{"literal as an io.Reader", []string{ifaceTypes, "func f() string { var r io.Reader = MR{5}; n, err := r.Read(nil); return fmt.Sprint(n, err) }", "f()"}, "5 EOF"},
		{"literal in a cell's interface", []string{ifaceTypes, "func f() string { var e Errer; e = HE{Code: 51}; return e.Error() }", "f()"}, "he 51"},
	})
}

// TestIfaceConversionsRewrite checks which forms the rewrite touches: the
// ones the interpreter gets wrong, and no other.
func TestIfaceConversionsRewrite(t *testing.T) {
	// Each wrapped value ends so; no cell of the table has it otherwise.
	const wrap = "}[0]"
	tests := []struct {
		name, cell string
		want       []string // the wrapped texts; none: untouched
	}{
		{"assigned literal", "func f() { var e error; e = HE{Code: 1}; _ = e }",
			[]string{"e = []error{HE{Code: 1}}[0]"}},
		{"var at cell level", "var e error = HE{Code: 2}",
			[]string{"var e error = []error{HE{Code: 2}}[0]"}},
		{"conversion keeps its type", "e := error(HE{Code: 3})",
			[]string{"error([]error{HE{Code: 3}}[0])"}},
		{"conversion of a pointer", "e := error(&PE{Code: 3})",
			[]string{"error([]error{&PE{Code: 3}}[0])"}},
		{"conversion to fmt.Stringer", "s := fmt.Stringer(SS{})",
			[]string{"fmt.Stringer([]fmt.Stringer{SS{}}[0])"}},
		{"receive returned", "func f() error { return <-heChan(1) }",
			[]string{"return []error{<-heChan(1)}[0]"}},
		{"in a parallel assignment", "func f() { var e error; var x int; switch e, x = (HE{}), 1; x { case 1: e, x = HE{}, 1 } }",
			[]string{"case 1: { var __gornnPar1 error = []error{HE{}}[0]; var __gornnPar2 int = 1; e = __gornnPar1; x = __gornnPar2 }"}},
		{"variable assigned", "func f(h HE) { var e error; e = h; _ = e }", nil},
		{"call assigned", "func f() { var e error = mk(1); _ = e }", nil},
		{"literal returned", "func f() error { return HE{} }", nil},
		{"literal passed", "func f(e error) {}\nfunc g() { f(HE{}) }", nil},
		{"literal stored in a field", "type W struct{ E error }\nfunc f() { var w W; w.E = HE{}; _ = w }", nil},
		{"literal in a slice", "func f() { _ = []error{HE{}} }", nil},
		{"parenthesized literal", "func f() { var e error; e = (HE{}); _ = e }", nil},
		{"pointer literal", "func f() { var e error; e = &PE{}; _ = e }", nil},
		{"to a cell's interface", "func f() { var e Errer; e = HE{}; _ = e }", nil},
		{"literal to fmt.Stringer", "func f() { var s fmt.Stringer; s = SS{}; _ = s }", nil},
		{"literal to io.Reader", "var r io.Reader = MR{}", nil},
		{"to the empty interface", "func f() { var x any; x = HE{}; _ = x }", nil},
		{"conversion to a cell's interface", "e := Errer(HE{})", nil},
		{"conversion to any", "x := any(HE{})", nil},
		{"conversion of a compiled error", "e := error(fmt.Errorf(\"x\"))", nil},
		{"conversion to a cell's type", "h := HE(HE{})", nil},
		{"conversion of nil", "e := error(nil)", nil},
		{"literal of a cell's type", "h := HE{}", nil},
		{"call of a generic function", "func wrapE[T error](v T) error { return v }\ne := wrapE(HE{})\ne2 := wrapE[HE](HE{})", nil},
		{"call of a method", "func (h HE) As() error { return h }\nfunc f(h HE) error { return h.As() }", nil},
	}
	s := newSession(t, Options{})
	run(t, s, "import (\n\t\"fmt\"\n\t\"io\"\n)", ifaceTypes)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rewrittenInSession(t, s, tt.cell)
			if n := strings.Count(got, wrap); n != len(tt.want) {
				t.Errorf("%d wrapped values, want %d, in\n%s", n, len(tt.want), got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
		})
	}
}

// TestIfaceConversionsPositions checks that a panic inside a value the
// rewrite wraps is reported at its place in the cell.
func TestIfaceConversionsPositions(t *testing.T) {
	tests := []struct {
		name, cell string
		line, col  int
	}{
		{"conversion", "e := error(HE{Code: xs[2]})", 1, 21},
		{"assigned literal", "var e error\ne = HE{\n\tCode: xs[3]}", 3, 8},
		{"var with a literal", "x := 1\nvar e error = SL{x, xs[1]}", 2, 21},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, "import (\n\t\"fmt\"\n\t\"io\"\n)", ifaceTypes, "var xs []int", tt.cell)
			if r.Err == nil || r.Err.Name != "Panic" {
				t.Fatalf("got %+v, want an index panic", r.Err)
			}
			if r.Err.Line != tt.line || r.Err.Column != tt.col {
				t.Errorf("at %d:%d, want %d:%d\n%s", r.Err.Line, r.Err.Column, tt.line, tt.col, strings.Join(r.Err.Traceback, "\n"))
			}
		})
	}
}

// rewrittenInSession type-checks cell in s, as the session does before
// it runs a cell, and returns the cell's text after the rewriter's edits.
func rewrittenInSession(t *testing.T, s *Session, cell string) string {
	t.Helper()
	pieces, err := parseCell(token.NewFileSet(), cell)
	if err != nil {
		t.Fatalf("parseCell: %v", err)
	}
	if _, e := s.checkCell(context.Background(), cell, pieces); e != nil {
		t.Fatalf("check: %v", e)
	}
	if s.cellTypes.types == nil {
		t.Fatalf("the checker could not follow the cell: %s", s.cellTypes.undecided)
	}
	return applyEdits(cell, rewriteCell(cell, pieces, s)).Text
}
