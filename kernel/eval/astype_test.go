package eval

import "testing"

// TestErrorsAsType calls errors.AsType from cells: it finds the first
// error of the type in the tree (through Unwrap and Unwrap []error), at a
// cell's top level too, and a variable named errors is not the package.
func TestErrorsAsType(t *testing.T) {
	tests := []struct {
		name string
		body string // the body of a function returning a string
		want string
	}{
		{"a compiled type through %w", `pe, ok := errors.AsType[*fs.PathError](fmt.Errorf("x: %w", &fs.PathError{Op: "open", Path: "p", Err: fs.ErrNotExist}))
	return fmt.Sprint(pe.Path, " ", ok)`, "p true"},
		{"no match", `_, ok := errors.AsType[*fs.PathError](errors.New("plain"))
	return fmt.Sprint(ok)`, "false"},
		{"through errors.Join", `pe, ok := errors.AsType[*fs.PathError](errors.Join(errors.New("a"), &fs.PathError{Path: "j"}))
	return fmt.Sprint(pe.Path, " ", ok)`, "j true"},
		{"nil error", `_, ok := errors.AsType[*fs.PathError](nil)
	return fmt.Sprint(ok)`, "false"},
		{"a variable named errors", `errors := []error{fs.ErrClosed}
	return fmt.Sprint(len(errors))`, "1"},
	}
	t.Run("top level", func(t *testing.T) {
		s := newSession(t, Options{})
		r := run(t, s, `pe, ok := errors.AsType[*fs.PathError](fmt.Errorf("w: %w", &fs.PathError{Path: "q"}))`, "fmt.Sprint(pe.Path, \" \", ok)")
		if r.Err != nil || text(r) != "q true" {
			t.Fatalf("got %q, %v", text(r), r.Err)
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, `import ("errors"; "fmt"; "io/fs")`, "func probe() string {\n\t"+tt.body+"\n}", "probe()")
			if r.Err != nil {
				t.Fatalf("error: %v", r.Err)
			}
			if got := text(r); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
