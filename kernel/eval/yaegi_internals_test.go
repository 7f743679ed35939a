package eval

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// These tests pin what yaegi_internals.go relies on. When one fails after
// an upgrade of yaegi, re-check every coupling in that file against the
// new version, then update yaegiVersion.

func TestYaegiVersion(t *testing.T) {
	// Test binaries carry no module versions: ask the go command.
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not installed:", err)
	}
	out, err := exec.Command(goCmd, "list", "-m", "-f", "{{if .Replace}}{{.Replace.Version}}{{else}}{{.Version}}{{end}}",
		"github.com/traefik/yaegi").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != yaegiVersion {
		t.Fatalf("yaegi is %s; yaegi_internals.go was checked against %s: re-check it", got, yaegiVersion)
	}
}

// frameWriter keeps each write separately, as the panic sniffer sees them.
type frameWriter struct {
	mu     sync.Mutex
	writes []string
}

func (w *frameWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

// newTestInterp returns an interpreter set up as a session sets up its
// own, with a compiled function that takes any values, standing in for
// the one that collects a cell's result.
func newTestInterp(t *testing.T, stderr *frameWriter) *interp.Interpreter {
	t.Helper()
	in := interp.New(interp.Options{Stderr: stderr})
	if err := in.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := in.Use(interp.Exports{"rt/rt": {"Result": reflect.ValueOf(func(...any) {})}}); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{`import rt "rt"`, `import "time"`} {
		if _, err := in.Eval(src); err != nil {
			t.Fatal(err)
		}
	}
	return in
}

// evalAll runs setup, then src, and returns src's error.
func evalAll(t *testing.T, in *interp.Interpreter, setup []string, src string) error {
	t.Helper()
	for _, s := range setup {
		if _, err := in.EvalWithContext(context.Background(), s); err != nil {
			t.Fatalf("setup %q: %v", s, err)
		}
	}
	_, err := in.EvalWithContext(context.Background(), src)
	if err == nil {
		t.Fatalf("%q: no error", src)
	}
	return err
}

func TestYaegiPositionedMessages(t *testing.T) {
	tests := []struct {
		name      string
		setup     []string
		src       string
		line, col int
		text      string
	}{
		{"compile error", nil, ";\nx := 1\nrt.Result(undefinedName)", 3, 11, "undefined: undefinedName"},
		{"parse error", nil, "\nfunc (", 2, 7, "expected ')', found 'EOF'"},
		{"type error", []string{"\nfunc f() {}"}, ";\nvar v int = f()", 2, 13, "invalid type in assignment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := evalAll(t, newTestInterp(t, &frameWriter{}), tt.setup, tt.src)
			line, col, text, ok := splitPosition(err.Error())
			if !ok || line != tt.line || col != tt.col || text != tt.text {
				t.Errorf("splitPosition(%q) = %d, %d, %q, %v; want %d, %d, %q", err, line, col, text, ok, tt.line, tt.col, tt.text)
			}
		})
	}
}

func TestYaegiNoValueMessages(t *testing.T) {
	tests := []struct {
		name  string
		setup []string
		src   string
		want  bool
	}{
		{"interpreted func", []string{"\nfunc f() {}"}, ";\nrt.Result(f())", true},
		{"compiled func", nil, ";\nrt.Result(time.Sleep(1))", true},
		{"method", []string{"\ntype T struct{}\nfunc (T) M() {}"}, ";\nrt.Result(T{}.M())", true},
		{"func literal", nil, ";\nrt.Result(func() {}())", true},
		{"undefined name", nil, ";\nrt.Result(g())", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := evalAll(t, newTestInterp(t, &frameWriter{}), tt.setup, tt.src)
			if got := isNoValueError(err); got != tt.want {
				t.Errorf("isNoValueError(%q) = %v, want %v", err, got, tt.want)
			}
		})
	}
}

func TestYaegiPanicFrames(t *testing.T) {
	stderr := &frameWriter{}
	in := newTestInterp(t, stderr)
	err := evalAll(t, in, []string{"\nfunc g() {\n\tpanic(\"boom\")\n}"}, ";\ng()")
	var p interp.Panic
	if !errors.As(err, &p) || fmt.Sprint(p.Value) != "boom" {
		t.Fatalf("error %v (%T), want the panic boom", err, err)
	}
	want := []panicFrame{{Line: 3, Column: 2, Func: "main.g"}, {Line: 2, Column: 1, Func: "main"}}
	var got []panicFrame
	for _, w := range stderr.writes {
		f, ok := parsePanicFrame([]byte(w))
		if !ok {
			t.Errorf("the interpreter wrote %q, which is not a panic frame", w)
			continue
		}
		got = append(got, f)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("frames %+v, want %+v (writes %q)", got, want, stderr.writes)
	}
}

