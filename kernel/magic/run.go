package magic

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
)

// Host is what the commands need from the evaluation core.
type Host interface {
	// Run executes Go source as a cell. Positions in code are positions
	// in the user's cell (other parts' lines are blank). The result is
	// whatever the core makes of the cell's value; Run's error is
	// returned by Execute unchanged.
	Run(ctx context.Context, code string) (result any, err error)
	// Compile turns the Go statements in body into a function that runs
	// them at each call, for %timeit.
	Compile(ctx context.Context, body string) (func(), error)
	// Doc returns the documentation of a name or selector such as
	// rnn.BasicLSTMCell; detail 2 asks for more (NAME??).
	Doc(name string, detail int) (string, bool)
	// Names lists the names the session holds, with their types.
	Names() []Binding
	// Reset forgets every name the session holds.
	Reset() error
	// Setenv sets an environment variable for the code the session runs.
	Setenv(key, value string) error
	// GetModule adds or changes the version of a Go module that cells
	// can import, as `go get spec` does, and returns what changed.
	GetModule(ctx context.Context, spec string) (string, error)
}

// Binding is one name a session holds.
type Binding struct {
	Name, Kind, Type string
}

// Output receives what commands produce.
type Output interface {
	// Stream shows text on "stdout" or "stderr".
	Stream(name, text string)
	// Page shows documentation in the front end's pager (Jupyter) or as
	// text (a terminal).
	Page(text string)
}

// Error is a mistake in a command line: an unknown command or a bad
// argument. It names the cell's line.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("cell:%d: %s", e.Line, e.Msg) }

// Execute runs the parts of cell in order and returns the result of the
// last Go part. It stops at the first error.
func Execute(ctx context.Context, h Host, cell string, out Output) (result any, err error) {
	for _, p := range Parse(cell) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var r any
		switch p.Kind {
		case Go:
			r, err = h.Run(ctx, p.Code)
		case Shell:
			err = runShell(ctx, p, out)
		case Help:
			doc, ok := h.Doc(p.Name, p.Detail)
			if !ok {
				err = &Error{p.Line, "no documentation found for " + p.Name}
			} else {
				out.Page(doc)
			}
		case CellCommand:
			r, err = cellCommand(ctx, h, p, out)
		case LineCommand:
			r, err = lineCommand(ctx, h, p, out)
		}
		if err != nil {
			return nil, err
		}
		result = r
	}
	return result, nil
}

// cellCommand runs a %%name command over the rest of the cell.
func cellCommand(ctx context.Context, h Host, p Part, out Output) (any, error) {
	switch p.Name {
	case "time":
		var r any
		err := timeOnce(out, func() error {
			var err error
			r, err = h.Run(ctx, p.Code)
			return err
		})
		return r, err
	case "timeit":
		return nil, timeit(ctx, h, p, strings.TrimSpace(p.Code), out)
	}
	return nil, unknown(p)
}

// lineCommand runs a %name command.
func lineCommand(ctx context.Context, h Host, p Part, out Output) (any, error) {
	switch p.Name {
	case "help":
		out.Stream("stdout", helpText)
		return nil, nil
	case "time":
		if p.Arg == "" {
			return nil, &Error{p.Line, "%time needs a statement: %time f(x) (or %%time on a cell's first line)"}
		}
		var r any
		err := timeOnce(out, func() error {
			var err error
			r, err = h.Run(ctx, strings.Repeat("\n", p.Line-1)+p.Arg)
			return err
		})
		return r, err
	case "timeit":
		if p.Arg == "" {
			return nil, &Error{p.Line, "%timeit needs a statement: %timeit f(x)"}
		}
		return nil, timeit(ctx, h, p, p.Arg, out)
	case "get":
		if p.Arg == "" || strings.ContainsAny(p.Arg, " \t") {
			return nil, &Error{p.Line, "%get needs one module: %get github.com/google/uuid@v1.6.0"}
		}
		report, err := h.GetModule(ctx, p.Arg)
		if err != nil {
			return nil, &Error{p.Line, err.Error()}
		}
		if report == "" {
			report = p.Arg + ": already at that version"
		}
		out.Stream("stdout", report+"\n")
		return nil, nil
	case "env":
		return nil, env(h, p, out)
	case "cd":
		return nil, cd(p, out)
	case "who":
		who(h.Names(), out)
		return nil, nil
	case "reset":
		if p.Arg != "" {
			return nil, &Error{p.Line, "%reset takes no argument"}
		}
		if err := h.Reset(); err != nil {
			return nil, err
		}
		out.Stream("stdout", "every name the session held is gone\n")
		return nil, nil
	}
	return nil, unknown(p)
}

func unknown(p Part) error {
	prefix := "%"
	if p.Kind == CellCommand {
		prefix = "%%"
	}
	return &Error{p.Line, fmt.Sprintf("unknown command %s%s (%%help lists the commands)", prefix, p.Name)}
}

// env lists, shows or sets environment variables.
func env(h Host, p Part, out Output) error {
	arg := p.Arg
	switch {
	case arg == "":
		vars := os.Environ()
		sort.Strings(vars)
		out.Stream("stdout", strings.Join(vars, "\n")+"\n")
		return nil
	case strings.ContainsAny(arg, "= "):
		key, value, _ := strings.Cut(arg, "=")
		if !strings.Contains(arg, "=") {
			key, value, _ = strings.Cut(arg, " ")
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if key == "" {
			return &Error{p.Line, "%env needs a name: %env NAME=value"}
		}
		if err := os.Setenv(key, value); err != nil {
			return &Error{p.Line, err.Error()}
		}
		if err := h.Setenv(key, value); err != nil {
			return err
		}
		out.Stream("stdout", fmt.Sprintf("env: %s=%s\n", key, value))
		return nil
	default:
		v, ok := os.LookupEnv(arg)
		if !ok {
			return &Error{p.Line, "environment variable " + arg + " is not set"}
		}
		out.Stream("stdout", v+"\n")
		return nil
	}
}

// cd changes the process's working directory, as IPython's %cd does:
// a kernel has one, shared by the cells and the commands they start.
func cd(p Part, out Output) error {
	dir := p.Arg
	if dir == "" || dir == "~" || strings.HasPrefix(dir, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return &Error{p.Line, err.Error()}
		}
		dir = home + strings.TrimPrefix(dir, "~")
	}
	if err := os.Chdir(dir); err != nil {
		return &Error{p.Line, err.Error()}
	}
	wd, err := os.Getwd()
	if err != nil {
		return &Error{p.Line, err.Error()}
	}
	out.Stream("stdout", wd+"\n")
	return nil
}

// who prints the session's names in a table.
func who(names []Binding, out Output) {
	if len(names) == 0 {
		out.Stream("stdout", "the session holds no names yet\n")
		return
	}
	sort.Slice(names, func(i, j int) bool { return names[i].Name < names[j].Name })
	width := len("NAME")
	for _, n := range names {
		width = max(width, len(n.Name))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s  %-5s  %s\n", width, "NAME", "KIND", "TYPE")
	for _, n := range names {
		fmt.Fprintf(&b, "%-*s  %-5s  %s\n", width, n.Name, n.Kind, n.Type)
	}
	out.Stream("stdout", b.String())
}
