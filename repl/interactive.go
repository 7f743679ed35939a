package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"

	"github.com/chzyer/readline"
)

// InteractiveConfig configures the interactive REPL.
type InteractiveConfig struct {
	Config
	// HistoryFile keeps the lines typed across sessions; empty means
	// HistoryPath(), "-" means no history file.
	HistoryFile string
}

// Prompts of the REPL: the first line of a cell and the lines that
// continue it.
const (
	prompt             = "go> "
	continuationPrompt = "... "
)

// shell is one interactive session on the terminal.
type shell struct {
	runner *Runner
	rl     *readline.Instance
	out    io.Writer
	errOut io.Writer
	lines  []string // the cell being typed
	count  int      // cells run, which name their image files
	mu     sync.Mutex
	cancel context.CancelFunc // interrupts the running cell; nil at the prompt
}

// Interactive runs the read-eval-print loop on the terminal until Ctrl-D
// or :quit.
func Interactive(cfg InteractiveConfig) error {
	s := &shell{}
	cfg.Input = s.input
	runner, err := NewRunner(cfg.Config, true)
	if err != nil {
		return err
	}
	s.runner, s.out, s.errOut = runner, runner.cfg.Stdout, runner.cfg.Stderr

	history := cfg.HistoryFile
	switch history {
	case "-":
		history = ""
	case "":
		if history, err = HistoryPath(); err == nil {
			err = prepareHistory(history)
		}
		if err != nil {
			fmt.Fprintf(s.errOut, "rnnrepl: %v; going on without a history file\n", err)
			history = ""
		}
	}
	// readline's Close does not close the standard input it wraps by
	// default, so a read it started after the last key (Ctrl-D) would keep
	// Close waiting for one more key. Our own cancelable reader, closed
	// first, ends that read.
	stdin := readline.NewCancelableStdin(os.Stdin)
	s.rl, err = readline.NewEx(&readline.Config{
		Stdin:             stdin,
		Prompt:            prompt,
		HistoryFile:       history,
		HistorySearchFold: true,
		FuncGetWidth:      screenWidth,
		AutoComplete: &completer{
			complete: func(code string, cursor int) ([]string, int, int) {
				return s.runner.Session().Complete(code, cursor)
			},
			before: s.cellSoFar,
		},
	})
	if err != nil {
		stdin.Close()
		return fmt.Errorf("repl: terminal: %w", err)
	}
	defer func() {
		stdin.Close()
		s.rl.Close()
	}()

	// Ctrl-C reaches the process as SIGINT only while a cell runs: at the
	// prompt the terminal is in raw mode and readline reads it as a key.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	go func() {
		for range sigs {
			s.mu.Lock()
			if s.cancel != nil {
				s.cancel()
			}
			s.mu.Unlock()
		}
	}()

	fmt.Fprintln(s.out, "gornn REPL: Go, interpreted. :help for help, Ctrl-D to leave.")
	return s.loop()
}

// loop reads cells and runs them until the end of input or :quit.
func (s *shell) loop() error {
	for {
		p, indent := prompt, ""
		if len(s.lines) > 0 {
			p = continuationPrompt
			_, indent = s.runner.Session().IsComplete(s.cellSoFar())
		}
		s.rl.SetPrompt(p)
		line, err := s.rl.ReadlineWithDefault(indent)
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			// Ctrl-C at the prompt drops what was typed.
			s.lines = nil
			continue
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return fmt.Errorf("repl: reading the terminal: %w", err)
		}
		blank := strings.TrimSpace(line) == ""
		if len(s.lines) == 0 {
			if blank {
				continue
			}
			if strings.HasPrefix(strings.TrimSpace(line), ":") {
				if s.runCommand(line) {
					return nil
				}
				continue
			}
		}
		if !blank {
			s.lines = append(s.lines, line)
			if status, _ := s.runner.Session().IsComplete(s.cellSoFar()); status == "incomplete" {
				continue
			}
		}
		code := strings.Join(s.lines, "\n")
		s.lines = nil
		s.count++
		prefix := fmt.Sprintf("in%d", s.count)
		s.execute(func(ctx context.Context) { s.runner.Execute(ctx, prefix, code) })
	}
}

// execute runs f with a context that Ctrl-C cancels.
func (s *shell) execute(f func(ctx context.Context)) {
	ctx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	s.cancel = cancel
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.cancel = nil
		s.mu.Unlock()
		cancel()
	}()
	f(ctx)
}

// screenWidth is the terminal's width, or 80 columns when the terminal
// does not say (a pseudo-terminal nobody sized); readline would otherwise
// refuse to complete.
func screenWidth() int {
	if w := readline.GetScreenWidth(); w > 0 {
		return w
	}
	return 80
}

// cellSoFar is the cell typed so far, each line ending in a newline.
func (s *shell) cellSoFar() string {
	if len(s.lines) == 0 {
		return ""
	}
	return strings.Join(s.lines, "\n") + "\n"
}

// input answers a cell reading standard input with a line typed at the
// given prompt.
func (s *shell) input(prompt string, password bool) (string, error) {
	if password {
		b, err := s.rl.ReadPassword(prompt)
		return string(b), err
	}
	s.rl.SetPrompt(prompt)
	line, err := s.rl.Readline()
	if errors.Is(err, readline.ErrInterrupt) {
		return "", context.Canceled
	}
	return line, err
}
