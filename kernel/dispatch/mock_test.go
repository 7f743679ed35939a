package dispatch

import (
	"context"
	"encoding/json"
	"fmt"

	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gornn/gornn/kernel/protocol"
)

// mockInterpreter understands a tiny command language, one command per
// cell, enough to exercise every path of the dispatcher:
//
//	value X      result X
//	print X      X on stdout, no result
//	show         display, update, clear
//	fail         an error
//	panic        a panic
//	wait         blocks until interrupted
//	input P      reads a line with prompt P and returns it as the result
//	incr         increments a counter and returns it (state kept across cells)
type mockInterpreter struct {
	mu      sync.Mutex
	counter int
	counts  []string      // what "count" found, in order
	started chan struct{} // receives when "wait" starts
}

func newMock() *mockInterpreter { return &mockInterpreter{started: make(chan struct{}, 10)} }

func text(s string) *Bundle {
	return &Bundle{Data: map[string]any{"text/plain": s}}
}

func (m *mockInterpreter) Execute(ctx context.Context, code string, out Output) (*Bundle, *Error) {
	cmd, arg, _ := strings.Cut(code, " ")
	switch cmd {
	case "value":
		return text(arg), nil
	case "print":
		out.Stream("stdout", arg)
		return nil, nil
	case "show":
		out.Display(Bundle{Data: map[string]any{"text/plain": "v1"}, ID: "d1"})
		out.Display(Bundle{Data: map[string]any{"text/plain": "v2"}, ID: "d1", Update: true})
		out.ClearOutput(true)
		return nil, nil
	case "page":
		out.(Pager).Page(arg)
		out.(Pager).Page("more")
		return nil, nil
	case "fail":
		return nil, &Error{Name: "MockError", Value: "it failed", Traceback: []string{"line 1"}}
	case "panic":
		panic("mock panic")
	case "wait":
		m.started <- struct{}{}
		<-ctx.Done()
		return nil, &Error{Name: "context.Canceled", Value: ctx.Err().Error()}
	case "input":
		v, err := out.Input(arg, false)
		if err != nil {
			return nil, &Error{Name: "InputError", Value: err.Error()}
		}
		return text(v), nil
	case "count":
		// The execution count the interpreter is given, kept for silent
		// cells, whose values nobody sees.
		n, counted := out.(NumberedOutput).ExecutionCount()
		m.mu.Lock()
		defer m.mu.Unlock()
		m.counts = append(m.counts, fmt.Sprint(n, counted))
		return text(fmt.Sprint(n, counted)), nil
	case "incr":
		m.mu.Lock()
		defer m.mu.Unlock()
		m.counter++
		return text(strings.Repeat("i", m.counter)), nil
	}
	return nil, &Error{Name: "SyntaxError", Value: "unknown command " + cmd}
}

func (m *mockInterpreter) Evaluate(ctx context.Context, expr string) (*Bundle, *Error) {
	if expr == "bad" {
		return nil, &Error{Name: "EvalError", Value: "bad expression"}
	}
	return text("=" + expr), nil
}

// Complete offers "Println" for a word ending at the cursor, reporting the
// word's byte range.
func (m *mockInterpreter) Complete(code string, cursor int) ([]string, int, int) {
	start := strings.LastIndexAny(code[:cursor], " .") + 1
	if strings.HasPrefix("Println", code[start:cursor]) && start < cursor {
		return []string{"Println"}, start, cursor
	}
	return nil, 0, 0
}

func (m *mockInterpreter) Inspect(code string, cursor int, detail int) (string, bool) {
	if strings.Contains(code, "Println") {
		return "func Println(a ...any) (n int, err error)", true
	}
	return "", false
}

func (m *mockInterpreter) IsComplete(code string) (string, string) {
	if strings.HasSuffix(code, "{") {
		return "incomplete", "\t"
	}
	return "complete", ""
}

// recorder is a Sender that keeps every message, and answers input
// requests through the dispatcher as a front end would.
type recorder struct {
	mu      sync.Mutex
	msgs    []sent
	onStdin func(*protocol.Message)
}

type sent struct {
	ch  protocol.Channel
	msg *protocol.Message
}

func (r *recorder) Send(ch protocol.Channel, msg *protocol.Message) error {
	r.mu.Lock()
	r.msgs = append(r.msgs, sent{ch, msg})
	hook := r.onStdin
	r.mu.Unlock()
	if ch == protocol.Stdin && hook != nil {
		go hook(msg)
	}
	return nil
}

// take returns and forgets the messages sent so far.
func (r *recorder) take() []sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.msgs
	r.msgs = nil
	return out
}

type harness struct {
	t    *testing.T
	d    *Dispatcher
	rec  *recorder
	mock *mockInterpreter
	exit chan bool
	// lastAtExit is the last message sent when Shutdown was called.
	lastAtExit *protocol.Message
}

func newHarness(t *testing.T) *harness {
	h := &harness{t: t, rec: &recorder{}, mock: newMock(), exit: make(chan bool, 1)}
	h.d = New(Options{
		Sender: h.rec, Interpreter: h.mock, Shutdown: func(restart bool) {
			h.rec.mu.Lock()
			if n := len(h.rec.msgs); n > 0 {
				h.lastAtExit = h.rec.msgs[n-1].msg
			}
			h.rec.mu.Unlock()
			h.exit <- restart
		},
		Info: protocol.KernelInfoReply{Implementation: "mock", LanguageInfo: protocol.LanguageInfo{Name: "go"}},
	})
	return h
}

func request(t *testing.T, msgType string, content any) *protocol.Message {
	raw, err := json.Marshal(content)
	if err != nil {
		t.Fatal(err)
	}
	return &protocol.Message{
		Identities: [][]byte{[]byte("client")},
		Header:     protocol.NewHeader(msgType, "session"),
		Content:    raw, Received: time.Now(),
	}
}

// do handles one request and returns what it sent.
func (h *harness) do(ch protocol.Channel, msgType string, content any) (*protocol.Message, []sent) {
	req := request(h.t, msgType, content)
	h.d.Handle(ch, req)
	return req, h.rec.take()
}

// replyOf finds the reply on ch among out and decodes it.
func replyOf(t *testing.T, out []sent, ch protocol.Channel) map[string]any {
	t.Helper()
	for _, s := range out {
		if s.ch == ch && strings.HasSuffix(s.msg.Type(), "_reply") {
			var v map[string]any
			if err := json.Unmarshal(s.msg.Content, &v); err != nil {
				t.Fatal(err)
			}
			return v
		}
	}
	t.Fatalf("no reply on %s among %v", ch, describe(out))
	return nil
}

// iopub lists the types of the iopub messages among out, with the
// execution_state of status messages.
func iopub(out []sent) []string {
	var types []string
	for _, s := range out {
		if s.ch != protocol.IOPub {
			continue
		}
		typ := s.msg.Type()
		if typ == "status" {
			var st protocol.Status
			json.Unmarshal(s.msg.Content, &st)
			typ += ":" + st.ExecutionState
		}
		types = append(types, typ)
	}
	return types
}

func describe(out []sent) []string {
	var d []string
	for _, s := range out {
		d = append(d, string(s.ch)+"/"+s.msg.Type())
	}
	return d
}
