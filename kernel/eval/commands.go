package eval

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/gornn/gornn/kernel/magic"
)

// Execute runs one cell. Cancelling ctx interrupts the cell; the session
// keeps its state and stays usable. Lines that are notebook commands
// (%time, NAME?, !ls, … see package magic) run as such, in order with the
// cell's Go code, and never reach the Go parser.
func (s *Session) Execute(ctx context.Context, code string) *Result {
	if !magic.HasCommands(code) {
		return s.executeGo(ctx, code)
	}
	res, err := magic.Execute(ctx, commandHost{s}, code, commandOutput{s})
	var cellErr *Error
	var cmdErr *magic.Error
	switch {
	case errors.As(err, &cellErr):
		return &Result{Err: cellErr}
	case errors.As(err, &cmdErr):
		return &Result{Err: newError("CommandError", cmdErr.Msg, code, cmdErr.Line, 0)}
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return &Result{Err: &Error{Name: "Interrupted", Message: "the cell was interrupted",
			Traceback: []string{"Interrupted: the cell was interrupted"}}}
	case err != nil:
		return &Result{Err: &Error{Name: "CommandError", Message: err.Error(),
			Traceback: []string{"CommandError: " + err.Error()}}}
	}
	if r, ok := res.(*Result); ok {
		return r
	}
	return &Result{}
}

// commandHost gives the notebook commands the session to work on.
type commandHost struct{ s *Session }

// Run runs a Go part of the cell. A failed part's *Error is the error,
// so that Execute reports it as the cell's.
func (h commandHost) Run(ctx context.Context, code string) (any, error) {
	r := h.s.executeGo(ctx, code)
	if r.Err != nil {
		return nil, r.Err
	}
	return r, nil
}

// Compile evaluates body as the body of a function literal, for %timeit:
// the statements are compiled once and the timing loop calls them.
func (h commandHost) Compile(ctx context.Context, body string) (func(), error) {
	// The literal is assigned and then read: the interpreter's value of a
	// bare literal is not the function.
	src := "gornnTimeitBody := func() {\n" + body + "\n}\ngornnTimeitBody"
	v, err := h.s.in.EvalWithContext(ctx, src)
	if err != nil {
		return nil, &Error{Name: "CompileError", Message: err.Error(),
			Traceback: []string{"CompileError: " + err.Error()}}
	}
	if v.Kind() != reflect.Func || v.Type().NumIn() != 0 {
		return nil, fmt.Errorf("%%timeit: %q is not a statement", body)
	}
	return func() { v.Call(nil) }, nil
}

// Doc documents a name or selector as Inspect does.
func (h commandHost) Doc(name string, detail int) (string, bool) {
	return h.s.Inspect(name, len(name))
}

// Names lists the session's globals, functions and types.
func (h commandHost) Names() []magic.Binding {
	s := h.s
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []magic.Binding
	for name, v := range s.globals {
		if strings.HasPrefix(name, "_") || !v.IsValid() || isHelperName(name) {
			continue
		}
		if _, ok := s.funcs[name]; ok {
			continue
		}
		typ := v.Type().String()
		if t, ok := s.varTypes[name]; ok {
			typ = t
		}
		out = append(out, magic.Binding{Name: name, Kind: "var", Type: typ})
	}
	for name, f := range s.funcs {
		out = append(out, magic.Binding{Name: name, Kind: "func", Type: funcSignature(f.src)})
	}
	for name := range s.types {
		out = append(out, magic.Binding{Name: name, Kind: "type", Type: "type"})
	}
	for name, path := range s.imports {
		out = append(out, magic.Binding{Name: name, Kind: "pkg", Type: fmt.Sprintf("%q", path)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// funcSignature returns the signature in a function's declaration, the
// text before its body.
func funcSignature(src string) string {
	if i := strings.Index(src, "func"); i >= 0 {
		src = src[i+len("func"):]
	}
	if i := strings.Index(src, "{"); i > 0 {
		src = src[:i]
	}
	return strings.TrimSpace(src)
}

// isHelperName reports whether name is one of the session's own helpers,
// which cells never declared.
func isHelperName(name string) bool {
	return name == rtAlias || strings.HasPrefix(name, "gornn")
}

// Reset forgets every name: the session gets a new interpreter with the
// same options.
func (h commandHost) Reset() error { return h.s.Reset() }

// envAlias is the name under which the session imports os for Setenv.
const envAlias = "gornnEnvOS"

// Setenv sets a variable in the environment the interpreter gives cells
// (a copy it keeps of Options.Env or of the process's environment at
// start), through the interpreter's own os.Setenv.
func (h commandHost) Setenv(key, value string) error {
	s := h.s
	if _, err := s.in.Eval(`import ` + envAlias + ` "os"`); err != nil && !strings.Contains(err.Error(), "redeclared") {
		return err
	}
	_, err := s.in.Eval(fmt.Sprintf("%s.Setenv(%q, %q)", envAlias, key, value))
	return err
}

// GetModule adds or changes a module in the session's record.
func (h commandHost) GetModule(ctx context.Context, spec string) (string, error) {
	if h.s.mods == nil {
		return "", errors.New("this front end keeps no record of modules (no ModulesDir): cells can import only the standard library and the preloaded packages")
	}
	return h.s.mods.Get(ctx, spec)
}

// commandOutput writes what commands print where the cell's own output
// goes: the process's standard streams, which the front end captures.
type commandOutput struct{ s *Session }

func (o commandOutput) Stream(name, text string) {
	if name == "stderr" {
		os.Stderr.WriteString(text)
		return
	}
	os.Stdout.WriteString(text)
}

// Page shows documentation in the front end's pager, or prints it.
func (o commandOutput) Page(text string) {
	if o.s.opts.Page != nil {
		o.s.opts.Page(text)
		return
	}
	o.Stream("stdout", text+"\n")
}

// Reset forgets every variable, function, type and import of the
// session's cells: it continues with a new interpreter made with the
// same options.
func (s *Session) Reset() error {
	old := s.in
	if err := s.start(); err != nil {
		return err
	}
	// Goroutines of the old cells stop with their interpreter.
	stopInterpreter(old)
	return nil
}
