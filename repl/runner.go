package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/gornn/gornn/display"
	"github.com/gornn/gornn/kernel/eval"
	"github.com/gornn/gornn/kernel/modules"
)

// DefaultOutDir is where images are written unless Config.OutDir says
// otherwise.
const DefaultOutDir = "rnnrepl-out"

// Config configures a Runner.
type Config struct {
	// Stdout receives values, displays and, when a notebook is recorded,
	// the cells' own output; nil means os.Stdout.
	Stdout io.Writer
	// Stderr receives errors; nil means os.Stderr.
	Stderr io.Writer
	// OutDir is the folder for images; empty means DefaultOutDir.
	OutDir string
	// Env is the cells' environment; nil means os.Environ().
	Env []string
	// KeepGoing runs a notebook's remaining cells after one fails.
	KeepGoing bool
	// Input answers cells reading standard input; with nil, such reads
	// see the end of input (io.EOF), as a program run with `< /dev/null`.
	Input func(prompt string, password bool) (string, error)
	// Preload adds to the session's options the compiled packages cells
	// can import beyond the standard library (as package preload does);
	// fe is where their rich output must go. Nil offers only the
	// standard library.
	Preload func(o eval.Options, fe display.Frontend) eval.Options
}

// Runner runs cells on one evaluation session and shows their results as
// text. Runs of a notebook can also be recorded into the notebook.
type Runner struct {
	cfg      Config
	terminal bool // progress bars draw themselves on the terminal
	sess     *eval.Session
	p        *printer

	mu      sync.Mutex
	prefix  string        // names image files of the running cell
	rec     *recorder     // non-nil while a notebook is recorded
	pending *display.Data // the last update of a display, not yet echoed
	capture *eval.Capture // non-nil while fds 1 and 2 are captured
}

// NewRunner starts a session. With terminal set, progress bars draw
// themselves on standard error; otherwise they arrive as display updates,
// of which the text shows the last.
func NewRunner(cfg Config, terminal bool) (*Runner, error) {
	if cfg.Stdout == nil {
		cfg.Stdout = os.Stdout
	}
	if cfg.Stderr == nil {
		cfg.Stderr = os.Stderr
	}
	if cfg.OutDir == "" {
		cfg.OutDir = DefaultOutDir
	}
	r := &Runner{cfg: cfg, terminal: terminal}
	r.p = &printer{out: cfg.Stdout, errOut: cfg.Stderr, images: &imageFiles{dir: cfg.OutDir}}
	if err := r.Reset(); err != nil {
		return nil, err
	}
	return r, nil
}

// Reset replaces the session by a new one, forgetting every variable,
// function and import.
func (r *Runner) Reset() error {
	opts := eval.Options{Input: r.cfg.Input, Env: r.cfg.Env, ModulesDir: modulesDir()}
	if r.cfg.Preload != nil {
		opts = r.cfg.Preload(opts, display.Frontend{Publish: r.onDisplay, ClearOutput: r.onClear, Terminal: r.terminal})
	}
	sess, err := eval.New(opts)
	if err != nil {
		return fmt.Errorf("repl: starting the interpreter: %w", err)
	}
	r.sess = sess
	return nil
}

// modulesDir is where the modules that cells import are recorded: the
// .gornn folder of the directory rnnrepl starts in (a notebook's own,
// when it runs one), so that each directory keeps its versions.
func modulesDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return filepath.Join(wd, modules.RecordDir)
}

// Session returns the evaluation session, for completion and docs.
func (r *Runner) Session() *eval.Session { return r.sess }

// Execute runs one cell and shows its value or error. Its images are
// written to files named after prefix; later tracebacks name the cell
// In [number].
func (r *Runner) Execute(ctx context.Context, prefix, code string, number int) *eval.Result {
	return r.execute(ctx, prefix, code, CellError{}, number)
}

