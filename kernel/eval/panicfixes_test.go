package eval

import (
	"strings"
	"testing"
)

// panicCase is a cell program and the value its last cell shows. The
// first cell imports errors, fmt, io, io/fs, runtime, strings and sync, and declares
// note, which appends to the slice out.
type panicCase struct {
	name  string
	cells []string
	want  string
}

func runPanicCases(t *testing.T, tests []panicCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, append([]string{"import (\n\t\"errors\"\n\t\"fmt\"\n\t\"runtime\"\n\t\"io\"\n\t\"io/fs\"\n\t\"strings\"\n\t\"sync\"\n)\nvar _, _, _, _, _, _, _ = fmt.Sprint, errors.New, runtime.GC, strings.Repeat, io.EOF, fs.ErrNotExist, sync.NewCond\nvar out []int\nfunc note(n int) { out = append(out, n) }"}, tt.cells...)...)
			if r.Err != nil {
				t.Fatalf("last cell: %v\n%s", r.Err, strings.Join(r.Err.Traceback, "\n"))
			}
			if got := text(r); got != tt.want {
				t.Errorf("value = %s, want %s", got, tt.want)
			}
		})
	}
}

// A named result starts every call at its zero value, also when the
// caller stores the results in the same variables each time.
func TestNamedResultsStartAtZero(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"defined in a loop", []string{
			"func add(x int) (n int) {\n\tn += x\n\treturn n\n}",
			"func sum() string {\n\ts := \"\"\n\tfor _, x := range []int{1, 2, 3} {\n\t\tn := add(x)\n\t\ts += fmt.Sprint(n)\n\t}\n\treturn s\n}",
			"sum()"}, "123"},
		{"assigned, two results", []string{
			"func two(x int) (n int, err error) {\n\tn += x\n\tif err == nil {\n\t\terr = fmt.Errorf(\"e%d\", n)\n\t}\n\treturn\n}",
			"func sum() string {\n\tvar n int\n\tvar err error\n\ts := \"\"\n\tfor _, x := range []int{1, 2} {\n\t\tn, err = two(x)\n\t\ts += fmt.Sprint(n, err)\n\t}\n\treturn s\n}",
			"sum()"}, "1 e12 e2"},
		{"recovered panic", []string{
			"func parse(xs []int) (n int, err error) {\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\terr = fmt.Errorf(\"%v\", r)\n\t\t}\n\t}()\n\tfor _, x := range xs {\n\t\tif x < 0 {\n\t\t\tpanic(\"negative\")\n\t\t}\n\t\tn += x\n\t}\n\treturn n, nil\n}",
			"func all() string {\n\ts := \"\"\n\tfor _, xs := range [][]int{{1, 2}, {4, -1}} {\n\t\tn, err := parse(xs)\n\t\ts += fmt.Sprint(n, err, \";\")\n\t}\n\treturn s\n}",
			"all()"}, "3 <nil>;4 negative;"},
		{"function literal, blank and grouped names", []string{
			"func lit() string {\n\tf := func(x int) (a, b int, _ string) {\n\t\ta += x\n\t\tb += 2 * x\n\t\treturn\n\t}\n\ts := \"\"\n\tfor i := 1; i <= 2; i++ {\n\t\ta, b, _ := f(i)\n\t\ts += fmt.Sprint(a, b)\n\t}\n\treturn s\n}",
			"lit()"}, "1 22 4"},
	})
}

// A type switch's case error matches values of compiled error types,
// as r.(error) does.
func TestCaseErrorMatchesCompiledErrors(t *testing.T) {
	classify := "func classify(r any) string {\n\tswitch v := r.(type) {\n\tcase nil:\n\t\treturn \"nil\"\n\tcase error:\n\t\tvar err error = v\n\t\treturn \"error \" + err.Error()\n\tdefault:\n\t\treturn fmt.Sprint(\"other \", v)\n\t}\n}"
	runPanicCases(t, []panicCase{
		{"errors.New", []string{classify, `classify(errors.New("boom"))`}, "error boom"},
		{"fmt.Errorf", []string{classify, `classify(fmt.Errorf("w: %w", errors.New("in")))`}, "error w: in"},
		{"not an error", []string{classify, `classify(3)`}, "other 3"},
		{"nil", []string{classify, `classify(nil)`}, "nil"},
		{"recovered", []string{classify, "func try() (s string) {\n\tdefer func() { s = classify(recover()) }()\n\tpanic(errors.New(\"thrown\"))\n}", "try()"}, "error thrown"},
		{"in a list of types", []string{"func kind(r any) string {\n\tswitch r.(type) {\n\tcase int, error:\n\t\treturn \"int or error\"\n\t}\n\treturn \"other\"\n}", `kind(errors.New("x")) + " " + kind("s")`}, "int or error other"},
	})
}

// A runtime error that the interpreter raises in reflect's words is
// recovered as Go's runtime.Error.
func TestRecoveredRuntimeErrors(t *testing.T) {
	recoverText := "func try(f func()) (s string) {\n\tdefer func() {\n\t\tr := recover()\n\t\t_, rt := r.(runtime.Error)\n\t\ts = fmt.Sprint(rt, \" \", r)\n\t}()\n\tf()\n\treturn\n}"
	runPanicCases(t, []panicCase{
		{"nil pointer", []string{"type pe struct{ msg string }", recoverText, "try(func() {\n\tvar p *pe\n\t_ = p.msg\n})"}, "true runtime error: invalid memory address or nil pointer dereference"},
		{"index", []string{recoverText, "try(func() {\n\txs := []int{1}\n\ti := 3\n\t_ = xs[i]\n})"}, "true runtime error: index out of range [3] with length 1"},
		{"a string panic stays", []string{recoverText, "try(func() { panic(\"mine\") })"}, "false mine"},
		{"an error panic stays", []string{recoverText, "try(func() { panic(errors.New(\"mine\")) })"}, "false mine"},
	})
}
