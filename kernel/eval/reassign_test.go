package eval

import (
	"strings"
	"testing"
)

// TestRedefinedGlobalsReachEarlierFunctions re-runs definitions that
// functions of earlier cells use: each function sees the new value, or
// the cell's error (and the function's panic) names it.
func TestRedefinedGlobalsReachEarlierFunctions(t *testing.T) {
	tests := []struct {
		name    string
		cells   []string
		want    string // the last cell's value
		wantErr string // or a part of its error
	}{
		{"untyped constant with :=", []string{"a := 1", "func readA() int { return a }", "a := 3", "fmt.Sprint(a, readA())"}, "3 3", ""},
		{"untyped constant keeps its own type", []string{"c := 1.5", "func readC() float64 { return c }", "c := 3\n_ = 0", "fmt.Sprintf(\"%T\", c)"}, "int", ""},
		{"var of a map", []string{"var m = map[string]int{}", "func put(k string) { m[k] = 1 }", "put(\"old\")", "var m = map[string]int{}", "put(\"x\")\nlen(m)"}, "1", ""},
		{"map with :=", []string{"counts := map[string]int{}", "func count(w string) { counts[w]++ }", "count(\"a\")", "counts := map[string]int{}", "count(\"b\")\nlen(counts)"}, "1", ""},
		{"var of a slice with its type", []string{"var xs []int = []int{1}", "func first() int { return xs[0] }", "var xs []int = []int{7}", "first()"}, "7", ""},
		{"var without a value is zero again", []string{"var total int", "func add() { total++ }", "add()", "var total int", "add()\ntotal"}, "1", ""},
		{"var after a statement", []string{"var n = 1", "func readN() int { return n }", "_ = 0\nvar n = 5", "readN()"}, "5", ""},
		{"var using a function declared after it", []string{"var cfg = mk()\nfunc mk() int { return 1 }", "func readCfg() int { return cfg }", "var cfg = mk()\nfunc mk() int { return 2 }", "fmt.Sprint(cfg, readCfg())"}, "2 2", ""},
		{"struct of a cell type", []string{"type P struct{ X int }", "var p = P{1}", "func px() int { return p.X }", "var p = P{5}", "px()"}, "5", ""},
		{"two at once", []string{"u, w := 1, \"a\"", "func uw() string { return fmt.Sprint(u, w) }", "u, w := 2, \"b\"", "uw()"}, "2b", ""},
		{"constant defined again", []string{"const k = 1", "func rk() int { return k }", "const k = 2", "rk()"}, "2", ""},
		{"other type, still compiles", []string{"v := 1", "func show() string { return fmt.Sprint(v) }", "v := \"text\"", "show()"}, "text", ""},
		{"other type is named", []string{"v := 1", "func rv() int { return v }", "v := \"s\""}, "", "v was redefined, and rv (a function of an earlier cell) no longer compiles"},
		{"function of the old type panics saying so", []string{"v := 1", "func rv() int { return v }", "v := []int{}\n_ = 0", "rv()"}, "", "rv was compiled against an earlier definition of v"},
		{"result type changed is named", []string{"func f() int { return 1 }", "func g() int { return f() }", "func f() string { return \"a\" }"}, "", "f was redefined, and g (a function of an earlier cell) no longer compiles"},
		{"several callers are named", []string{"func f() int { return 1 }", "func g() int { return f() }\nfunc h() int { return g() + f() }", "func f() string { return \"a\" }"}, "", "f was redefined, and g, h (functions of earlier cells) no longer compile"},
		{"parameter type changed is named", []string{"func f(n int) int { return n }", "func g() int { return f(1) }", "func f(s string) int { return len(s) }"}, "", "f was redefined, and g (a function of an earlier cell) no longer compiles"},
		{"caller of a changed function panics saying so", []string{"func f() int { return 1 }", "func g() int { return f() }", "func f() string { return \"a\" }\n_ = 0", "g()"}, "", "g was compiled against an earlier definition of f"},
		{"caller of a broken caller panics saying so", []string{"func f() int { return 1 }", "func g() int { return f() }", "func k() int { return g() + 1 }", "func f() string { return \"a\" }\n_ = 0", "k()"}, "", "g was compiled against an earlier definition of f"},
		{"changed back, the caller works again", []string{"func f() int { return 1 }", "func g() int { return f() + 1 }", "func f() string { return \"a\" }\n_ = 0", "func f() int { return 5 }", "g()"}, "6", ""},
		{"package name defined after its import", []string{"import \"fmt\"", "fmt := \"x\"", "import \"fmt\"\nfmt.Sprint(1)"}, "", `fmt is defined by an earlier cell and hides the package "fmt"`},
		{"package name defined before its import", []string{"fmt := \"x\"", "import \"fmt\"\nfmt.Sprint(1)"}, "", `fmt is defined by an earlier cell and hides the package "fmt"`},
		{"package name defined by a function", []string{"func strings() int { return 1 }", "strings.Fields(\"a b\")"}, "", "strings.Fields undefined (type func() int"},
		{"shadowed package under another name", []string{"fmt := \"x\"", "import fmt2 \"fmt\"\nfmt2.Sprint(1, fmt)"}, "1x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			var r *Result
			for i, c := range tt.cells {
				r = s.Execute(t.Context(), c)
				last := i == len(tt.cells)-1
				if r.Err != nil && !last && !strings.Contains(c, "_ = 0") {
					t.Fatalf("cell %q: %v", c, r.Err)
				}
			}
			if tt.wantErr != "" {
				if r.Err == nil || !strings.Contains(r.Err.Message, tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", r.Err, tt.wantErr)
				}
				return
			}
			if r.Err != nil {
				t.Fatalf("last cell: %v", r.Err)
			}
			if got := text(r); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
