package eval

import (
	"strings"
	"testing"
)

// TestParallelAssigns gives assignments of several values, one of them to
// a variable of an interface type, Go's results, in functions and at a
// cell's level.
func TestParallelAssigns(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"int, then error", []string{"func f() string { var x int; var e error; x, e = 1, errors.New(\"a\"); return fmt.Sprint(x, e) }", "f()"}, "1 a"},
		{"error, then int", []string{"func f() string { var e error; var x int; e, x = errors.New(\"a\"), 1; return fmt.Sprint(e, x) }", "f()"}, "a 1"},
		{"nil to an error", []string{"func f() string { var e error; var x int; e, x = nil, 1; return fmt.Sprint(e, x) }", "f()"}, "<nil> 1"},
		{"nil to any", []string{"func f() string { var a any; var x int; a, x = nil, 2; return fmt.Sprint(a, x) }", "f()"}, "<nil> 2"},
		{"a cell's error literal", []string{ifaceTypes, "func f() string { var e error; var x int; e, x = HE{Code: 30}, 1; return fmt.Sprint(e, x, \"/\", e.Error()) }", "f()"}, "he 30 1/he 30"},
		{"a cell's pointer", []string{ifaceTypes, "func f() string { var e error; var x int; e, x = &PE{Code: 2}, 3; return fmt.Sprint(e, x) }", "f()"}, "pe 2 3"},
		{"a blank", []string{ifaceTypes, "func f() string { var e error; e, _ = <-heChan(3), 7; return e.Error() }", "f()"}, "he 3"},
		{"values first, then the variables", []string{ifaceTypes, "func f() string { var e error; x := 3; e, x = HE{Code: x}, x+1; return fmt.Sprint(e, x) }", "f()"}, "he 3 4"},
		{"in a case", []string{"func f() string { var e error; var x int; for i := 0; i < 3; i++ { switch i { case 1: x, e = i, fmt.Errorf(\"e%d\", i) } }; return fmt.Sprint(x, e) }", "f()"}, "1 e1"},
		{"cell level", []string{"var e error\nvar x int", "e, x = errors.New(\"b\"), 2", "fmt.Sprint(e, x)"}, "b 2"},
		{"cell level, one cell", []string{ifaceTypes, "var e error; var x int; e, x = HE{Code: 5}, 6; s := fmt.Sprint(e, x); s"}, "he 5 6"},
		{"two errors swapped", []string{"func f() string { a, b := errors.New(\"a\"), errors.New(\"b\"); a, b = b, a; return fmt.Sprint(a, b) }", "f()"}, "b a"},
	})
}

// TestParallelAssignsRewrite checks which statements the rewrite
// touches.
func TestParallelAssignsRewrite(t *testing.T) {
	tests := []struct {
		name, cell, want string // want "": untouched
	}{
		{"int and error", "func f() { var x int; var e error; x, e = 1, errors.New(\"a\"); _, _ = x, e }",
			"{ var __gornnPar1 int = 1; var __gornnPar2 error = errors.New(\"a\"); x = __gornnPar1; e = __gornnPar2 }"},
		{"a blank", "func f() { var e error; e, _ = nil, 1; _ = e }",
			"{ var __gornnPar1 error = nil; _ = 1; e = __gornnPar1 }"},
		{"with a wrapped literal", "func f() { var e error; var x int; e, x = HE{}, 1; _, _ = e, x }",
			"{ var __gornnPar1 error = []error{HE{}}[0]; var __gornnPar2 int = 1; e = __gornnPar1; x = __gornnPar2 }"},
		{"cell level", "var e error; var x int; e, x = nil, 1",
			"{ var __gornnPar1 error = nil; var __gornnPar2 int = 1; e = __gornnPar1; x = __gornnPar2 }"},
		{"no interface", "func f() { a, b := 1, 2; a, b = b, a; _, _ = a, b }", ""},
		{"interfaces only", "func f() { a, b := errors.New(\"a\"), errors.New(\"b\"); a, b = b, a; _, _ = a, b }", ""},
		{"a field", "type W struct{ E error }\nfunc f() { var w W; var x int; w.E, x = nil, 1; _, _ = w, x }", ""},
		{"an if's own statement", "func f() { var e error; var x int; if e, x = nil, 1; x > 0 { _ = e } }", ""},
		{"a definition", "func f() { e, x := errors.New(\"a\"), 1; _, _ = e, x }", ""},
		{"one value", "func f() { var e error; e = nil; _ = e }", ""},
	}
	s := newSession(t, Options{})
	run(t, s, "import (\n\t\"errors\"\n\t\"fmt\"\n\t\"io\"\n)\nvar _ = errors.New", ifaceTypes)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rewrittenInSession(t, s, tt.cell)
			n := strings.Count(got, "__gornnPar")
			switch {
			case tt.want == "" && n > 0:
				t.Errorf("rewritten:\n%s", got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Errorf("no %q in\n%s", tt.want, got)
			}
		})
	}
}
