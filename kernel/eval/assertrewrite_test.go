package eval

import "testing"

// assertTypes declares error and Stringer types of every kind the
// interpreter holds differently: a struct with value receivers, a
// pointer receiver, a named string, and one with two struct types of
// the same fields.
const assertTypes = "type HE struct { Code int; Err error }\n" +
	"func (e HE) Error() string { return fmt.Sprint(\"he \", e.Code) }\n" +
	"func (e HE) Unwrap() error { return e.Err }\n" +
	"type Twin struct { Code int; Err error }\n" +
	"func (e Twin) Error() string { return \"twin\" }\n" +
	"type PE struct { Code int }\n" +
	"func (e *PE) Error() string { return fmt.Sprint(\"pe \", e.Code) }\n" +
	"type SE string\n" +
	"func (e SE) Error() string { return string(e) }\n" +
	"type Pt struct { X, Y int }\n" +
	"func (p Pt) String() string { return fmt.Sprintf(\"(%d,%d)\", p.X, p.Y) }\n" +
	"func mk(i int) error { switch i { case 0: return HE{Code: 1}; case 1: return &PE{Code: 2}; case 2: return SE(\"se\"); case 3: return Twin{Code: 3}; case 4: return &HE{Code: 4}; default: return errors.New(\"plain\") } }\n" +
	"func mka(i int) any { if i == 6 { return Pt{1, 2} }; return mk(i) }"

// Assertions to the types of cells hold as in Go, whatever interface
// the value is held in.
func TestTypeAssertionsOfCellTypes(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"value struct from error", []string{assertTypes, "h, ok := mk(0).(HE)\nfmt.Sprint(h.Code, ok)"}, "1 true"},
		{"value struct, other type of the same fields", []string{assertTypes, "_, ok := mk(3).(HE)\n_, ok2 := mk(3).(Twin)\nfmt.Sprint(ok, ok2)"}, "false true"},
		{"pointer is not the value", []string{assertTypes, "_, ok := mk(4).(HE)\np, ok2 := mk(4).(*HE)\nfmt.Sprint(ok, ok2, p.Code)"}, "false true 4"},
		{"pointer receiver", []string{assertTypes, "p, ok := mk(1).(*PE)\nfmt.Sprint(p.Code, ok)"}, "2 true"},
		{"named string", []string{assertTypes, "s, ok := mk(2).(SE)\nfmt.Sprint(s, \" \", ok)"}, "se true"},
		{"compiled error", []string{assertTypes, "_, ok := mk(9).(HE)\n_, ok2 := mk(9).(*PE)\nfmt.Sprint(ok, ok2)"}, "false false"},
		{"from an any holding an error", []string{assertTypes, "h, ok := mka(0).(HE)\np, ok2 := mka(1).(*PE)\nfmt.Sprint(h.Code, ok, p.Code, ok2)"}, "1 true 2 true"},
		{"any to error", []string{assertTypes, "var a any = HE{Code: 7}\ne, ok := a.(error)\nfmt.Sprint(e, ok)"}, "he 7 true"},
		{"any holding a Stringer", []string{assertTypes, "s, ok := mka(6).(fmt.Stringer)\nfmt.Sprint(s.String(), \" \", ok)"}, "(1,2) true"},
		{"a nil any to error", []string{"func f(x any) string { if e, ok := x.(error); ok { return e.Error() }; return \"not an error\" }", "f(nil) + \" \" + f(io.EOF)"}, "not an error EOF"},
		{"error to Stringer it is not", []string{assertTypes, "_, ok := mk(0).(fmt.Stringer)\nok"}, "false"},
		{"a cell's interface to Stringer", []string{assertTypes, "type Shape interface{ Area() int }\nfunc (p Pt) Area() int { return p.X * p.Y }\nfunc (e *PE) Area() int { return e.Code }", "func strs(xs []Shape) string { out := \"\"; for _, x := range xs { if s, ok := x.(fmt.Stringer); ok { out += s.String() + \";\" } else { out += \"-;\" } }; return out }", "strs([]Shape{Pt{1, 2}, &PE{3}})"}, "(1,2);-;"},
		{"single-valued", []string{assertTypes, "mk(0).(HE).Code + mk(1).(*PE).Code"}, "3"},
		{"inside a function", []string{assertTypes, "func code(e error) int { if h, ok := e.(HE); ok { return h.Code }; return -1 }", "fmt.Sprint(code(mk(0)), code(mk(1)))"}, "1 -1"},
		{"%T names the cell's type", []string{assertTypes, "fmt.Sprintf(\"%T %T %T %T\", mk(0), mka(0), mk(1), mk(9))"}, "main.HE main.HE *main.PE *errors.errorString"},
		{"Unwrap of a value type", []string{assertTypes, "errors.Unwrap(HE{Code: 1, Err: io.EOF}) == io.EOF"}, "true"},
	})
}

