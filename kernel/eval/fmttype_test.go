package eval

import (
	"reflect"
	"testing"
)

// TestTypeVerb prints the types of cells' values with %T, as Go names
// them, through fmt and log, from static types that are the cell's type,
// a pointer to it, a composite of it or an interface it implements; and
// their values with %+v and %#v, as Go does.
func TestTypeVerb(t *testing.T) {
	const decls = `type Shape interface{ Area() float64 }
type Circle struct{ R float64 }
func (c Circle) Area() float64 { return 3 * c.R * c.R }
type Square struct{ S float64 }
func (s *Square) Area() float64 { return s.S * s.S }
type Celsius float64
type pt struct{ x, Y int; name string }
type holder struct { P *pt; L []pt; M map[string]pt; S Shape }
type Secret string
func (Secret) GoString() string { return "Secret(***)" }
type Money struct{ Cents int }
func (m Money) String() string { return fmt.Sprintf("$%d.%02d", m.Cents/100, m.Cents%100) }
type Matrix [][]float64
type Level int
func (l Level) String() string { return [...]string{"DEBUG", "INFO"}[l] }
type Temp float64
func (t Temp) String() string { return fmt.Sprintf("%.1fC", float64(t)) }
type Price struct{ C int }
func (p Price) Format(f fmt.State, verb rune) { fmt.Fprintf(f, "P%d", p.C) }
type Oops struct{ Code int }
func (o *Oops) Error() string { return fmt.Sprint("oops ", o.Code) }
type Priced interface{ String() string }
func firstOf[T any](xs []T) T { return xs[0] }`
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
		{"%#v of a struct with unexported fields", `fmt.Sprintf("%#v", pt{1, 2, "a"})`, `main.pt{x:1, Y:2, name:"a"}`},
		{"%+v of a struct with unexported fields", `fmt.Sprintf("%+v", pt{1, 2, "a"})`, `{x:1 Y:2 name:a}`},
		{"%#v of a slice of them", `fmt.Sprintf("%#v", []pt{{1, 2, "b"}})`, `[]main.pt{main.pt{x:1, Y:2, name:"b"}}`},
		{"%#v of a named slice", `fmt.Sprintf("%#v", Matrix{{1, 2}})`, `main.Matrix{[]float64{1, 2}}`},
		{"%+v nested", `fmt.Sprintf("%+v", holder{L: []pt{{1, 2, "c"}}, M: map[string]pt{"k": {3, 4, "d"}, "a": {}}})`, `{P:<nil> L:[{x:1 Y:2 name:c}] M:map[a:{x:0 Y:0 name:} k:{x:3 Y:4 name:d}] S:<nil>}`},
		{"%+v of an interface field", `fmt.Sprintf("%+v", holder{S: Circle{1}})`, `{P:<nil> L:[] M:map[] S:{R:1}}`},
		{"%#v of nils inside", `fmt.Sprintf("%#v", holder{})`, `main.holder{P:(*main.pt)(nil), L:[]main.pt(nil), M:map[string]main.pt(nil), S:main.Shape(nil)}`},
		{"%#v and %+v of a pointer", `fmt.Sprintf("%#v %+v", &pt{1, 2, "p"}, &pt{1, 2, "p"})`, `&main.pt{x:1, Y:2, name:"p"} &{x:1 Y:2 name:p}`},
		{"%#v with a GoString method", `fmt.Sprintf("%#v|%v", Secret("x"), Secret("x"))`, `Secret(***)|x`},
		{"%+v with a String method", `fmt.Sprintf("%+v %v", Money{150}, Money{5})`, `$1.50 $0.05`},
		{"%#v of a cell's named float", `fmt.Sprintf("%#v", Celsius(2.5))`, `2.5`},
		{"Sprintln of a slice of Stringers", `fmt.Sprintln([]Temp{21.5, -3}, map[string]Level{"a": 1})`, "[21.5C -3.0C] map[a:INFO]\n"},
		{"%v of a slice of Formatters", `fmt.Sprintf("%v", []Price{{1}, {2}})`, "[P1 P2]"},
		{"%+v of a struct holding a Stringer", `fmt.Sprintf("%+v", struct{ L Level; N int }{1, 2})`, "{L:INFO N:2}"},
		{"%v of pointers to an error type", `fmt.Sprintf("%v", []*Oops{{7}})`, "[oops 7]"},
		{"%d of a Stringer prints its number", `fmt.Sprintf("%d %05.1f %s", Level(1), Temp(3.14159), Level(0))`, "1 003.1 DEBUG"},
		{"%T of a named int in an interface", `func() string { var s fmt.Stringer = Level(1); return fmt.Sprintf("%T %v", s, s) }()`, "main.Level INFO"},
		{"Println of a slice of an interface", `fmt.Sprintln([]Shape{Circle{1}, &Square{2}})[:7]`, "[{1} 0x"},
		{"a slice of any holding cells' values", `fmt.Sprintf("%v", []any{Money{250}, pt{1, 2, "q"}, 3, "s"})`, "[$2.50 {1 2 q} 3 s]"},
		{"%+v of a map of an interface", `fmt.Sprintf("%+v", map[string]Shape{"c": Circle{2}})`, "map[c:{R:2}]"},
		{"%#v of a slice of any", `fmt.Sprintf("%#v", []any{pt{1, 2, "z"}, 4})`, `[]interface {}{main.pt{x:1, Y:2, name:"z"}, 4}`},
		{"%+v and %#v of an interface value", `func() string { var v any = pt{5, 6, "i"}; var s Shape = Circle{3}; return fmt.Sprintf("%+v %#v %+v", v, v, s) }()`, `{x:5 Y:6 name:i} main.pt{x:5, Y:6, name:"i"} {R:3}`},
		{"a compiled pointer in a slice of any", `func() string { x := 1; s := fmt.Sprint([]any{&x, pt{}}); return s[:3] }()`, "[0x"},
		{"a Stringer a function variable returns", `func() string { f := func() Money { return Money{120} }; return fmt.Sprintf("%v|%s|%6s|%q", f(), f(), f(), f()) }()`, `$1.20|$1.20| $1.20|"$1.20"`},
		{"a promoted String method", `func() string { type w struct { Money; N int }; x := w{Money{5}, 1}; return fmt.Sprintln(x.Money, x) }()`, "$0.05 $0.05\n"},
		{"a nil pointer whose String panics", `func() string { var o *Oops; return fmt.Sprint(o == nil) + fmt.Sprintln(o) }()`, "true<nil>\n"},
		{"a String method that panics", `func() string { var t Level = 5; return fmt.Sprintln(t)[:52] }()`, "%!v(PANIC=String method: runtime error: index out of"},
		{"what generic functions return", `func() string { type Named interface{ String() string }; return "" }() + fmt.Sprintln(firstOf([]Money{{101}}), firstOf([]fmt.Stringer{Money{102}}), firstOf([]Priced{Money{103}}))`, "$1.01 $1.02 $1.03\n"},
		{"a nil interface of a cell", `func() string { var p Priced; return fmt.Sprintf("%v|%s", p, p) }()`, "<nil>|%!s(<nil>)"},
		{"a value whose pointer has the Error method", `func() string { o := Oops{7}; return fmt.Sprintln(o, &o) + fmt.Sprintf("%v", o) }()`, "{7} oops 7\n{7}"},
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

func TestParseVerbs(t *testing.T) {
	type tv struct {
		arg, off int
		verb     rune
	}
	tests := []struct {
		format string
		want   []tv
		ok     bool
	}{
		{"%T", []tv{{0, 1, 'T'}}, true},
		{"%d %T", []tv{{0, 1, 'd'}, {1, 4, 'T'}}, true},
		{"%*d %-8T %.*f %+v", []tv{{1, 2, 'd'}, {2, 7, 'T'}, {4, 12, 'f'}, {5, 16, 'v'}}, true},
		{"%% %#v", []tv{{0, 5, 'v'}}, true},
		{"%[1]T", nil, false},
		{"héllo %v %T", []tv{{0, 8, 'v'}, {1, 11, 'T'}}, true},
		{"trailing %", nil, true},
	}
	for _, tt := range tests {
		verbs, ok := parseVerbs(tt.format)
		var got []tv
		for _, v := range verbs {
			got = append(got, tv{v.arg, v.off, v.verb})
		}
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseVerbs(%q) = %v, %v; want %v, %v", tt.format, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParseVerbs(f *testing.F) {
	for _, s := range []string{"%T", "%*.*T", "%[2]T", "%%%T", "%-+# 0v", "é%T"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, format string) {
		verbs, ok := parseVerbs(format)
		if !ok {
			return
		}
		for i, v := range verbs {
			if v.start >= v.off || format[v.start] != '%' || v.off >= len(format) {
				t.Fatalf("parseVerbs(%q) = %v: verb %d is not a %% ... verb span", format, verbs, i)
			}
			if i > 0 && v.arg <= verbs[i-1].arg {
				t.Fatalf("parseVerbs(%q) = %v: arguments do not increase", format, verbs)
			}
		}
	})
}
