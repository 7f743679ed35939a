package eval

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestRuntimeErrors: a panic names the statement that failed, in Go's
// words, with a traceback of the cells' frames, innermost first. Cells
// run in a fresh session, so the first is In [1].
func TestRuntimeErrors(t *testing.T) {
	tests := []struct {
		name      string
		cells     []string // all but the last must succeed
		msg       string
		line, col int      // in the last cell
		frames    []string // the traceback's frame lines
	}{
		{"index of a slice", []string{"xs := []int{1, 2, 3}\ni := 5\ny := 1\n_ = y + xs[i]"},
			"runtime error: index out of range [5] with length 3", 4, 9,
			[]string{"main.main()", "\tcell:4:9\t_ = y + xs[i]"}},
		{"negative index", []string{"xs := []int{1, 2, 3}\ni := -1\n_ = xs[i+0]"},
			"runtime error: index out of range [-1]", 3, 5,
			[]string{"main.main()", "\tcell:3:5\t_ = xs[i+0]"}},
		{"index of an array", []string{"var a [3]int\ni := 5\n_ = a[i]"},
			"runtime error: index out of range [5] with length 3", 3, 5, nil},
		{"index of a string", []string{"s := \"abc\"\ni := 3\n_ = s[i]"},
			"runtime error: index out of range [3] with length 3", 3, 5, nil},
		{"index in a loop of the cell", []string{"xs := []int{1, 2, 3}\nfor i := 0; i < 5; i++ {\n\t_ = xs[i]\n}"},
			"runtime error: index out of range [3] with length 3", 3, 2, // checked before the statement
			[]string{"main.main()", "\tcell:3:2\t_ = xs[i]"}},
		{"slice past the capacity", []string{"xs := make([]int, 3)\nn := 5\nys := xs[:n]\n_ = ys"},
			"runtime error: slice bounds out of range [:5] with capacity 3", 3, 7, nil},
		{"slice with low above high", []string{"xs := make([]int, 3)\nlo, hi := 2, 1\n_ = xs[lo:hi]"},
			"runtime error: slice bounds out of range [2:1]", 3, 5, nil},
		{"slice of a string", []string{"s := \"abc\"\nn := 5\n_ = s[:n]"},
			"runtime error: slice bounds out of range [:5] with length 3", 3, 5, nil},
		{"nil map", []string{"var m map[string]int\ny := 1\nm[\"a\"] = y"},
			"assignment to entry in nil map", 3, 1, []string{"main.main()", "\tcell:3:1\tm[\"a\"] = y"}},
		{"nil pointer", []string{"type P struct{ X int }\nvar p *P\ny := 1\n_ = y + p.X"},
			"runtime error: invalid memory address or nil pointer dereference", 4, 1, nil},
		{"divide by zero", []string{"z := 0\ny := 1\n_ = y / z"},
			"runtime error: integer divide by zero", 3, 1, nil},
		{"interface conversion", []string{"var v any = \"s\"\ny := 1\n_ = y + v.(int)"},
			"interface conversion: interface {} is string, not int", 3, 1, nil},
		{"panic with a string", []string{"y := 1\n_ = y\npanic(\"boom\")"}, "boom", 3, 1, nil},
		{"panic with an error", []string{"import \"fmt\"\ny := 1\npanic(fmt.Errorf(\"bad %d\", y))"}, "bad 1", 3, 1, nil},
		{"panic with an error type of a cell",
			[]string{"type myErr struct{ code int }\nfunc (e myErr) Error() string { return fmt.Sprint(\"code \", e.code) }\ny := 1\npanic(myErr{y})"},
			"code 1", 4, 1, nil},
		{"panic with a Stringer of a cell",
			[]string{"type name string\nfunc (n name) String() string { return \"name \" + string(n) }", "panic(name(\"x\"))"},
			"name x", 1, 1, nil},
		{"in a function of an earlier cell",
			[]string{"func at(xs []int, i int) int {\n\tx := 1\n\treturn xs[i] + x\n}", "y := 1\n_ = at([]int{1}, 3) + y"},
			"runtime error: index out of range [3] with length 1", 2, 1,
			[]string{"main.at(...)", "\tIn [1]:3:2\treturn xs[i] + x", "main.main()", "\tcell:2:1\t_ = at([]int{1}, 3) + y"}},
		{"in a function called by a function",
			[]string{"func inner(m map[string]int) {\n\tn := len(m)\n\tm[\"k\"] = n\n}", "func outer() {\n\tvar m map[string]int\n\tinner(m)\n}", "y := 1\n_ = y\nouter()"},
			"assignment to entry in nil map", 3, 1,
			[]string{"main.inner(...)", "\tIn [1]:3:2\tm[\"k\"] = n", "main.outer(...)", "\tIn [2]:3:2\tinner(m)", "main.main()", "\tcell:3:1\touter()"}},
		{"in a function of the same cell",
			[]string{"func div(a, b int) int {\n\tc := a\n\treturn c / b\n}\ny := 1\n_ = div(y, 0)"},
			"runtime error: integer divide by zero", 3, 2,
			[]string{"main.div(...)", "\tcell:3:2\treturn c / b", "main.main()", "\tcell:6:1\t_ = div(y, 0)"}},
		{"in a closure",
			[]string{"func each(xs []int, f func(int)) {\n\tfor _, x := range xs {\n\t\tf(x)\n\t}\n}",
				"var p *struct{ X int }\neach([]int{1, 2}, func(x int) {\n\tif x == 2 {\n\t\tp.X = x\n\t}\n})"},
			"runtime error: invalid memory address or nil pointer dereference", 4, 3,
			[]string{"main.func(...)", "\tcell:4:3\tp.X = x", "main.each(...)", "\tIn [1]:3:3\tf(x)", "main.main()", "\tcell:2:1\teach([]int{1, 2}, func(x int) {"}},
		{"after a recursive call returned",
			[]string{"func walk(n int) {\n\tif n == 0 {\n\t\treturn\n\t}\n\twalk(n - 1)\n\tvar m map[int]int\n\tm[n] = 1\n}", "walk(2)"},
			"assignment to entry in nil map", 1, 1,
			[]string{"main.walk(...)", "\tIn [1]:7:2\tm[n] = 1", "main.walk(...)", "\tIn [1]:5:2\twalk(n - 1)", "main.main()", "\tcell:1:1\twalk(2)"}},
		{"in a loop the session runs in a function literal",
			[]string{"for i := 0; i < 2; i++ {\n\ta, b := i, 0\n\t_ = a / b\n}"},
			"runtime error: integer divide by zero", 3, 2, nil},
		{"after a call returned in the same statement",
			[]string{"func five() int {\n\tn := 5\n\treturn n\n}", "xs := []int{1}\n_ = xs[five()]"},
			"runtime error: index out of range", 2, 1, // five() is not read again
			[]string{"main.main()", "\tcell:2:1\t_ = xs[five()]"}},
		{"after a panic the cell recovered",
			[]string{"func safe() {\n\tdefer func() { recover() }()\n\tvar m map[int]int\n\tm[1] = 1\n}", "safe()\nz := 0\n_ = 1 / z"},
			"runtime error: integer divide by zero", 3, 1,
			[]string{"main.main()", "\tcell:3:1\t_ = 1 / z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, tt.cells...)
			if r.Err == nil || r.Err.Name != "Panic" {
				t.Fatalf("error %v, want a panic", r.Err)
			}
			e := r.Err
			tb := strings.Join(e.Traceback, "\n")
			if e.Message != tt.msg || e.Line != tt.line || e.Column != tt.col {
				t.Errorf("got %q at %d:%d, want %q at %d:%d\n%s", e.Message, e.Line, e.Column, tt.msg, tt.line, tt.col, tb)
			}
			if e.Traceback[0] != "panic: "+tt.msg {
				t.Errorf("traceback starts %q, want %q", e.Traceback[0], "panic: "+tt.msg)
			}
			if tt.frames != nil {
				var frames []string
				for _, l := range e.Traceback {
					if strings.HasPrefix(l, "main.") || strings.HasPrefix(l, "\t") {
						frames = append(frames, l)
					}
				}
				if strings.Join(frames, "\n") != strings.Join(tt.frames, "\n") {
					t.Errorf("frames\n%s\nwant\n%s", strings.Join(frames, "\n"), strings.Join(tt.frames, "\n"))
				}
			}
			// The last cell's failing line is quoted, with a caret.
			last := tt.cells[len(tt.cells)-1]
			src := strings.Split(last, "\n")[tt.line-1]
			if n := len(e.Traceback); n < 2 || e.Traceback[n-2] != "    "+src {
				t.Errorf("the traceback does not end quoting line %d %q:\n%s", tt.line, src, tb)
			}
		})
	}
}

// A goroutine's panic, reported on stderr, is in Go's words too.
func TestPlainPanicText(t *testing.T) {
	tests := []struct {
		value any
		want  string
	}{
		{"reflect: slice index out of range", "runtime error: index out of range"},
		{"reflect.Value.Slice: slice index out of bounds", "runtime error: slice bounds out of range"},
		{"reflect: call of reflect.Value.Field on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
		{errors.New("4:9: interface conversion: interface {} is string, not int"), "interface conversion: interface {} is string, not int"},
		{reflect.ValueOf("boom"), "boom"},
		{42, "42"},
	}
	for _, tt := range tests {
		if got := plainPanicText(tt.value); got != tt.want {
			t.Errorf("plainPanicText(%#v) = %q, want %q", tt.value, got, tt.want)
		}
	}
}
