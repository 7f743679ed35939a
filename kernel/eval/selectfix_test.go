package eval

import (
	"strings"
	"testing"
)

// A continue in a select's case continues the enclosing loop, labeled or
// not, in a function and at the top level of a cell.
func TestContinueInSelect(t *testing.T) {
	loop := func(cont string) string {
		return "n, got := 0, \"\"\nch := make(chan int, 2)\nch <- 1\nch <- 2\nouter:\nfor n < 4 {\n\tn++\n\tselect {\n\tcase v := <-ch:\n\t\tgot += fmt.Sprint(v)\n\t\t" + cont + "\n\tdefault:\n\t}\n\tgot += \".\"\n\tif false {\n\t\tcontinue outer\n\t}\n}\n"
	}
	tests := []struct {
		name  string
		cells []string
	}{
		{"in a function", []string{"func f() string {\n" + loop("continue") + "return got\n}", "f()"}},
		{"labeled", []string{"func g() string {\n" + loop("continue outer") + "return got\n}", "g()"}},
		{"at the top level", []string{loop("continue") + "got"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, append([]string{"import \"fmt\""}, tt.cells...)...)
			if r.Err != nil {
				t.Fatalf("last cell: %v\n%s", r.Err, strings.Join(r.Err.Traceback, "\n"))
			}
			if got := text(r); got != "12.." {
				t.Errorf("value = %q, want %q", got, "12..")
			}
		})
	}
}
