package eval

import "testing"

// A deferred call's function value and arguments are those of the
// defer statement, in loops too.
func TestDeferArgsAtStatement(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"loop variable", []string{
			"func f() (s string) {\n\tdefer func() { s = fmt.Sprint(out) }()\n\tfor i := 0; i < 3; i++ {\n\t\tdefer note(i)\n\t}\n\treturn\n}",
			"f()"}, "[2 1 0]"},
		{"computed argument", []string{
			"func f() (s string) {\n\tdefer func() { s = fmt.Sprint(out) }()\n\tfor i := 0; i < 3; i++ {\n\t\tdefer note(i * 10)\n\t}\n\treturn\n}",
			"f()"}, "[20 10 0]"},
		{"call result argument", []string{
			"func f() (s string) {\n\tdefer func() { s = fmt.Sprint(out) }()\n\tfor _, w := range []string{\"a\", \"bb\"} {\n\t\tdefer note(len(strings.Repeat(w, 2)))\n\t}\n\treturn\n}",
			"f()"}, "[4 2]"},
		{"variable changed after", []string{
			"func f() (s string) {\n\tdefer func() { s = fmt.Sprint(out) }()\n\tx := 1\n\tdefer note(x)\n\tx = 2\n\treturn\n}",
			"f()"}, "[1]"},
		{"computed function", []string{
			"func tag(n int) func() { return func() { note(n) } }",
			"func f() (s string) {\n\tdefer func() { s = fmt.Sprint(out) }()\n\tfor i := 0; i < 3; i++ {\n\t\tdefer tag(i)()\n\t}\n\treturn\n}",
			"f()"}, "[2 1 0]"},
		{"function literal with an argument recovers", []string{
			"func f() (s string) {\n\tdefer func(tag string) {\n\t\ts = fmt.Sprint(tag, recover())\n\t}(\"got \")\n\tpanic(\"p\")\n}",
			"f()"}, "got p"},
		{"function literal in a loop", []string{
			"func f() (s string) {\n\tdefer func() { s = fmt.Sprint(out) }()\n\tfor i := 0; i < 2; i++ {\n\t\tdefer func(n int) { note(n) }(i)\n\t}\n\treturn\n}",
			"f()"}, "[1 0]"},
		{"variadic compiled function", []string{
			"func f() (s string) {\n\tvar b strings.Builder\n\tdefer func() { s = b.String() }()\n\tfor i := 0; i < 3; i++ {\n\t\tdefer fmt.Fprint(&b, i, \";\")\n\t}\n\treturn\n}",
			"f()"}, "2;1;0;"},
		{"interpreted variadic and untyped constant", []string{
			"func sum(scale float64, xs ...int) { t := 0; for _, x := range xs { t += x }; note(int(scale) * t) }",
			"func f() (s string) {\n\tdefer func() { s = fmt.Sprint(out) }()\n\tx, y := 1, 2\n\tdefer sum(2, x, y)\n\tx, y = 5, 5\n\treturn\n}",
			"f()"}, "[6]"},
		{"pointer receiver in a loop", []string{
			"type res struct{ n int }",
			"func (r *res) Close() { note(r.n) }",
			"func f() (s string) {\n\tdefer func() { s = fmt.Sprint(out) }()\n\tfor _, r := range []*res{{1}, {2}, {3}} {\n\t\tdefer r.Close()\n\t}\n\treturn\n}",
			"f()"}, "[3 2 1]"},
		{"interface receiver and argument", []string{
			"func f() (s string) {\n\tvar out strings.Builder\n\tdefer func() { s = out.String() }()\n\tfor _, w := range []string{\"a\", \"b\"} {\n\t\tvar sw fmt.Stringer = &strings.Builder{}\n\t\t_ = sw\n\t\tvar wr interface{ WriteString(string) (int, error) } = &out\n\t\tdefer wr.WriteString(w)\n\t}\n\treturn\n}",
			"f()"}, "ba"},
		{"value receiver stays", []string{
			"func f() string {\n\tvar mu sync.Mutex\n\tfunc() {\n\t\tmu.Lock()\n\t\tdefer mu.Unlock()\n\t}()\n\treturn fmt.Sprint(mu.TryLock())\n}",
			"f()"}, "true"},
		{"cell-level loop", []string{
			"for i := 0; i < 3; i++ {\n\tdefer note(i)\n}",
			"fmt.Sprint(out)"}, "[2 1 0]"},
	})
}

// A deferred function literal inside a loop sees the loop's variables as
// they were at its defer statement.
func TestDeferredLiteralsInLoops(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"a body variable", []string{"func h() (s string) { defer func() { s = strings.TrimSpace(s) }(); for i := 0; i < 3; i++ { x := i; defer func() { s += fmt.Sprint(x, \" \") }() }; return }", "h()"}, "2 1 0"},
		{"a range variable and a field", []string{"type res struct{ name string }", "func h() (s string) { for _, n := range []string{\"a\", \"b\"} { r := &res{n}; defer func() { s += r.name }() }; return }", "h()"}, "ba"},
		{"a named result stays shared", []string{"func h() (n int) { for i := 1; i <= 2; i++ { k := i; defer func() { n += k }() }; return 10 }", "h()"}, "13"},
		{"a literal with arguments", []string{"func h() (s string) { for i := 0; i < 2; i++ { x := i * 10; defer func(p string) { s += p + fmt.Sprint(x) }(\"-\") }; return }", "h()"}, "-10-0"},
	})
}
