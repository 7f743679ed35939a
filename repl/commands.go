package repl

import (
	"context"
	"fmt"
	"os"
	"strings"
)

// command is one of the REPL's colon commands.
type command struct {
	name, args, help string
	run              func(s *shell, arg string) (quit bool)
}

// commands lists the REPL's commands; :help prints them in this order.
var commands []command

func init() {
	// Set here rather than in the declaration: :help refers to the list.
	commands = []command{
		{":help", "", "show this help", (*shell).help},
		{":doc", "NAME", "show the documentation of a package symbol, or the type and value of a variable", (*shell).doc},
		{":load", "FILE.go", "run a Go file as a cell", (*shell).load},
		{":reset", "", "start a new session, forgetting every variable, function and import", (*shell).reset},
		{":quit", "", "leave (Ctrl-D does the same)", func(*shell, string) bool { return true }},
	}
}

// runCommand runs a line starting with a colon and says whether to quit.
func (s *shell) runCommand(line string) (quit bool) {
	name, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
	arg = strings.TrimSpace(arg)
	for _, c := range commands {
		if c.name == name || (name == ":q" && c.name == ":quit") {
			return c.run(s, arg)
		}
	}
	fmt.Fprintf(s.errOut, "unknown command %s (:help lists the commands)\n", name)
	return false
}

// help prints the commands and keys.
func (s *shell) help(string) bool {
	fmt.Fprintln(s.out, "Type Go: statements, expressions, declarations and imports, as in a notebook cell.")
	fmt.Fprintln(s.out, "A cell goes on over several lines until it is complete; a blank line runs it as it is.")
	fmt.Fprintln(s.out, "Pasted text joins the cell, blank lines and all, and runs at Enter.")
	fmt.Fprintln(s.out, "Up brings back a whole cell on one line, ↵ where its lines break.")
	fmt.Fprintln(s.out, "Tab completes, Ctrl-C interrupts a running cell or clears the line, Ctrl-D leaves.")
	fmt.Fprintf(s.out, "Images are written to %s/.\n\n", s.runner.cfg.OutDir)
	for _, c := range commands {
		usage := c.name
		if c.args != "" {
			usage += " " + c.args
		}
		fmt.Fprintf(s.out, "  %-14s %s\n", usage, c.help)
	}
	return false
}

// doc prints what the core knows of a name.
func (s *shell) doc(name string) bool {
	if name == "" {
		fmt.Fprintln(s.errOut, "usage: :doc NAME (for example :doc fmt.Println)")
		return false
	}
	doc, found := s.runner.Session().Inspect(name, len(name))
	if !found {
		fmt.Fprintf(s.errOut, "no documentation for %s\n", name)
		return false
	}
	writeLine(s.out, doc)
	return false
}

// load runs a Go file as one cell.
func (s *shell) load(path string) bool {
	if path == "" {
		fmt.Fprintln(s.errOut, "usage: :load FILE.go")
		return false
	}
	code, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(s.errOut, "rnnrepl: %v\n", err)
		return false
	}
	// The runner has shown any error.
	s.execute(func(ctx context.Context) { s.runner.RunFile(ctx, path, string(code)) })
	return false
}

// reset replaces the session.
func (s *shell) reset(string) bool {
	if err := s.runner.Reset(); err != nil {
		fmt.Fprintf(s.errOut, "rnnrepl: %v\n", err)
		return false
	}
	fmt.Fprintln(s.out, "new session: every variable, function and import is forgotten")
	return false
}
