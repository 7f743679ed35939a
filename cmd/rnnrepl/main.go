// Command rnnrepl is gornn's terminal REPL and notebook runner.
//
//	rnnrepl                          interactive REPL (Tab completes, :help)
//	rnnrepl FILE.ipynb [-o OUT.ipynb] run a notebook's code cells in order
//	rnnrepl FILE.go                  run a Go file as one cell
//	COMMAND | rnnrepl                run code piped on standard input
//
// Images go to files in the output folder (-out) and their paths are
// printed. The exit status is 1 when a cell fails (its error, printed once,
// names the cell and line), 2 for bad arguments or unreadable files.
//
// Piped, standard input runs as a session at the prompt would, without
// prompts: cell by cell as each is complete, and a cell that reads
// standard input gets the lines that follow it. A piped program (package
// main) is read to its end and run as a Go file is. Unlike the prompt, the
// first failing cell stops the run (unless -keep-going).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/chzyer/readline"

	"github.com/gornn/gornn/kernel/eval"
	"github.com/gornn/gornn/kernel/preload"
	"github.com/gornn/gornn/repl"
)

// options are the command line's flags and file.
type options struct {
	file      string
	output    string
	outputAbs string // output from where rnnrepl started
	outDir    string
	quick     bool
	keepGoing bool
}

func main() {
	eval.SetGCDefault()
	opts, err := parseArgs(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "rnnrepl: %v\n", err)
		os.Exit(2)
	}
	os.Exit(run(opts))
}

// parseArgs reads flags placed before or after the file name.
func parseArgs(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("rnnrepl", flag.ContinueOnError)
	fs.StringVar(&o.output, "o", "", "write the executed notebook to `OUT.ipynb`")
	fs.StringVar(&o.outDir, "out", repl.DefaultOutDir, "`folder` for images the cells display")
	fs.BoolVar(&o.quick, "quick", false, "set GORNN_QUICK=1 for the cells (the bundled notebook then runs in seconds)")
	fs.BoolVar(&o.keepGoing, "keep-going", false, "run a notebook's remaining cells after one fails")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: rnnrepl [flags] [FILE.ipynb | FILE.go]\n\n"+
			"Without a file, rnnrepl reads code from standard input: interactively on a\n"+
			"terminal, cell by cell without prompts when piped.\n\nflags:\n")
		fs.PrintDefaults()
	}
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return o, err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case len(files) > 1:
		return o, fmt.Errorf("one file at a time, got %d: %s", len(files), strings.Join(files, " "))
	case len(files) == 1:
		o.file = files[0]
	}
	if o.output != "" && !strings.HasSuffix(o.file, ".ipynb") {
		return o, fmt.Errorf("-o writes an executed notebook; it needs a .ipynb file to run")
	}
	if o.output != "" {
		// Relative to where rnnrepl started: a cell's %cd must not move
		// the executed notebook.
		abs, err := filepath.Abs(o.output)
		if err != nil {
			return o, err
		}
		o.outputAbs = abs
	}
	return o, nil
}

// run does what the options ask and returns the exit status.
func run(o options) int {
	env := os.Environ()
	if o.quick {
		env = append(env, "GORNN_QUICK=1")
		// Compiled packages read the process's environment.
		os.Setenv("GORNN_QUICK", "1")
	}
	cfg := repl.Config{OutDir: o.outDir, Env: env, KeepGoing: o.keepGoing, Preload: preload.Options}

	if o.file == "" && readline.DefaultIsTerminal() {
		if err := repl.Interactive(repl.InteractiveConfig{Config: cfg}); err != nil {
			fmt.Fprintf(os.Stderr, "rnnrepl: %v\n", err)
			return 1
		}
		return 0
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		// After the first Ctrl-C has interrupted the cell, a second one
		// ends the process the usual way.
		<-ctx.Done()
		stop()
	}()

	// Cells reading standard input get its lines: when the code itself
	// is piped, the lines that follow the cell.
	stdin := repl.NewLines(os.Stdin, os.Stderr)
	cfg.Input = stdin.Input
	// Progress bars draw themselves on a terminal, unless they are recorded
	// into a notebook; in a log they show their final state.
	terminal := o.output == "" && readline.IsTerminal(int(os.Stderr.Fd()))
	runner, err := repl.NewRunner(cfg, terminal)
	if err != nil {
		fmt.Fprintf(os.Stderr, "rnnrepl: %v\n", err)
		return 2
	}
	err = runFile(ctx, runner, o, stdin)
	switch {
	case err == nil:
		return 0
	case repl.IsCellError(err):
		// The runner has shown the error where the cell failed.
		return 1
	default:
		fmt.Fprintf(os.Stderr, "rnnrepl: %v\n", err)
		return 2
	}
}

// runFile runs the notebook, Go file or standard input the options name.
func runFile(ctx context.Context, runner *repl.Runner, o options, stdin *repl.Lines) error {
	switch {
	case o.file == "":
		return runner.RunStream(ctx, "stdin", stdin)
	case strings.HasSuffix(o.file, ".ipynb"):
		nb, err := repl.ReadNotebook(o.file)
		if err != nil {
			return err
		}
		if o.output != "" {
			// Find out now, not after a long run, that the result has
			// nowhere to go.
			if fi, err := os.Stat(filepath.Dir(o.output)); err != nil || !fi.IsDir() {
				return fmt.Errorf("-o %s: no folder %s to write it in", o.output, filepath.Dir(o.output))
			}
		}
		name := strings.TrimSuffix(filepath.Base(o.file), ".ipynb")
		runErr := runner.RunNotebook(ctx, nb, name, o.output != "")
		if o.output != "" {
			// The executed notebook is written even when a cell failed:
			// it shows the error where it happened.
			if err := nb.WriteFile(o.outputAbs); err != nil {
				return err
			}
		}
		return runErr
	default:
		code, err := os.ReadFile(o.file)
		if err != nil {
			return err
		}
		return runner.RunFile(ctx, o.file, string(code))
	}
}
