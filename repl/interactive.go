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
	// HistoryFile keeps the cells and commands entered across sessions,
	// one line each (a cell's line breaks as ↵); empty means
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
	term   io.Writer    // the terminal readline draws on
	stdin  *pasteReader // the keys, pastes taken out
	lines  []string     // the cell being typed
	count  int          // cells run, which name their image files

	pasteMode bool   // the terminal brackets pastes
	pasteWant bool   // it should, from the next time readline enters raw mode
	pasted    string // the paste whose mark ended the last line read,
	hasPaste  bool   // if one did
	recalled  bool   // the line being read came from the history

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
	stdin := newPasteReader(readline.NewCancelableStdin(os.Stdin))
	s.stdin, s.term = stdin, os.Stdout
	if !readline.IsTerminal(int(os.Stdout.Fd())) {
		// Standard output goes to a file or a pipe: the prompt and the
		// line being edited go to the terminal, as python's do.
		s.term = os.Stderr
	}
	raw := new(readline.RawMode)
	s.rl, err = readline.NewEx(&readline.Config{
		Stdin: stdin,
		FuncMakeRaw: func() error {
			err := raw.Enter()
			s.rawEntered()
			return err
		},
		FuncExitRaw: raw.Exit,
		Stdout:      s.term,
		Prompt:      prompt,
		HistoryFile: history,
		// Cells, not lines, are saved, by enter.
		DisableAutoSaveHistory: true,
		HistorySearchFold:      true,
		FuncGetWidth:           screenWidth,
		FuncFilterInputRune:    s.filterRune,
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
		s.setPasteMode(false)
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
	edit := "" // text the next line starts with: a paste's last line
	for {
		p, text := prompt, edit
		if len(s.lines) > 0 {
			p = continuationPrompt
			if text == "" {
				_, text = s.runner.Session().IsComplete(s.cellSoFar())
			}
		}
		edit = ""
		s.mu.Lock()
		s.recalled = false
		s.mu.Unlock()
		s.setPasteMode(true)
		s.rl.SetPrompt(p)
		var line string
		var err error
		if text == "" {
			// Keeps what was typed ahead while the last cell ran, which
			// ReadlineWithDefault would clear.
			line, err = s.rl.Readline()
		} else {
			line, err = s.rl.ReadlineWithDefault(text)
		}
		paste, pasted := s.takePaste()
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
		if pasted {
			edit = s.showPaste(p, line, paste)
			continue
		}
		if quit := s.enter(line); quit {
			return nil
		}
	}
}

// enter takes a line ended by Enter: it adds to the cell, runs the cell
// when it is complete or the line is blank, or runs a command. A line
// brought back from the history may hold a whole cell, ↵ where its lines
// break.
func (s *shell) enter(line string) (quit bool) {
	blank := strings.TrimSpace(line) == ""
	if len(s.lines) == 0 {
		if blank {
			return false
		}
		if strings.HasPrefix(strings.TrimSpace(line), ":") {
			s.saveHistory(line)
			return s.runCommand(line)
		}
	}
	if !blank {
		s.mu.Lock()
		recalled := s.recalled
		s.mu.Unlock()
		if recalled {
			s.lines = append(s.lines, decodeEntry(line)...)
		} else {
			// A ↵ typed or pasted on the line is only text.
			s.lines = append(s.lines, line)
		}
		if status, _ := s.runner.Session().IsComplete(s.cellSoFar()); status == "incomplete" || commandAwaitsCode(s.lines) {
			return false
		}
	}
	code := strings.Join(s.lines, "\n")
	s.lines = nil
	if !strings.Contains(code, "\n") && strings.HasPrefix(strings.TrimSpace(code), ":") {
		// A command pasted with the line break after it.
		return s.enter(code)
	}
	s.saveHistory(code)
	s.count++
	prefix := fmt.Sprintf("in%d", s.count)
	s.execute(func(ctx context.Context) { s.runner.Execute(ctx, prefix, code, s.count) })
	return false
}

// saveHistory adds a cell or command to the history, as one line.
func (s *shell) saveHistory(entry string) {
	if strings.TrimSpace(entry) == "" {
		return
	}
	// An unwritable history file is not worth interrupting the session.
	_ = s.rl.SaveHistory(encodeEntry(entry))
}

// filterRune sees each key before readline: the mark of a paste ends the
// line as Enter would, and the paste is kept for takePaste; the keys that
// bring back history say that the line may hold a whole cell.
func (s *shell) filterRune(r rune) (rune, bool) {
	switch r {
	case readline.CharPrev, readline.CharNext, readline.CharBckSearch, readline.CharFwdSearch:
		s.mu.Lock()
		s.recalled = true
		s.mu.Unlock()
		return r, true
	case pasteMark:
	default:
		return r, true
	}
	paste, ok := s.stdin.take()
	if !ok {
		return r, true
	}
	s.mu.Lock()
	s.pasted, s.hasPaste = paste, true
	s.mu.Unlock()
	return readline.CharEnter, true
}

// takePaste returns the paste that ended the last line read, if one did.
func (s *shell) takePaste() (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	paste, ok := s.pasted, s.hasPaste
	s.pasted, s.hasPaste = "", false
	return paste, ok
}

// showPaste adds a paste to the cell as if its text had been typed where
// the line ended, its line breaks breaking the cell's lines without
// running it. readline has shown the line it held, ended by the paste's
// mark, with the prompt p; that is drawn again with the paste's lines.
// It returns the paste's last line, to go on editing.
func (s *shell) showPaste(p, line, paste string) string {
	pasted := strings.Split(line+paste, "\n")
	var b strings.Builder
	// Back to the start of the prompt, and clear from there down.
	fmt.Fprintf(&b, "\x1b[%dA\r\x1b[J", screenRows(p+line, screenWidth()))
	for _, l := range pasted[:len(pasted)-1] {
		b.WriteString(p + l + "\n")
		s.lines = append(s.lines, l)
		p = continuationPrompt
	}
	io.WriteString(s.term, b.String())
	return pasted[len(pasted)-1]
}

// setPasteMode asks the terminal to bracket pastes, or to stop: pastes are
// bracketed only at the prompt, so that a running cell reading standard
// input gets them as typed. Turning it on waits for readline to put the
// terminal in raw mode (rawEntered): a key typed once the terminal shows
// it is read as a key, never by the terminal's cooked mode, which would
// take Ctrl-D for its own end of input and hand readline a NUL.
func (s *shell) setPasteMode(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pasteWant = on
	if !on && s.pasteMode {
		s.pasteMode = false
		io.WriteString(s.term, pasteOff)
	}
}

// rawEntered runs each time readline has put the terminal in raw mode.
func (s *shell) rawEntered() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pasteWant && !s.pasteMode {
		s.pasteMode = true
		io.WriteString(s.term, pasteOn)
	}
}

// execute runs f with a context that Ctrl-C cancels.
func (s *shell) execute(f func(ctx context.Context)) {
	s.setPasteMode(false)
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

// screenRows is how many rows of a terminal width columns wide readline
// took to show text and the Enter after it: text that fills its last row
// exactly leaves the cursor there, and the Enter moves it down.
func screenRows(text string, width int) int {
	w := readline.Runes{}.WidthAll([]rune(text))
	if w == 0 {
		return 1
	}
	return (w-1)/width + 1
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
	if paste, ok := s.takePaste(); ok {
		// Pasted while the terminal still bracketed pastes: the cell
		// reads its lines.
		line += strings.TrimSuffix(paste, "\n")
	}
	return line, err
}
