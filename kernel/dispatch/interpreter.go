package dispatch

import (
	"context"

	"github.com/gornn/gornn/kernel/protocol"
)

// Sender delivers messages to the front end. The transport implements it.
type Sender interface {
	Send(ch protocol.Channel, msg *protocol.Message) error
}

// Interpreter runs the language. Offsets into code are byte offsets; the
// dispatcher converts them from and to the code points Jupyter counts.
// Methods report failures of the user's code as errors and do not panic:
// the interpreter recovers what it runs. A panic that escapes anyway is
// logged as a fault and answered with a KernelError.
type Interpreter interface {
	// Execute runs one cell, sending what it prints and shows to out. It
	// returns the value to show as the cell's result (nil for none) or
	// the error that stopped it. When ctx is cancelled the cell must stop
	// promptly, keeping the state built so far.
	Execute(ctx context.Context, code string, out Output) (*Bundle, *Error)
	// Evaluate computes one expression for user_expressions.
	Evaluate(ctx context.Context, expr string) (*Bundle, *Error)
	// Complete returns the completions at byte offset cursor and the byte
	// range [start, end) of code they replace.
	Complete(code string, cursor int) (matches []string, start, end int)
	// Inspect returns documentation for the name at byte offset cursor.
	Inspect(code string, cursor int, detail int) (doc string, found bool)
	// IsComplete reports whether code can run as is: "complete",
	// "incomplete" (with the indent for the next line), "invalid" or
	// "unknown".
	IsComplete(code string) (status, indent string)
}

// Output receives what a running cell produces. Its methods may be called
// from any goroutine, also after the cell has finished.
type Output interface {
	// Stream shows text printed to the stream "stdout" or "stderr".
	Stream(name, text string)
	// Display shows rich output, or updates an earlier display when
	// d.Update is set.
	Display(d Bundle)
	// ClearOutput clears the cell's output, when the next output arrives
	// if wait is set.
	ClearOutput(wait bool)
	// Input asks the user for a line of text. It fails when the front end
	// does not accept input or the cell is interrupted.
	Input(prompt string, password bool) (string, error)
}

// Pager is implemented by the Output of an execute request: text given
// to Page is shown in the front end's pager, as the execute_reply's
// "page" payload (IPython shows NAME? this way).
type Pager interface {
	Page(text string)
}

// SilentOutput is implemented by the Output of a request that asked for
// no output (silent execution). An interpreter that routes output of
// background goroutines to the latest cell can keep the previous cell's
// Output for them after a silent one.
type SilentOutput interface {
	Silent() bool
}

// NumberedOutput is implemented by the Output of an execute request: it
// gives the cell's execution count, the number the front end shows
// beside it, for an interpreter that names earlier cells by it (in
// tracebacks). A cell that the front end does not count (silent, or
// not stored in the history) has none: counted is false.
type NumberedOutput interface {
	ExecutionCount() (n int, counted bool)
}

// Error describes a failed cell or expression.
type Error struct {
	Name      string
	Value     string
	Traceback []string
}

// InterruptedName is the error name of a cell stopped by an interrupt.
const InterruptedName = "Interrupted"
