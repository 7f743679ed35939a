package dispatch

import (
	"context"
	"fmt"
	"log"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/gornn/gornn/kernel/protocol"
)

// Options configures a Dispatcher.
type Options struct {
	// Sender delivers replies and iopub messages. Required.
	Sender Sender
	// Interpreter runs the code. Required.
	Interpreter Interpreter
	// Info is the kernel_info_reply content; status and protocol version
	// are filled in by the dispatcher.
	Info protocol.KernelInfoReply
	// History records executed cells; nil keeps them in memory only.
	History History
	// Logger receives log lines; nil means the standard logger.
	Logger *log.Logger
	// Shutdown is called once a shutdown_request has been answered and
	// its final idle status handed to the Sender. The process should then
	// exit; a restart is done by the front end starting a new kernel.
	Shutdown func(restart bool)
}

// Dispatcher answers the requests of one kernel. Handle may be called
// concurrently for different channels; the transport hands over the
// messages of one channel in order.
type Dispatcher struct {
	send    Sender
	interp  Interpreter
	info    protocol.KernelInfoReply
	history History
	log     *log.Logger
	onExit  func(restart bool)

	// executionCount is touched only by shell handlers, which run one at a time.
	executionCount int
	// abortBefore: execute requests received before this instant are
	// answered "aborted" (set when a cell fails with stop_on_error).
	abortBefore time.Time

	mu        sync.Mutex
	cancelRun context.CancelFunc // cancels the running cell, if any
	input     chan string        // waits for the input_reply, if any
	shutdown  bool
	exitAfter *bool // a shutdown's restart flag, until its idle status is out
}

// New returns a Dispatcher.
func New(opts Options) *Dispatcher {
	d := &Dispatcher{
		send: opts.Sender, interp: opts.Interpreter, info: opts.Info,
		history: opts.History, log: opts.Logger, onExit: opts.Shutdown,
	}
	if d.history == nil {
		d.history = NewMemoryHistory()
	}
	if d.log == nil {
		d.log = log.Default()
	}
	if d.onExit == nil {
		d.onExit = func(bool) {}
	}
	d.info.Status = protocol.StatusOK
	d.info.ProtocolVersion = protocol.Version
	return d
}

// ExecutionCount returns the number of counted executions so far.
func (d *Dispatcher) ExecutionCount() int { return d.executionCount }

// Starting publishes the "starting" status that announces a new kernel.
func (d *Dispatcher) Starting() { d.status(nil, "starting") }

// Interrupt cancels the running cell, if any, as an interrupt_request or a
// SIGINT does. The cell's execute_reply reports the error "Interrupted".
func (d *Dispatcher) Interrupt() {
	d.mu.Lock()
	cancel := d.cancelRun
	d.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// handlers maps a request type to its handler.
var handlers = map[string]func(*Dispatcher, protocol.Channel, *protocol.Message){
	"execute_request":     (*Dispatcher).execute,
	"kernel_info_request": (*Dispatcher).kernelInfo,
	"complete_request":    (*Dispatcher).complete,
	"inspect_request":     (*Dispatcher).inspect,
	"is_complete_request": (*Dispatcher).isComplete,
	"history_request":     (*Dispatcher).historyRequest,
	"comm_info_request":   (*Dispatcher).commInfo,
	"interrupt_request":   (*Dispatcher).interrupt,
	"shutdown_request":    (*Dispatcher).shutdownRequest,
}

// ignored lists message types that need no answer: comms are not
// supported, so their messages are dropped without error.
var ignored = map[string]bool{"comm_open": true, "comm_msg": true, "comm_close": true}

// Handle answers one message received on channel ch.
func (d *Dispatcher) Handle(ch protocol.Channel, msg *protocol.Message) {
	if ch == protocol.Stdin {
		defer d.recoverFault(ch, msg)
		d.stdinMessage(msg)
		return
	}
	typ := msg.Type()
	if ignored[typ] {
		return
	}
	d.status(msg, "busy")
	defer d.finish(msg)
	defer d.recoverFault(ch, msg) // before the idle status goes out
	h, ok := handlers[typ]
	if !ok {
		d.log.Printf("dispatch: %s: unknown message type %q ignored", ch, typ)
		return
	}
	h(d, ch, msg)
}

// finish publishes the idle status that ends the request msg. After a
// shutdown request it then tells the owner to exit, so that the idle
// status is the last message and already handed to the Sender.
func (d *Dispatcher) finish(msg *protocol.Message) {
	d.status(msg, "idle")
	d.mu.Lock()
	exit := d.exitAfter
	d.exitAfter = nil
	d.mu.Unlock()
	if exit != nil {
		d.onExit(*exit)
	}
}

// recoverFault is the dispatcher's one recover, where the transport's
// goroutine hands it a message. It catches faults of the handlers, and of
// an Interpreter that breaks its contract by panicking: it logs them with
// their stack and answers the request with an error, so that one bad
// request neither ends the kernel (and the user's session with it) nor
// leaves the front end waiting for a reply. Panics of user code never get
// here: the interpreter recovers them where it runs the code and returns
// them as the cell's error.
func (d *Dispatcher) recoverFault(ch protocol.Channel, msg *protocol.Message) {
	r := recover()
	if r == nil {
		return
	}
	d.log.Printf("dispatch: %s %s failed: %v\n%s", ch, msg.Type(), r, debug.Stack())
	kind, isRequest := strings.CutSuffix(msg.Type(), "_request")
	if !isRequest {
		return
	}
	failure := &Error{Name: "KernelError", Value: fmt.Sprintf("the kernel failed on this request: %v", r), Traceback: []string{}}
	content := map[string]any{"status": protocol.StatusError, "ename": failure.Name, "evalue": failure.Value, "traceback": failure.Traceback}
	if kind == "execute" {
		// Jupyter shows a cell's errors from iopub, not from the reply.
		d.publish(msg, "error", protocol.ErrorOutput{EName: failure.Name, EValue: failure.Value, Traceback: failure.Traceback})
		content["execution_count"] = d.executionCount
	}
	d.reply(ch, msg, kind+"_reply", content)
}

// reply sends the reply of type msgType to request on ch.
func (d *Dispatcher) reply(ch protocol.Channel, req *protocol.Message, msgType string, content any) {
	m, err := protocol.NewReply(req, msgType, content)
	if err == nil {
		err = d.send.Send(ch, m)
	}
	if err != nil {
		d.log.Printf("dispatch: %s: %v", msgType, err)
	}
}

// publish sends an iopub message attributed to request parent.
func (d *Dispatcher) publish(parent *protocol.Message, msgType string, content any) {
	d.reply(protocol.IOPub, parent, msgType, content)
}

// status publishes the kernel's execution state.
func (d *Dispatcher) status(parent *protocol.Message, state string) {
	d.publish(parent, "status", protocol.Status{ExecutionState: state})
}

// badRequest logs a request whose content could not be decoded.
func (d *Dispatcher) badRequest(msg *protocol.Message, err error) {
	d.log.Printf("dispatch: malformed %s: %v", msg.Type(), err)
}
