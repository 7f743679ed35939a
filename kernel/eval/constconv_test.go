package eval

import "testing"

// TestTypedConstants compares typed constants whose values are
// expressions, at a cell's level and in functions, as Go does.
func TestTypedConstants(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"iota + 1", []string{"type Status int\nconst (\n\tActive Status = iota + 1\n\tSuspended\n)", "x := Suspended", "fmt.Sprint(x == Suspended, x == 2, Active)"}, "true true 1"},
		{"bit flags", []string{"type Perm uint8\nconst (\n\tRead Perm = 1 << iota\n\tWrite\n\tExec\n)", "p := Read | Exec", "fmt.Sprint(p&Exec == Exec, p&Write == Write, p == 5)"}, "true false true"},
		{"a float type", []string{"type Ratio float64\nconst Half Ratio = 1.0 / 2", "var r Ratio = 0.5", "r == Half"}, "true"},
		{"a string type", []string{"type Color string\nconst Red Color = \"r\" + \"ed\"", "Color(\"red\") == Red"}, "true"},
		{"in a function", []string{"type Day int\nfunc weekend() bool {\n\tconst (\n\t\tSat Day = iota + 6\n\t\tSun\n\t)\n\td := Sun\n\treturn d == Sun && d == 7\n}", "weekend()"}, "true"},
		{"a multi-line value", []string{"type Big int64\nconst Many Big = 1 +\n\t2\nvar afterMany = 1", "Many == 3"}, "true"},
		{"two names in one spec", []string{"type Pt int\nconst X, Y Pt = iota + 1, iota + 2", "X + Y == 3"}, "true"},
		{"already a conversion", []string{"type Lvl int\nconst (\n\tLow Lvl = Lvl(iota)\n\tHigh\n)", "High == 1"}, "true"},
		{"in a switch", []string{"type Op int\nconst (\n\tAdd Op = iota + 1\n\tSub\n)\nfunc name(o Op) string {\n\tswitch o {\n\tcase Add:\n\t\treturn \"add\"\n\tcase Sub:\n\t\treturn \"sub\"\n\t}\n\treturn \"?\"\n}", "name(Sub) + name(Add)"}, "subadd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, append([]string{`import "fmt"`}, tt.cells...)...)
			if r.Err != nil {
				t.Fatalf("error: %v", r.Err)
			}
			if got := text(r); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