func TestYaegiCompilerCrashes(t *testing.T) {
	tests := []struct {
		name  string
		setup []string
		src   string
		want  string
	}{
		{"range over an integer", nil, ";\nfor i := range 3 { _ = i }", crashNilType},
		{"generic result in a global",
			[]string{"\nfunc mn[T int | float64](a, b T) T { if a < b { return a }; return b }"},
			";\nvar a, b = 1, 2\nm := mn(a, b)\n_ = m", crashNilReflectType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stderr := &frameWriter{}
			err := evalAll(t, newTestInterp(t, stderr), tt.setup, tt.src)
			var p interp.Panic
			if !errors.As(err, &p) || fmt.Sprint(p.Value) != tt.want {
				t.Errorf("error %q (%T), want a panic %q", err, err, tt.want)
			}
			if len(stderr.writes) != 0 {
				t.Errorf("a compiler crash wrote frames %q", stderr.writes)
			}
		})
	}
}

func TestYaegiMutexField(t *testing.T) {
	f, ok := reflect.TypeOf(interp.Interpreter{}).FieldByName("mutex")
	if !ok || f.Type != reflect.TypeOf(sync.RWMutex{}) {
		t.Fatalf("interp.Interpreter has no field mutex of type sync.RWMutex (found %v, %v)", ok, f.Type)
	}
	in := interp.New(interp.Options{})
	mu := interpMutex(in)
	mu.Lock()
	mu.Unlock()
	if _, err := in.Eval("1 + 1"); err != nil {
		t.Errorf("the interpreter after locking its mutex: %v", err)
	}
}

func TestYaegiStop(t *testing.T) {
	in := newTestInterp(t, &frameWriter{})
	started := make(chan struct{})
	if err := in.Use(interp.Exports{"signal/signal": {"Started": reflect.ValueOf(func() { close(started) })}}); err != nil {
		t.Fatal(err)
	}
	if _, err := in.Eval(`import "signal"`); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := in.EvalWithContext(context.Background(), "signal.Started()\nfor {\n}")
		done <- err
	}()
	<-started
	stopInterpreter(in)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the interpreter's stop did not end an endless loop")
	}
	// A second stop of the same run must not panic out of stopInterpreter.
	stopInterpreter(in)
	v, err := in.Eval("40 + 2")
	if err != nil || v.Interface() != 42 {
		t.Errorf("after a stop: %v, %v; want 42", v, err)
	}
}

// The interpreter reports runtime errors of indexing, slicing and nil
// pointers in reflect's words, which reflectBoundsKind maps to Go's.
func TestYaegiRuntimeErrorTexts(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want boundsKind
	}{
		{"slice index", ";\nxs := []int{1}\ni := 3\n_ = xs[i]", boundsIndex},
		{"array index", ";\nvar a [1]int\ni := 3\n_ = a[i]", boundsIndex},
		{"string index", ";\ns := \"a\"\ni := 3\n_ = s[i]", boundsIndex},
		{"slice bounds", ";\nxs := []int{1}\ni := 3\n_ = xs[:i]", boundsSlice},
		{"string bounds", ";\ns := \"a\"\ni := 3\n_ = s[:i]", boundsSlice},
		{"three-index bounds", ";\nxs := []int{1}\ni := 3\n_ = xs[0:1:i]", boundsSlice},
		{"nil pointer field", ";\nvar p *struct{ X int }\n_ = p.X", boundsNil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := evalAll(t, newTestInterp(t, &frameWriter{}), nil, tt.src)
			var p interp.Panic
			if !errors.As(err, &p) {
				t.Fatalf("error %v (%T), want a panic", err, err)
			}
			if got := reflectBoundsKind(fmt.Sprint(p.Value)); got != tt.want {
				t.Errorf("the interpreter panics with %q, which is kind %d, want %d", p.Value, got, tt.want)
			}
		})
	}
}

// The interpreter puts its own position before some panic texts.
func TestYaegiPanicPosition(t *testing.T) {
	err := evalAll(t, newTestInterp(t, &frameWriter{}), nil, ";\nvar v any = \"s\"\n_ = v.(int)")
	want := "interface conversion: interface {} is string, not int"
	if got := stripPanicPosition(err.Error()); got != want || got == err.Error() {
		t.Errorf("stripPanicPosition(%q) = %q, want %q from a text with a position", err, got, want)
	}
}

// The interpreter names a function literal's frame after the function
// it is in, which sameFunc relies on to match it with its sites. It
// names a frame after the scope of the first statement of its body: a
// body that starts with a function literal would be named after it,
// but in cells every body starts with a call of the stack check.
func TestYaegiClosureFrames(t *testing.T) {
	stderr := &frameWriter{}
	in := newTestInterp(t, stderr)
	evalAll(t, in, []string{"\nfunc g() {\n\t_ = 0\n\tfunc() {\n\t\tpanic(\"boom\")\n\t}()\n}"}, ";\n_ = 0\nfunc() { _ = 0; g() }()")
	var got []string
	for _, w := range stderr.writes {
		if f, ok := parsePanicFrame([]byte(w)); ok {
			got = append(got, f.Func)
		}
	}
	want := []string{"main.g.func", "main.g", "main.func", "main"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("frames %q, want %q", got, want)
	}
}
