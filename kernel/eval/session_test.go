package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
)

func newSession(t testing.TB, opts Options) *Session {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// run executes cells in order and returns the last result; earlier cells
// must succeed.
func run(t *testing.T, s *Session, cells ...string) *Result {
	t.Helper()
	var r *Result
	for i, c := range cells {
		r = s.Execute(context.Background(), c)
		if i < len(cells)-1 && r.Err != nil {
			t.Fatalf("cell %q: %v", c, r.Err)
		}
	}
	return r
}

func text(r *Result) string {
	if r.Value == nil {
		return "<no value>"
	}
	s, _ := r.Value.Data["text/plain"].(string)
	return s
}

func TestExecuteValues(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"expression", []string{"1 + 2"}, "3"},
		{"mixed cell", []string{"x := 20\nimport \"strings\"\nfunc twice(n int) int { return 2 * n }\ntwice(x) + len(strings.Fields(\"a b\"))"}, "42"},
		{"state across cells", []string{"a := 5", "b := a * 3", "b"}, "15"},
		{"multi-value call", []string{"import \"strconv\"", "strconv.Atoi(\"12\")"}, "12 <nil>"},
		{"fmt.Println shows no value", []string{"import \"fmt\"", "fmt.Println(\"printed\")"}, "<no value>"},
		{"fmt.Sprint does", []string{"import \"fmt\"", "fmt.Sprint(\"shown\")"}, "shown"},
		{"statement gives nothing", []string{"y := 1"}, "<no value>"},
		{"declaration gives nothing", []string{"func f() {}"}, "<no value>"},
		{"call without results just runs", []string{"n := 0", "func bump() { n++ }", "bump()", "n"}, "1"},
		{"compiled call without results", []string{"import \"runtime\"", "runtime.GC()"}, "<no value>"},
		{"nil", []string{"var e error", "e"}, "<nil>"},
		{"string", []string{"\"go\" + \"pher\""}, "gopher"},
		{"struct of a cell type", []string{"type P struct{ X, Y int }", "P{1, 2}"}, "{1 2}"},
		{"var after statement sees it", []string{"k := 3\nvar k2 = k * 2\nk2"}, "6"},
		{"import twice is fine", []string{"import \"fmt\"", "import \"fmt\"\nfmt.Sprint(7)"}, "7"},
		{"range over int", []string{"s := 0\nfor i := range 5 { s += i }\ns"}, "10"},
		{"range over int variable", []string{"var n int64 = 3", "t := int64(0)\nfor i := range n { t += i }\nt"}, "3"},
		{"loop variable per iteration", []string{"var fs []func() int\nfor i := 0; i < 3; i++ {\n\tfs = append(fs, func() int { return i })\n}\nfs[0]()*100 + fs[1]()*10 + fs[2]()"}, "12"},
		{"range variable per iteration", []string{"var gs []func() string\nfor _, w := range []string{\"a\", \"b\"} {\n\tgs = append(gs, func() string { return w })\n}\ngs[0]() + gs[1]()"}, "ab"},
		{"multi-value definition in a cell-level loop", []string{"import \"strconv\"", "total := 0\nfor i := 0; i < 3; i++ {\n\tn, err := strconv.Atoi(\"2\")\n\tif err == nil {\n\t\ttotal += n\n\t}\n}\ntotal"}, "6"},
		{"redefinition with another type", []string{"v1 := []int{1}", "v1 := map[string]int{\"a\": 1}", "len(v1)"}, "1"},
		{"redefinition by a constant takes the constant's type", []string{"c1 := 1.5", "c1 := 3", "c1 / 2"}, "1"},
		{"redefinition seen by an earlier function", []string{"data := []int{1, 2}", "func size() int { return len(data) }", "data := make([]int, 5)", "size()"}, "5"},
		{"pasted program runs its main", []string{"package main\n\nimport \"fmt\"\n\nvar total int\n\nfunc main() {\n\ttotal = 7\n\tfmt.Println(\"hello\")\n}", "total"}, "7"},
		{"pasted program again", []string{"package main\nfunc main() { ran = 1 }\nvar ran int", "package main\nfunc main() { ran = 2 }\nvar ran int", "ran"}, "2"},
		{"min and max", []string{"min(3, 1, 2)*10 + max(4, 9)"}, "19"},
		{"min of floats", []string{"f := 2.5", "var m float64\nm = min(f, 1.5)\nm"}, "1.5"},
		{"new variable from max", []string{"f := 2.5", "best := max(1, f)\nbest / 2"}, "1.25"},
		{"clear", []string{"mm := map[string]int{\"a\": 1}\nclear(mm)\nlen(mm)"}, "0"},
		{"redefined func used by earlier caller", []string{"func base() int { return 1 }\nfunc caller() int { return base() * 10 }", "func base() int { return 2 }", "caller()"}, "20"},
		{"String method of a cell type", []string{"type Celsius struct{ deg float64 }\nfunc (c Celsius) String() string { return \"20°C\" }", "Celsius{20}"}, "20°C"},
		{"Error method of a cell type", []string{"type oops struct{ code int }\nfunc (o oops) Error() string { return \"oops!\" }", "oops{1}"}, "oops!"},
		{"identical type again is fine", []string{"type Q struct{ A int }", "type Q struct{ A int }\nQ{4}"}, "{4}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, tt.cells...)
			if r.Err != nil {
				t.Fatalf("last cell: %v\n%s", r.Err, strings.Join(r.Err.Traceback, "\n"))
			}
			if got := text(r); got != tt.want {
				t.Errorf("value = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExecuteErrors(t *testing.T) {
	tests := []struct {
		name      string
		setup     []string
		cell      string
		errName   string
		line, col int
		contains  string
	}{
		{"parse error", nil, "x := 1\ny := (2 +\n", "ParseError", 3, 1, ""},
		{"unbalanced", nil, "f(1,\n  2", "ParseError", 2, 4, "unclosed"},
		{"compile error first line", nil, "var q int = \"s\"", "CompileError", 1, 13, "cannot"},
		{"compile error later line", nil, "a := 1\n\n  a = \"s\"", "CompileError", 3, 7, "cannot"},
		{"compile error after rewritten loop", nil, "for i := range 3 { _ = i }\nundefinedName + 1", "CompileError", 2, 1, "undefined"},
		{"compile error on a rewritten line", nil, "for i := range 3 { _ = undefinedY + i }", "CompileError", 1, 24, "undefined: undefinedY"},
		{"compile error in a loop run as a function", []string{"import \"strconv\""}, "for i := 0; i < 2; i++ {\n\ta, b := strconv.Atoi(\"1\")\n\t_, _ = a, b\n\t_ = undefinedZ\n}", "CompileError", 4, 6, "undefined: undefinedZ"},
		{"compile error in declaration", nil, "import \"fmt\"\nfunc f() {\n\tfmt.Println(nope)\n}", "CompileError", 3, 14, "undefined: nope"},
		{"unknown import", nil, "import \"example.com/nope\"", "CompileError", 1, 8, "not available"},
		{"panic in statements", nil, "var xs []int\n_ = xs[3]", "Panic", 2, 5, "out of range"},
		{"panic in a cell function", nil, "func boom() {\n\tpanic(\"bang\")\n}\nboom()", "Panic", 2, 2, "bang"},
		{"panic in an earlier cell's function", []string{"func old() { panic(\"old\") }"}, "old()", "Panic", 1, 1, "old"},
		{"func main", nil, "func main() {}", "CompileError", 1, 6, "func main"},
		{"type redefinition", []string{"type R struct{ A int }"}, "type R struct{ A, B int }", "RedefinitionError", 1, 6, "type R"},
		{"method redefinition", []string{"type S int\nfunc (s S) M() int { return 1 }"}, "func (s S) M() int { return 2 }", "RedefinitionError", 1, 12, "S.M"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			run(t, s, append(tt.setup, "_ = 0")...)
			r := s.Execute(context.Background(), tt.cell)
			if r.Err == nil {
				t.Fatalf("no error, value %q", text(r))
			}
			e := r.Err
			if e.Name != tt.errName || e.Line != tt.line || e.Column != tt.col || !strings.Contains(e.Message, tt.contains) {
				t.Errorf("got %s at %d:%d %q, want %s at %d:%d containing %q\n%s",
					e.Name, e.Line, e.Column, e.Message, tt.errName, tt.line, tt.col, tt.contains, strings.Join(e.Traceback, "\n"))
			}
			if e.Line > 0 {
				srcLine := strings.Split(tt.cell, "\n")[e.Line-1]
				if len(e.Traceback) < 3 || !strings.Contains(e.Traceback[len(e.Traceback)-2], strings.TrimSpace(srcLine)) {
					t.Errorf("traceback does not quote line %d (%q):\n%s", e.Line, srcLine, strings.Join(e.Traceback, "\n"))
				}
			}
			var asErr error = e
			if !strings.Contains(asErr.Error(), tt.errName) {
				t.Errorf("Error() = %q does not name %s", asErr.Error(), tt.errName)
			}
		})
	}
}

func TestInterrupt(t *testing.T) {
	tests := []struct {
		name, cell string
	}{
		{"interpreted loop", "for { counter++; if counter == 1 { started.Now() } }"},
		{"sleep", "counter++\nstarted.Now()\ntime.Sleep(time.Hour)"},
		{"channel receive", "counter++\nstarted.Now()\n<-make(chan int)"},
		{"empty select", "counter++\nstarted.Now()\nselect {}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The cell says when it runs, through a compiled package, and
			// is interrupted then.
			ctx, cancel := context.WithCancel(context.Background())
			signal := interp.Exports{"example.com/started/started": {"Now": reflect.ValueOf(cancel)}}
			s := newSession(t, Options{Packages: signal})
			run(t, s, "import (\"time\"; \"example.com/started\")", "counter := 0")
			start := time.Now()
			r := s.Execute(ctx, tt.cell)
			if r.Err == nil || r.Err.Name != "Interrupted" {
				t.Fatalf("Execute = %+v, want Interrupted", r.Err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("interrupt took %v", d)
			}
			r = s.Execute(context.Background(), "counter > 0")
			if r.Err != nil || text(r) != "true" {
				t.Errorf("after interrupt: %v %q, want true", r.Err, text(r))
			}
		})
	}
}

// A cell whose last statement is a sleep that an interrupt cuts short is
// interrupted, though it ends by itself right after: the interpreter may
// see its end before the interrupt, and did say it ended well.
func TestInterruptedSleepEndsInterrupted(t *testing.T) {
	var cancel context.CancelFunc
	signal := interp.Exports{"example.com/started/started": {"Now": reflect.ValueOf(func() { cancel() })}}
	s := newSession(t, Options{Packages: signal})
	run(t, s, "import (\"time\"; \"example.com/started\")")
	for i := range 30 {
		ctx, stop := context.WithCancel(context.Background())
		cancel = stop
		r := s.Execute(ctx, "started.Now()\ntime.Sleep(time.Hour)")
		stop()
		if r.Err == nil || r.Err.Name != "Interrupted" {
			t.Fatalf("run %d: Execute = %+v, want Interrupted", i, r.Err)
		}
	}
}

func TestGoroutinePanicDoesNotKill(t *testing.T) {
	s := newSession(t, Options{})
	r := run(t, s, "done := make(chan bool)",
		"func crash(msg string, c chan bool) { defer close(c); panic(msg) }",
		"go crash(\"in goroutine\", done)\n<-done\n1")
	if r.Err != nil || text(r) != "1" {
		t.Fatalf("got %v %q", r.Err, text(r))
	}
	if r := s.Execute(context.Background(), "2"); text(r) != "2" {
		t.Errorf("session unusable after a goroutine panic: %v", r.Err)
	}
}

func TestStdin(t *testing.T) {
	var prompts int
	s := newSession(t, Options{Input: func(prompt string, password bool) (string, error) {
		prompts++
		return "hello world", nil
	}})
	r := run(t, s, "import (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n)",
		"line, err := bufio.NewReader(os.Stdin).ReadString('\\n')\nfmt.Sprintf(\"%q %v\", line, err)")
	if r.Err != nil || text(r) != `"hello world\n" <nil>` {
		t.Fatalf("bufio read: %v %q", r.Err, text(r))
	}
	r = run(t, s, "var a, b string\nfmt.Scanln(&a, &b)\na + \"+\" + b")
	if r.Err != nil || text(r) != "hello+world" {
		t.Fatalf("Scanln: %v %q", r.Err, text(r))
	}
	if prompts != 2 {
		t.Errorf("Input called %d times, want 2", prompts)
	}

	// Without a front end that takes input, a cell reads the end of its
	// input, as a program run with `< /dev/null` does.
	for _, tt := range []struct {
		name  string
		input func(string, bool) (string, error)
	}{
		{"no Input", nil},
		{"Input without a front end", func(string, bool) (string, error) { return "", ErrNoStdin }},
		{"front end refuses input", func(string, bool) (string, error) {
			return "", fmt.Errorf("input: allow_stdin is false: %w", io.EOF)
		}},
	} {
		s = newSession(t, Options{Input: tt.input})
		r = run(t, s, "import (\n\t\"bufio\"\n\t\"io\"\n\t\"os\"\n)",
			"n, err := os.Stdin.Read(make([]byte, 1))\nline, err2 := bufio.NewReader(os.Stdin).ReadString('\\n')\nfmt.Sprint(n, err == io.EOF, len(line), err2 == io.EOF)")
		if r.Err != nil || text(r) != "0 true 0 true" {
			t.Errorf("%s: %v %q, want \"0 true 0 true\" (io.EOF)", tt.name, r.Err, text(r))
		}
	}
	// Other errors of the front end reach the cell as they are.
	s = newSession(t, Options{Input: func(string, bool) (string, error) { return "", errors.New("input: interrupted") }})
	r = run(t, s, "import \"os\"", "_, err := os.Stdin.Read(make([]byte, 1))\nerr.Error()")
	if r.Err != nil || text(r) != "input: interrupted" {
		t.Errorf("failing Input: %v %q", r.Err, text(r))
	}
}

func TestEnv(t *testing.T) {
	s := newSession(t, Options{Env: []string{"GORNN_TEST_VAR=42"}})
	r := run(t, s, "import \"os\"", "os.Getenv(\"GORNN_TEST_VAR\")")
	if r.Err != nil || text(r) != "42" {
		t.Errorf("Getenv = %v %q, want 42", r.Err, text(r))
	}
}

// Odd cells give errors, never a crash of the process.
func TestExecuteDoesNotCrash(t *testing.T) {
	s := newSession(t, Options{})
	for _, cell := range []string{
		"for i := range undefinedThing { _ = i }",
		"var a, b = 1",
		"type G[T any] struct{ v T }\nG[int]{1}",
		"import \"\"",
		"x := <-(chan int)(nil)",
		"\xff\xfe",
		"func (x) M() {}",
		"goto nowhere",
		"var c chan int\nclose(c)",
		"panic(nil)",
		"import _ \"fmt\"",
		"import . \"strings\"",
		"__gornn.Result(1, 2)",
		"type NilString struct{ p *int }\nfunc (x NilString) String() string { return \"\" + string(rune(*x.p)) }\nNilString{}",
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		r := s.Execute(ctx, cell)
		cancel()
		_ = r
	}
	if r := s.Execute(context.Background(), "40 + 2"); r.Err != nil || text(r) != "42" {
		t.Errorf("session unusable after odd cells: %v %q", r.Err, text(r))
	}
}

func TestEvaluate(t *testing.T) {
	s := newSession(t, Options{})
	run(t, s, "v := 20")
	d, err := s.Evaluate(context.Background(), "v*2 + 2")
	if err != nil || d == nil || d.Data["text/plain"] != "42" {
		t.Errorf("Evaluate = %v, %v; want 42", d, err)
	}
	if _, err := s.Evaluate(context.Background(), "w := 1"); err == nil || err.Name != "ParseError" {
		t.Errorf("Evaluate of a statement: %v, want a ParseError", err)
	}
	if _, err := s.Evaluate(context.Background(), "undefinedName"); err == nil || err.Name != "CompileError" {
		t.Errorf("Evaluate of an undefined name: %v, want a CompileError", err)
	}
}

// checkValue fails t unless r is the cell's result want: its value's
// text, or "error: " and a part of its error's message.
func checkValue(t *testing.T, r *Result, want string) {
	t.Helper()
	if part, isErr := strings.CutPrefix(want, "error: "); isErr {
		if r.Err == nil || !strings.Contains(r.Err.Message, part) {
			t.Fatalf("got %q (error %v), want an error with %q", text(r), r.Err, part)
		}
		return
	}
	if r.Err != nil {
		t.Fatalf("last cell: %v\n%s", r.Err, strings.Join(r.Err.Traceback, "\n"))
	}
	if got := text(r); got != want {
		t.Fatalf("value = %q, want %q", got, want)
	}
}
