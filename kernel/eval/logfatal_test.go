package eval

import (
	"context"
	"strings"
	"testing"
)

// TestLogLogger runs cells with the real *log.Logger: its methods all
// work, and its Fatal methods end the cell with os.Exit's panic after
// writing the message, instead of ending the process.
func TestLogLogger(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string // the value of the last cell, or "error: " + its message
	}{
		{"SetPrefix", []string{"var b1 strings.Builder", "l1 := log.New(&b1, \"\", 0)\nl1.SetPrefix(\"app: \")\nl1.Println(\"ready\")", "b1.String()"}, "app: ready\n"},
		{"log.Default is a *log.Logger", []string{"var d2 *log.Logger = log.Default()", "d2.Prefix() == log.Prefix()"}, "true"},
		{"a *log.Logger parameter", []string{"func prefixOf(l *log.Logger) string { return l.Prefix() }", "prefixOf(log.New(io.Discard, \"p> \", 0))"}, "p> "},
		{"Fatalf at the top level", []string{"l4 := log.New(io.Discard, \"\", 0)", "l4.Fatalf(\"bad %d\", 3)"}, "error: os.Exit(1)"},
		{"Fatal in a function", []string{"l5 := log.New(io.Discard, \"\", 0)", "func stop5() { l5.Fatal(\"x\") }", "stop5()"}, "error: os.Exit(1)"},
		{"Fatalln as a method value", []string{"l6 := log.New(io.Discard, \"\", 0)", "f6 := l6.Fatalln\nf6(\"y\")"}, "error: os.Exit(1)"},
		{"Fatal of a struct field", []string{"type svc7 struct{ log *log.Logger }", "s7 := svc7{log.New(io.Discard, \"\", 0)}", "s7.log.Fatal(\"z\")"}, "error: os.Exit(1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, tt.cells...)
			got := text(r)
			if r.Err != nil {
				got = "error: " + r.Err.Message
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLogFatalWritesFirst checks that the message is written, through the
// logger, before the cell ends, and that the session goes on.
func TestLogFatalWritesFirst(t *testing.T) {
	s := newSession(t, Options{})
	run(t, s, "var b strings.Builder", "l := log.New(&b, \"svc: \", 0)")
	if r := s.Execute(context.Background(), "l.Fatalf(\"failed after %d tries\", 3)"); r.Err == nil || r.Err.Line != 1 {
		t.Fatalf("Fatalf: err = %v, want an error at line 1", r.Err)
	}
	if got := text(run(t, s, "b.String()")); !strings.Contains(got, "svc: failed after 3 tries\n") {
		t.Errorf("the logger's output = %q", got)
	}
}