// A failed single-valued assertion panics with Go's message.
func TestTypeAssertionPanicsAsGo(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"other cell type", []string{assertTypes, "func try() (s string) { defer func() { r := recover(); _, isRuntime := r.(runtime.Error); s = fmt.Sprint(r, \" \", isRuntime) }(); _ = mk(1).(HE); return }", "try()"},
			"interface conversion: error is *main.PE, not main.HE true"},
		{"nil", []string{assertTypes, "func try() (s string) { defer func() { s = fmt.Sprint(recover()) }(); var x any; _ = x.(error); return }", "try()"},
			"interface conversion: interface is nil, not error"},
	})
}

// Type switches pick the clause Go picks for values of cells' types.
func TestTypeSwitchesOfCellTypes(t *testing.T) {
	sw := "func sw(x any) string {\n" +
		"\tswitch v := x.(type) {\n" +
		"\tcase HE: return fmt.Sprint(\"HE \", v.Code)\n" +
		"\tcase *PE, SE: return fmt.Sprint(\"PE or SE \", v)\n" +
		"\tcase fmt.Stringer: return \"Stringer \" + v.String()\n" +
		"\tcase error: return \"error \" + v.Error()\n" +
		"\tcase nil: return \"nil\"\n" +
		"\tdefault: return fmt.Sprint(\"default \", v)\n" +
		"\t}\n" +
		"}"
	swErr := "func swe(e error) string {\n" +
		"\tswitch e.(type) {\n" +
		"\tcase error: return \"error first\"\n" +
		"\tcase HE: return \"HE\"\n" +
		"\t}\n" +
		"\treturn \"none\"\n" +
		"}"
	swInit := "func swi(i int) string {\n" +
		"\tswitch e := mk(i); v := e.(type) {\n" +
		"\tcase *PE: return fmt.Sprint(\"PE \", v.Code)\n" +
		"\tdefault: return \"other \" + v.Error()\n" +
		"\t}\n" +
		"}"
	runPanicCases(t, []panicCase{
		{"value struct", []string{assertTypes, sw, "sw(mk(0))"}, "HE 1"},
		{"multi-type clause", []string{assertTypes, sw, "sw(mk(1)) + \" | \" + sw(mk(2))"}, "PE or SE pe 2 | PE or SE se"},
		{"interface clause", []string{assertTypes, sw, "sw(mk(3)) + \" | \" + sw(mka(6)) + \" | \" + sw(mk(9))"}, "error twin | Stringer (1,2) | error plain"},
		{"nil and default", []string{assertTypes, sw, "sw(nil) + \" | \" + sw(42)"}, "nil | default 42"},
		{"first clause wins", []string{assertTypes, swErr, "swe(mk(0))"}, "error first"},
		{"init statement", []string{assertTypes, swInit, "swi(1) + \" | \" + swi(0)"}, "PE 2 | other he 1"},
		{"at a cell's top level", []string{assertTypes, "var res string\nswitch v := mk(0).(type) { case HE: res = fmt.Sprint(\"HE \", v.Code) }\nres"}, "HE 1"},
		{"break leaves the switch", []string{assertTypes, "n := 0\nfor i := 0; i < 2; i++ { switch mk(i).(type) { case HE: break; case *PE: n += 10 }; n++ }\nn"}, "12"},
	})
}

