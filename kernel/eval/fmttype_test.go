package eval

import (
	"reflect"
	"testing"
)

// TestTypeVerb prints the types of cells' values with %T, as Go names
// them, through fmt and log, from static types that are the cell's type,
// a pointer to it, a composite of it or an interface it implements.
func TestTypeVerb(t *testing.T) {
	const decls = `type Shape interface{ Area() float64 }
type Circle struct{ R float64 }
func (c Circle) Area() float64 { return 3 * c.R * c.R }
type Square struct{ S float64 }
func (s *Square) Area() float64 { return s.S * s.S }
type Celsius float64`
	tests := []struct {
		name, expr, want string
	}{
		{"a cell's struct", `fmt.Sprintf("%T", Circle{1})`, "main.Circle"},
		{"a pointer", `fmt.Sprintf("%T", &Circle{1})`, "*main.Circle"},
		{"a named float", `fmt.Sprintf("%T", Celsius(2))`, "main.Celsius"},
		{"a slice of them", `fmt.Sprintf("%T", []Circle{})`, "[]main.Circle"},
		{"a map of them", `fmt.Sprintf("%T", map[string]*Circle{})`, "map[string]*main.Circle"},
		{"an interface holding a value", `func() string { var s Shape = Circle{1}; return fmt.Sprintf("%T", s) }()`, "main.Circle"},
		{"an interface holding a pointer", `func() string { var s Shape = &Square{1}; return fmt.Sprintf("%T", s) }()`, "*main.Square"},
		{"any holding a cell's struct", `func() string { var v any = Circle{1}; return fmt.Sprintf("%T", v) }()`, "main.Circle"},
		{"any holding a compiled type", `func() string { var v any = 1.5; return fmt.Sprintf("%T", v) }()`, "float64"},
		{"nil interface", `func() string { var s Shape; return fmt.Sprintf("%T", s) }()`, "<nil>"},
		{"flags, width and other verbs", `fmt.Sprintf("%d|%-14T|%*d|%v %T", 1, Circle{}, 3, 2, Circle{2}, &Circle{})`, "1|main.Circle   |  2|{2} *main.Circle"},
		{"%% before %T", `fmt.Sprintf("%%%T", Circle{})`, "%main.Circle"},
		{"Errorf", `fmt.Errorf("got %T", Circle{}).Error()`, "got main.Circle"},
		{"compiled types untouched", `fmt.Sprintf("%T %T", 1, "s")`, "int string"},
		{"explicit indexes left to fmt", `fmt.Sprintf("%[1]d %[1]T", 3)`, "3 int"},
		{"a logger", `func() string { var b strings.Builder; l := log.New(&b, "", 0); l.Printf("%T", Circle{}); return b.String() }()`, "main.Circle\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, `import ("fmt"; "log"; "strings")`, decls, tt.expr)
			if r.Err != nil {
				t.Fatalf("error: %v", r.Err)
			}
			if got := text(r); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTypeVerbs(t *testing.T) {
	tests := []struct {
		format string
		want   []typeVerb
		ok     bool
	}{
		{"%T", []typeVerb{{0, 1}}, true},
		{"%d %T", []typeVerb{{1, 4}}, true},
		{"%*d %-8T %.*f %T", []typeVerb{{2, 7}, {5, 15}}, true},
		{"%% %T", []typeVerb{{0, 4}}, true},
		{"%[1]T", nil, false},
		{"héllo %v %T", []typeVerb{{1, 11}}, true},
		{"trailing %", nil, true},
	}
	for _, tt := range tests {
		got, ok := typeVerbs(tt.format)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("typeVerbs(%q) = %v, %v; want %v, %v", tt.format, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzTypeVerbs(f *testing.F) {
	for _, s := range []string{"%T", "%*.*T", "%[2]T", "%%%T", "%-+# 0T", "é%T"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, format string) {
		verbs, ok := typeVerbs(format)
		if !ok {
			return
		}
		for _, v := range verbs {
			if v.off >= len(format) || format[v.off] != 'T' {
				t.Fatalf("typeVerbs(%q) = %v: offset %d is not a T", format, verbs, v.off)
			}
		}
	})
}
