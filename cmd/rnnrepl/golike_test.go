package main

import (
	"strings"
	"testing"
)

// TestGoAsPeopleTypeIt pipes to rnnrepl the first things a Go programmer
// types off a tutorial's path, and checks Go's behaviour and Go's words:
// packages used without an import, errors at their line in Go's terms,
// runtime errors with Go's texts, generics, the generic standard library,
// ordinary statements at a cell's top level, and runaway recursion.
func TestGoAsPeopleTypeIt(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		stdin  string
		stdout string   // exactly
		stderr []string // substrings, in order
	}{
		{"rnn without an import", "sess := rnn.NewSession()\nfmt.Println(sess != nil)\n", "true\n", nil},
		{"time without an import", "t0 := time.Now()\nfmt.Println(time.Since(t0) < time.Hour)\n", "true\n", nil},
		{"time without an import in a function", "func stamp() bool { return time.Now().Year() > 2000 }\nfmt.Println(stamp())\n", "true\n", nil},
		{"an undefined name", "{\n\tx := 1\n\tfmt.Println(x, nope)\n}\n", "", []string{"stdin:3:17: CompileError: undefined: nope", "^"}},
		{"a panic on the fourth line", "{\n\tvar m map[string]int\n\tfmt.Println(\"line 3\")\n\tm[\"x\"] = 1\n}\n", "line 3\n",
			[]string{"stdin:4:2: Panic: assignment to entry in nil map", "goroutine 1 [running]:", "main.main()", "\tcell:4:2\tm[\"x\"] = 1"}},
		{"Go's index error", "xs := []int{1, 2, 3}\ni := 5\nfmt.Println(xs[i])\n", "",
			[]string{"stdin:3:13: Panic: runtime error: index out of range [5] with length 3"}},
		{"a MustRun that fails", "x := rnn.Placeholder(rnn.Float32, rnn.None, 3)\nsess := rnn.NewSession()\nsess.MustRun(x, nil)\n", "",
			[]string{"stdin:3:1: Panic: rnn: Placeholder", "was not fed"}},
		{"os.Exit", "fmt.Println(\"before\")\nos.Exit(3)\n", "before\n", []string{"stdin:2:1: Panic: os.Exit(3)"}},
		{"a two-result call as one value", "n := strconv.Atoi(\"42\")\n", "",
			[]string{"stdin:1:6: CompileError: assignment mismatch: 1 variable but strconv.Atoi returns 2 values"}},
		{"a missing method in a chain", "x := rnn.Placeholder(rnn.Float32, rnn.None, 28, 28)\ny := x.Reshape(5, 28, 28).Transpose(0, 2, 1)\n", "",
			[]string{"stdin:2:8: CompileError: x.Reshape undefined (type *rnn.Node has no field or method Reshape)"}},
		{"a custom error type with value receivers", "type HTTPError struct {\n\tCode int\n\tErr  error\n}\n\nfunc (e HTTPError) Error() string { return fmt.Sprintf(\"http %d: %v\", e.Code, e.Err) }\nfunc (e HTTPError) Unwrap() error { return e.Err }\nfunc handle() error { return HTTPError{404, os.ErrNotExist} }\nerr := fmt.Errorf(\"serve: %w\", handle())\nvar he HTTPError\nfmt.Println(errors.As(err, &he), he.Code, errors.Is(err, os.ErrNotExist))\nswitch e := handle().(type) {\ncase HTTPError:\n\tfmt.Println(\"HTTPError\", e.Code)\ndefault:\n\tfmt.Println(\"other\")\n}\n", "true 404 true\nHTTPError 404\n", nil},
		{"slices.Sort", "import \"slices\"\nxs := []int{3, 1, 2}\nslices.Sort(xs)\nfmt.Println(xs)\n", "[1 2 3]\n", nil},
		{"a generic function with inference", "func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar out []U\n\tfor _, x := range xs {\n\t\tout = append(out, f(x))\n\t}\n\treturn out\n}\nfmt.Println(Map([]int{1, 2}, func(i int) string { return strconv.Itoa(i * 10) }))\n", "[10 20]\n", nil},
		{"min, max and clear", "m := map[int]bool{1: true}\nclear(m)\nfmt.Println(min(3, 1, 2), max(2.5, 1), len(m))\n", "1 2.5 0\n", nil},
		{"defer at the top level", "{\n\tdefer fmt.Println(\"deferred\")\n\tfmt.Println(\"body\")\n}\n", "body\ndeferred\n", nil},
		{"comma-ok forms", "ch := make(chan int, 1)\nch <- 4\nv, ok := <-ch\nm := map[string]int{\"k\": 1}\n_, ok2 := m[\"k\"]\nfmt.Println(v, ok, ok2)\n", "4 true true\n", nil},
		{"a global from os.Args", "arg := os.Args[0]\nfmt.Println(arg != \"\")\n", "true\n", nil},
		{"log.New with SetPrefix", "l := log.New(os.Stdout, \"\", 0)\nl.SetPrefix(\"app: \")\nl.Println(\"ready\")\n", "app: ready\n", nil},
		{"errors.AsType", "err := fmt.Errorf(\"wrap: %w\", &fs.PathError{Op: \"open\", Path: \"f\", Err: fs.ErrNotExist})\npe, ok := errors.AsType[*fs.PathError](err)\nfmt.Println(pe.Path, ok)\n", "f true\n", nil},
		{"range over a function", "func count(n int) iter.Seq[int] {\n\treturn func(yield func(int) bool) {\n\t\tfor i := range n {\n\t\t\tif !yield(i) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}\nfor i := range count(3) {\n\tfmt.Print(i)\n}\n", "012", nil},
		{"stdin at its end", "{\n\tline, err := bufio.NewReader(os.Stdin).ReadString('\\n')\n\tfmt.Printf(\"%q %v\\n\", line, err)\n}\n", "\"\" EOF\n", nil},
		{"runaway recursion keeps the session", "kept := 42\nfunc r(n int) int { return r(n+1) + 1 }\nr(0)\nfmt.Println(\"kept\", kept)\n", "kept 42\n",
			[]string{"stdin:3:1: StackOverflow: stack overflow", "main.r(...)", "frames elided", "main.main()", "\tcell:1:1\tr(0)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runBinary(t, dir, tt.stdin, "-keep-going")
			if r.stdout != tt.stdout {
				t.Errorf("stdout %q, want %q (stderr %q)", r.stdout, tt.stdout, r.stderr)
			}
			rest := r.stderr
			for _, want := range tt.stderr {
				i := strings.Index(rest, want)
				if i < 0 {
					t.Fatalf("stderr lacks %q after the lines before it:\n%s", want, r.stderr)
				}
				rest = rest[i+len(want):]
			}
			if len(tt.stderr) == 0 && r.stderr != "" {
				t.Errorf("stderr %q, want none", r.stderr)
			}
			if strings.Contains(r.stderr, "nil type") {
				t.Errorf("the interpreter's log line reached stderr:\n%s", r.stderr)
			}
		})
	}
}