// errors.As fills targets of value types and follows their Unwrap;
// errors.Is compares comparable value types with ==.
func TestErrorsAsValueTypes(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"As into a value type", []string{assertTypes, "var h HE\nok := errors.As(fmt.Errorf(\"ctx: %w\", HE{Code: 5}), &h)\nfmt.Sprint(ok, h.Code)"}, "true 5"},
		{"As through a value type's Unwrap", []string{assertTypes, "var p *PE\nok := errors.As(HE{Code: 1, Err: &PE{Code: 8}}, &p)\nfmt.Sprint(ok, p.Code)"}, "true 8"},
		{"As, not found", []string{assertTypes, "var h HE\nerrors.As(Twin{Code: 1}, &h)"}, "false"},
		{"Is with a value sentinel", []string{assertTypes, "func twin(c int) error { return Twin{Code: c} }", "fmt.Sprint(errors.Is(fmt.Errorf(\"w: %w\", twin(9)), twin(9)), errors.Is(twin(9), twin(8)))"}, "true false"},
		{"As into a compiled target through a value type's Unwrap", []string{assertTypes, "var pe *fs.PathError\nok := errors.As(HE{Code: 1, Err: &fs.PathError{Op: \"open\", Path: \"p\", Err: io.EOF}}, &pe)\nfmt.Sprint(ok, \" \", pe.Op)"}, "true open"},
		{"As into a compiled target, not found", []string{assertTypes, "var pe *fs.PathError\nerrors.As(HE{Code: 1, Err: io.EOF}, &pe)"}, "false"},
		{"Is through Unwrap", []string{assertTypes, "errors.Is(HE{Code: 1, Err: io.EOF}, io.EOF)"}, "true"},
		{"Is with a pointer sentinel", []string{assertTypes, "var ErrPE = &PE{Code: 1}", "fmt.Sprint(errors.Is(fmt.Errorf(\"w: %w\", ErrPE), ErrPE), errors.Is(ErrPE, &PE{Code: 1}))"}, "true false"},
	})
}

// A nil pointer of a cell's error type stored in an error is not nil.
func TestTypedNilIsNotNil(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"declaration", []string{assertTypes, "var err error = (*PE)(nil)\nerr != nil"}, "true"},
		{"assignment", []string{assertTypes, "var p *PE\nvar err error\nerr = p\nerr != nil"}, "true"},
		{"return", []string{assertTypes, "func find() error { var p *PE; return p }", "find() != nil"}, "true"},
		{"As gives the nil pointer", []string{assertTypes, "func find() error { var p *PE; return p }", "p := &PE{}\nok := errors.As(find(), &p)\nfmt.Sprint(ok, p == nil)"}, "true true"},
		{"printing a panicking Error", []string{assertTypes, "var err error = (*PE)(nil)\nfmt.Sprint(err)"}, "<nil>"},
		{"a non-nil pointer is itself", []string{assertTypes, "func find() error { return &PE{Code: 3} }", "find().Error()"}, "pe 3"},
	})
}

// The handover serves the goroutine that asks: other goroutines' Error
// methods run as usual meanwhile, and each assertion gets its own value.
func TestTypeAssertionsAcrossGoroutines(t *testing.T) {
	loop := "func mkc(c int) error { return HE{Code: c} }\n" +
		"func hammer() int {\n" +
		"\tvar wg sync.WaitGroup\n" +
		"\tvar mu sync.Mutex\n" +
		"\tbad := 0\n" +
		"\tfor g := 0; g < 4; g++ {\n" +
		"\t\twg.Add(1)\n" +
		"\t\tgo func(g int) {\n" +
		"\t\t\tdefer wg.Done()\n" +
		"\t\t\tfor i := 0; i < 100; i++ {\n" +
		"\t\t\t\te := mkc(g)\n" +
		"\t\t\t\th, ok := e.(HE)\n" +
		"\t\t\t\tif e.Error() != fmt.Sprint(\"he \", g) || !ok || h.Code != g {\n" +
		"\t\t\t\t\tmu.Lock()\n" +
		"\t\t\t\t\tbad++\n" +
		"\t\t\t\t\tmu.Unlock()\n" +
		"\t\t\t\t}\n" +
		"\t\t\t}\n" +
		"\t\t}(g)\n" +
		"\t}\n" +
		"\twg.Wait()\n" +
		"\treturn bad\n" +
		"}"
	runPanicCases(t, []panicCase{
		{"four goroutines", []string{assertTypes, loop, "hammer()"}, "0"},
	})
}

// A value of a cell's error type that a cell panics with comes back from
// recover as itself: its type asserts, and it prints by its method.
func TestRecoveredCellErrors(t *testing.T) {
	try := "func try(f func()) (s string) { defer func() { r := recover(); h, ok := r.(HE); _, isErr := r.(error); s = fmt.Sprint(r, \" \", h.Code, \" \", ok, \" \", isErr) }(); f(); return }"
	runPanicCases(t, []panicCase{
		{"value type", []string{assertTypes, try, "try(func() { panic(HE{Code: 4}) })"}, "he 4 4 true true"},
		{"pointer type", []string{assertTypes, try, "try(func() { panic(&PE{Code: 5}) })"}, "pe 5 0 false true"},
		{"no panic", []string{assertTypes, try, "try(func() {})"}, "<nil> 0 false false"},
	})
}
