package eval

import (
	"testing"
)

// TestCellReturn ends cells with a return at their top level, as a
// return ends a function body.
func TestCellReturn(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string // the last cell's value, or "error: " + a part of its message
	}{
		{"return in an if ends the cell", []string{"x := 1\nif x > 0 {\n\treturn\n}\nx = 2", "x"}, "1"},
		{"return in a loop the session runs in a function literal", []string{"m := map[int]int{2: 7}\nlast := 0\nfor i := 0; i < 5; i++ {\n\tv, ok := m[i]\n\tif ok {\n\t\tlast = v\n\t\treturn\n\t}\n\tlast = i\n}\nlast = -1", "last"}, "7"},
		{"return in a select in a loop", []string{"ch := make(chan int, 1)\nch <- 4\ngot := 0\nfor {\n\tselect {\n\tcase v := <-ch:\n\t\tgot = v\n\t\treturn\n\tdefault:\n\t}\n\tgot = -1\n}", "got"}, "4"},
		{"return not taken", []string{"y := 1\nif y < 0 {\n\treturn\n}\ny = 2", "y"}, "2"},
		{"return in a loop", []string{"n := 0\nfor i := 0; ; i++ {\n\tif i == 3 {\n\t\treturn\n\t}\n\tn = i\n}", "n"}, "2"},
		{"return in a switch in a loop", []string{"var seen []int\nfor i := 0; i < 5; i++ {\n\tswitch {\n\tcase i == 2:\n\t\treturn\n\t}\n\tseen = append(seen, i)\n}", "seen"}, "[0 1]"},
		{"the cell has no value after a return", []string{"return\n1 + 1"}, "<no value>"},
		{"deferred calls run after a return", []string{"var log []string", "defer func() { log = append(log, \"deferred\") }()\nlog = append(log, \"body\")\nreturn\nlog = append(log, \"after\")", "strings.Join(log, \",\")"}, "body,deferred"},
		{"recover after a return finds no panic", []string{"var r any = 1", "defer func() { r = recover() }()\nreturn", "r == nil"}, "true"},
		{"definitions before a return stay", []string{"import \"strconv\"", "v, err := strconv.Atoi(\"x\")\nif err != nil {\n\treturn\n}\nv = 5", "fmt.Sprint(v, err != nil)"}, "0 true"},
		{"declarations before a return stay", []string{"func before() int { return 4 }\nz := before()\nreturn\nz = 0", "z + before()"}, "8"},
		{"a return in a function literal returns from it", []string{"k := 0\nfunc() {\n\tk = 1\n\treturn\n}()\nk = 2", "k"}, "2"},
		{"a return at the end of a cell", []string{"w := 3\nreturn", "w"}, "3"},
		{"the next cell runs", []string{"return", "7 * 6"}, "42"},
		{"a return with a value is an error", []string{"return 1"}, "error: too many return values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			checkValue(t, run(t, s, tt.cells...), tt.want)
		})
	}
}
