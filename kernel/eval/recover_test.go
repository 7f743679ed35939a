package eval

import (
	"strings"
	"testing"
)

// Recovering code sees the value that was panicked, with its type, as in
// Go.
func TestRecoveredValues(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"string", []string{"func f() (s string) {\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\ts, _ = r.(string)\n\t\t}\n\t}()\n\tpanic(\"boom\")\n}", "f()"}, "boom"},
		{"struct of a cell", []string{"type pe struct{ msg string }", "func g() (s string) {\n\tdefer func() {\n\t\tp, ok := recover().(pe)\n\t\tif ok {\n\t\t\ts = p.msg\n\t\t}\n\t}()\n\tpanic(pe{\"typed\"})\n}", "g()"}, "typed"},
		{"pointer in a type switch", []string{"type E struct{ code int }", "func h() (c int) {\n\tdefer func() {\n\t\tswitch v := recover().(type) {\n\t\tcase *E:\n\t\t\tc = v.code\n\t\t}\n\t}()\n\tpanic(&E{7})\n}", "h()"}, "7"},
		{"no panic is nil", []string{"func k() (s string) {\n\tdefer func() {\n\t\tif r := recover(); r == nil {\n\t\t\ts = \"nil\"\n\t\t}\n\t}()\n\treturn \"\"\n}", "k()"}, "nil"},
		{"runtime error as thrown", []string{"func m() (s string) {\n\tdefer func() {\n\t\terr, ok := recover().(error)\n\t\ts = fmt.Sprint(ok, \" \", err)\n\t}()\n\tvar m map[string]int\n\tm[\"a\"] = 1\n\treturn\n}", "m()"}, "true assignment to entry in nil map"},
		{"a recover of one's own", []string{"func recover() int { return 5 }", "recover() + 1"}, "6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, append([]string{"import \"fmt\"\nvar _ = fmt.Sprint"}, tt.cells...)...)
			if r.Err != nil {
				t.Fatalf("last cell: %v\n%s", r.Err, strings.Join(r.Err.Traceback, "\n"))
			}
			if got := text(r); got != tt.want {
				t.Errorf("value = %q, want %q", got, tt.want)
			}
		})
	}
}
