package dispatch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/gornn/gornn/kernel/protocol"
)

// ErrStdinNotAllowed is returned by Output.Input when the request said
// allow_stdin false. It wraps io.EOF: a program that reads standard input
// then sees its end, as under `go run < /dev/null`.
var ErrStdinNotAllowed = fmt.Errorf("input: the front end does not accept input (allow_stdin is false): %w", io.EOF)

// requestOutput publishes what one execute_request produces, attributed to
// that request.
type requestOutput struct {
	d          *Dispatcher
	parent     *protocol.Message
	ctx        context.Context
	silent     bool
	allowStdin bool
	count      int  // the cell's execution count
	counted    bool // whether the cell increased the count

	mu    sync.Mutex
	pages []string // text for the pager, sent with the execute_reply
}

// Page keeps text for the pager payload of the request's reply.
func (o *requestOutput) Page(text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.pages = append(o.pages, text)
}

// payload returns the execute_reply's payload: one "page" entry for all
// the text given to Page, as Jupyter's pager shows one page.
func (o *requestOutput) payload() []any {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.pages) == 0 {
		return []any{}
	}
	return []any{map[string]any{
		"source": "page",
		"data":   map[string]any{"text/plain": strings.Join(o.pages, "\n")},
		"start":  0,
	}}
}

// Silent reports whether the request asked for no output at all.
func (o *requestOutput) Silent() bool { return o.silent }

// ExecutionCount implements NumberedOutput.
func (o *requestOutput) ExecutionCount() (int, bool) { return o.count, o.counted }

func (o *requestOutput) Stream(name, text string) {
	if o.silent || text == "" {
		return
	}
	o.d.publish(o.parent, "stream", protocol.Stream{Name: name, Text: text})
}

func (o *requestOutput) Display(data Bundle) {
	if o.silent {
		return
	}
	content := protocol.DisplayData{Data: nonNilMap(data.Data), Metadata: nonNilMap(data.Metadata), Transient: map[string]any{}}
	if data.ID != "" {
		content.Transient["display_id"] = data.ID
	}
	msgType := "display_data"
	if data.Update && data.ID != "" {
		msgType = "update_display_data"
	}
	o.d.publish(o.parent, msgType, content)
}

func (o *requestOutput) ClearOutput(wait bool) {
	if o.silent {
		return
	}
	o.d.publish(o.parent, "clear_output", protocol.ClearOutput{Wait: wait})
}

// Input sends an input_request on stdin to the client that sent the
// execute_request and waits for its input_reply or for an interrupt.
func (o *requestOutput) Input(prompt string, password bool) (string, error) {
	if !o.allowStdin {
		return "", ErrStdinNotAllowed
	}
	if err := o.ctx.Err(); err != nil {
		return "", fmt.Errorf("input: %w", err)
	}
	wait := make(chan string, 1)
	o.d.mu.Lock()
	if o.d.input != nil {
		o.d.mu.Unlock()
		return "", errors.New("input: another input request is already waiting")
	}
	o.d.input = wait
	o.d.mu.Unlock()
	defer func() {
		o.d.mu.Lock()
		o.d.input = nil
		o.d.mu.Unlock()
	}()
	o.d.reply(protocol.Stdin, o.parent, "input_request", protocol.InputRequest{Prompt: prompt, Password: password})
	select {
	case v := <-wait:
		return v, nil
	case <-o.ctx.Done():
		return "", fmt.Errorf("input: %w", o.ctx.Err())
	}
}

// stdinMessage delivers an input_reply to the waiting Input call.
func (d *Dispatcher) stdinMessage(msg *protocol.Message) {
	if msg.Type() != "input_reply" {
		d.log.Printf("dispatch: stdin: unexpected %q ignored", msg.Type())
		return
	}
	var rep protocol.InputReply
	if err := msg.DecodeContent(&rep); err != nil {
		d.badRequest(msg, err)
		return
	}
	d.mu.Lock()
	wait := d.input
	d.input = nil
	d.mu.Unlock()
	if wait == nil {
		d.log.Printf("dispatch: stdin: input_reply with no input request waiting")
		return
	}
	wait <- rep.Value
}
