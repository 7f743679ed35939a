package eval

import "testing"

// errors.Is and errors.Unwrap follow the Unwrap and Is methods of the
// error types that cells declare, as in Go.
func TestErrorsFollowCellTypes(t *testing.T) {
	types := "var ErrBase = errors.New(\"base\")\n" +
		"type wrapE struct{ err error }\n" +
		"func (w *wrapE) Error() string { return \"wrap: \" + w.err.Error() }\n" +
		"func (w *wrapE) Unwrap() error { return w.err }\n" +
		"type codeE struct{ code int }\n" +
		"func (c *codeE) Error() string { return fmt.Sprint(\"code \", c.code) }\n" +
		"func (c *codeE) Is(t error) bool { return t.Error() == \"any code\" }\n" +
		"type multiE struct{ errs []error }\n" +
		"func (m *multiE) Error() string { return \"multi\" }\n" +
		"func (m *multiE) Unwrap() []error { return m.errs }\n" +
		"type asE struct{}\n" +
		"func (a *asE) Error() string { return \"as\" }\n" +
		"func (a *asE) As(t any) bool { if c, ok := t.(**codeE); ok { *c = &codeE{42}; return true }; return false }"
	runPanicCases(t, []panicCase{
		{"Unwrap of a cell type", []string{types, "errors.Is(&wrapE{ErrBase}, ErrBase)"}, "true"},
		{"not in the chain", []string{types, "errors.Is(&wrapE{errors.New(\"other\")}, ErrBase)"}, "false"},
		{"cell type, then compiled wrapping", []string{types, "errors.Is(&wrapE{fmt.Errorf(\"ctx: %w\", ErrBase)}, ErrBase)"}, "true"},
		{"compiled wrapping, then cell type", []string{types, "errors.Is(fmt.Errorf(\"ctx: %w\", &wrapE{ErrBase}), ErrBase)"}, "true"},
		{"fmt.Errorf wraps a cell's error", []string{types, "fmt.Errorf(\"ctx: %w\", &codeE{7}).Error()"}, "ctx: code 7"},
		{"As through fmt.Errorf", []string{types, "var c *codeE\nok := errors.As(fmt.Errorf(\"ctx: %w\", &wrapE{&codeE{5}}), &c)\nfmt.Sprint(ok, \" \", c.code)"}, "true 5"},
		{"errors.Join of a cell's error", []string{types, "errors.Is(errors.Join(errors.New(\"a\"), &wrapE{ErrBase}), ErrBase)"}, "true"},
		{"Is method", []string{types, "errors.Is(&wrapE{&codeE{3}}, errors.New(\"any code\"))"}, "true"},
		{"Is method says no", []string{types, "errors.Is(&codeE{3}, ErrBase)"}, "false"},
		{"the target itself", []string{types, "e := &codeE{1}\nerrors.Is(&wrapE{e}, e)"}, "true"},
		{"Unwrap() []error, depth first", []string{types, "errors.Is(&multiE{[]error{errors.New(\"a\"), &wrapE{ErrBase}}}, ErrBase)"}, "true"},
		{"nil", []string{types, "fmt.Sprint(errors.Is(nil, ErrBase), errors.Is(nil, nil))"}, "false true"},
		{"errors.Unwrap", []string{types, "errors.Unwrap(&wrapE{ErrBase}) == ErrBase"}, "true"},
		{"errors.Unwrap of []error is nil", []string{types, "errors.Unwrap(&multiE{[]error{ErrBase}}) == nil"}, "true"},
		{"a type of a later cell", []string{types, "type lateE struct{ err error }\nfunc (l *lateE) Error() string { return \"late\" }\nfunc (l *lateE) Unwrap() error { return l.err }", "errors.Is(&lateE{&wrapE{ErrBase}}, ErrBase)"}, "true"},
		{"As through Unwrap", []string{types, "var c *codeE\nok := errors.As(&wrapE{&codeE{3}}, &c)\nfmt.Sprint(ok, \" \", c.code)"}, "true 3"},
		{"As, not found", []string{types, "var c *codeE\nok := errors.As(&wrapE{ErrBase}, &c)\nfmt.Sprint(ok, \" \", c == nil)"}, "false true"},
		{"As through Unwrap() []error", []string{types, "var w *wrapE\nok := errors.As(&multiE{[]error{&codeE{1}, &wrapE{ErrBase}}}, &w)\nfmt.Sprint(ok, \" \", w.err == ErrBase)"}, "true true"},
		{"As method", []string{types, "var c *codeE\nok := errors.As(&wrapE{&asE{}}, &c)\nfmt.Sprint(ok, \" \", c.code)"}, "true 42"},
		{"As of a compiled target", []string{types, "var pe *fs.PathError\nerrors.As(fmt.Errorf(\"x: %w\", &fs.PathError{Op: \"open\", Path: \"p\", Err: ErrBase}), &pe)"}, "true"},
		{"compiled errors alone", []string{"errors.Is(fmt.Errorf(\"x: %w\", io.EOF), io.EOF)"}, "true"},
	})
}