// execute runs one cell as Execute does; an error is shown as where, the
// cell's place in a notebook or file, says. A number of 0 leaves the
// cell's name in later tracebacks to the session's count of cells.
func (r *Runner) execute(ctx context.Context, prefix, code string, where CellError, number int) *eval.Result {
	r.mu.Lock()
	r.prefix = prefix
	r.mu.Unlock()
	var res *eval.Result
	if number > 0 {
		res = r.sess.ExecuteCell(ctx, code, eval.CellOptions{Number: number})
	} else {
		res = r.sess.Execute(ctx, code)
	}
	r.syncCapture()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.flushPending()
	if res.Value != nil {
		r.p.data(prefix, res.Value.Data)
	}
	if res.Err != nil {
		where.Err = res.Err
		r.p.error(&where)
	}
	return res
}

// onDisplay receives rich output from the session.
func (r *Runner) onDisplay(d display.Data) {
	// Output printed before the display comes first.
	r.syncCapture()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.rec != nil {
		r.rec.display(d)
	}
	if d.Update {
		// A display may be updated hundreds of times (a progress bar
		// that does not draw itself); text shows its last state, when
		// other output follows or the cell ends.
		if r.pending != nil && r.pending.ID != d.ID {
			r.flushPending()
		}
		r.pending = &d
		return
	}
	r.flushPending()
	r.p.data(r.prefix, d.Data)
}

// flushPending echoes the last state of an updated display. r.mu is held.
func (r *Runner) flushPending() {
	if r.pending == nil {
		return
	}
	d := r.pending
	r.pending = nil
	r.p.data(r.prefix, d.Data)
}

// onClear receives clear_output from the session. A terminal cannot take
// text back, so only a recorded notebook is cleared.
func (r *Runner) onClear(wait bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.rec != nil {
		r.rec.clear(wait)
	}
}

// RunNotebook runs the code cells of nb in order, showing what they print.
// With record set, it also stores their outputs and execution counts in
// nb, capturing fds 1 and 2 meanwhile. name prefixes the image files. It
// stops at the first failing cell (unless Config.KeepGoing) and returns a
// *CellError for it, which it has already shown.
func (r *Runner) RunNotebook(ctx context.Context, nb *Notebook, name string, record bool) error {
	if record || !r.terminal {
		stop, err := r.startCapture(record)
		if err != nil {
			return err
		}
		defer stop()
	}
	var first error
	count := 0
	for _, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		if strings.TrimSpace(c.Source) == "" {
			// Jupyter does not run empty cells.
			if record {
				c.Outputs, c.ExecutionCount = nil, nil
			}
			continue
		}
		count++
		if record {
			r.mu.Lock()
			r.rec.begin(c, count)
			r.mu.Unlock()
		}
		res := r.execute(ctx, fmt.Sprintf("%s-cell%d", name, count), c.Source, CellError{Cell: count}, count)
		if record {
			r.mu.Lock()
			if res.Value != nil {
				r.rec.result(count, res.Value)
			}
			if res.Err != nil {
				r.rec.error(res.Err)
			}
			r.rec.end()
			r.mu.Unlock()
		}
		if res.Err == nil {
			continue
		}
		if first == nil {
			first = &CellError{Cell: count, Err: res.Err}
		}
		if !r.cfg.KeepGoing || ctx.Err() != nil {
			break
		}
	}
	return first
}

// RunFile runs a Go file as one cell; name is used in error
// messages and image file names. The evaluation core runs a file with a
// package clause as a program: its func main is called after its
// declarations, as go run would, and errors keep the file's positions.
// A *CellError it returns has already been shown.
func (r *Runner) RunFile(ctx context.Context, name, code string) error {
	if !r.terminal {
		stop, err := r.startCapture(false)
		if err != nil {
			return err
		}
		defer stop()
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if res := r.execute(ctx, base, code, CellError{File: name}, 0); res.Err != nil {
		return &CellError{File: name, Err: res.Err}
	}
	return nil
}

// IsCellError says whether err reports a failing cell (as opposed to a
// problem with the files or the terminal).
func IsCellError(err error) bool {
	var ce *CellError
	return errors.As(err, &ce)
}
