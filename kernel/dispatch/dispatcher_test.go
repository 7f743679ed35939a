package dispatch

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gornn/gornn/kernel/protocol"
)

func TestKernelInfoOnShellAndControl(t *testing.T) {
	h := newHarness(t)
	for _, ch := range []protocol.Channel{protocol.Shell, protocol.Control} {
		req, out := h.do(ch, "kernel_info_request", map[string]any{})
		if got := iopub(out); !slices.Equal(got, []string{"status:busy", "status:idle"}) {
			t.Errorf("%s: iopub %v", ch, got)
		}
		r := replyOf(t, out, ch)
		if r["protocol_version"] != "5.3" || r["status"] != "ok" || r["implementation"] != "mock" {
			t.Errorf("%s: reply %v", ch, r)
		}
		for _, s := range out {
			if s.msg.ParentHeader != req.Header {
				t.Errorf("%s: %s has parent %+v, want the request's header", ch, s.msg.Type(), s.msg.ParentHeader)
			}
		}
	}
}

func TestExecuteOutputsInOrder(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		code  string
		count int
		want  []string
	}{
		{"value 42", 1, []string{"status:busy", "execute_input", "execute_result", "status:idle"}},
		{"print hi", 2, []string{"status:busy", "execute_input", "stream", "status:idle"}},
		{"show", 3, []string{"status:busy", "execute_input", "display_data", "update_display_data", "clear_output", "status:idle"}},
	}
	for _, tt := range tests {
		req, out := h.do(protocol.Shell, "execute_request", map[string]any{"code": tt.code})
		if got := iopub(out); !slices.Equal(got, tt.want) {
			t.Errorf("%q: iopub %v, want %v", tt.code, got, tt.want)
		}
		r := replyOf(t, out, protocol.Shell)
		if r["status"] != "ok" || r["execution_count"] != float64(tt.count) {
			t.Errorf("%q: reply %v", tt.code, r)
		}
		for _, s := range out {
			if s.msg.ParentHeader != req.Header {
				t.Errorf("%q: %s not attributed to the request", tt.code, s.msg.Type())
			}
			var c map[string]any
			json.Unmarshal(s.msg.Content, &c)
			switch s.msg.Type() {
			case "execute_input", "execute_result":
				if c["execution_count"] != float64(tt.count) {
					t.Errorf("%s execution_count %v, want %d", s.msg.Type(), c["execution_count"], tt.count)
				}
			case "update_display_data":
				if c["transient"].(map[string]any)["display_id"] != "d1" {
					t.Errorf("update without display id: %v", c)
				}
			case "stream":
				if c["name"] != "stdout" || c["text"] != "hi" {
					t.Errorf("stream %v", c)
				}
			}
		}
	}
}

// TestPagerPayload: text an interpreter pages (NAME?) arrives as one
// "page" payload of the execute_reply, as Jupyter's pager expects.
func TestPagerPayload(t *testing.T) {
	h := newHarness(t)
	_, out := h.do(protocol.Shell, "execute_request", map[string]any{"code": "page doc"})
	r := replyOf(t, out, protocol.Shell)
	payload, _ := r["payload"].([]any)
	if len(payload) != 1 {
		t.Fatalf("payload %v, want one page", r["payload"])
	}
	page := payload[0].(map[string]any)
	data, _ := page["data"].(map[string]any)
	if page["source"] != "page" || data["text/plain"] != "doc\nmore" || page["start"] != float64(0) {
		t.Errorf("page %v", page)
	}
	_, out = h.do(protocol.Shell, "execute_request", map[string]any{"code": "print x"})
	if r := replyOf(t, out, protocol.Shell); len(r["payload"].([]any)) != 0 {
		t.Errorf("a cell that paged nothing has payload %v", r["payload"])
	}
}

func TestSilentAndStoreHistory(t *testing.T) {
	h := newHarness(t)
	_, out := h.do(protocol.Shell, "execute_request", map[string]any{"code": "print x", "silent": true})
	if got := iopub(out); !slices.Equal(got, []string{"status:busy", "status:idle"}) {
		t.Errorf("silent published %v", got)
	}
	h.do(protocol.Shell, "execute_request", map[string]any{"code": "value 1", "store_history": false})
	if h.d.ExecutionCount() != 0 {
		t.Errorf("count %d after silent and store_history false, want 0", h.d.ExecutionCount())
	}
	if entries, err := h.d.history.Tail(0, false); err != nil || len(entries) != 0 {
		t.Errorf("history %v, %v; want no entries", entries, err)
	}
	_, out = h.do(protocol.Shell, "execute_request", map[string]any{"code": "value 1"})
	if r := replyOf(t, out, protocol.Shell); r["execution_count"] != float64(1) {
		t.Errorf("reply %v", r)
	}
}

// TestExecutionCountReachesInterpreter gives the interpreter each
// cell's execution count, and tells it which cells the front end does
// not count.
func TestExecutionCountReachesInterpreter(t *testing.T) {
	h := newHarness(t)
	h.do(protocol.Shell, "execute_request", map[string]any{"code": "count"})
	h.do(protocol.Shell, "execute_request", map[string]any{"code": "count", "silent": true})
	h.do(protocol.Shell, "execute_request", map[string]any{"code": "count", "store_history": false})
	h.do(protocol.Shell, "execute_request", map[string]any{"code": "count"})
	want := []string{"1 true", "1 false", "1 false", "2 true"}
	h.mock.mu.Lock()
	defer h.mock.mu.Unlock()
	if !slices.Equal(h.mock.counts, want) {
		t.Errorf("counts %v, want %v", h.mock.counts, want)
	}
}

func TestErrorAndStopOnError(t *testing.T) {
	h := newHarness(t)
	// Two requests arrive while the failing one runs.
	queued := request(t, "execute_request", map[string]any{"code": "value queued"})
	queuedNoStop := request(t, "execute_request", map[string]any{"code": "value q2"})
	_, out := h.do(protocol.Shell, "execute_request", map[string]any{"code": "fail"})
	if got := iopub(out); !slices.Equal(got, []string{"status:busy", "execute_input", "error", "status:idle"}) {
		t.Errorf("iopub %v", got)
	}
	r := replyOf(t, out, protocol.Shell)
	if r["status"] != "error" || r["ename"] != "MockError" || r["evalue"] != "it failed" {
		t.Errorf("reply %v", r)
	}
	if tb, _ := r["traceback"].([]any); len(tb) != 1 {
		t.Errorf("traceback %v", r["traceback"])
	}
	for _, q := range []*protocol.Message{queued, queuedNoStop} {
		h.d.Handle(protocol.Shell, q)
		if r := replyOf(t, h.rec.take(), protocol.Shell); r["status"] != "aborted" {
			t.Errorf("queued request: reply %v, want aborted", r)
		}
	}
	// A request sent after the failure runs normally.
	_, out = h.do(protocol.Shell, "execute_request", map[string]any{"code": "value later"})
	if r := replyOf(t, out, protocol.Shell); r["status"] != "ok" {
		t.Errorf("later request: %v", r)
	}

	// With stop_on_error false the queue keeps running.
	queued = request(t, "execute_request", map[string]any{"code": "value queued"})
	h.do(protocol.Shell, "execute_request", map[string]any{"code": "fail", "stop_on_error": false})
	h.d.Handle(protocol.Shell, queued)
	if r := replyOf(t, h.rec.take(), protocol.Shell); r["status"] != "ok" {
		t.Errorf("stop_on_error false: queued reply %v", r)
	}
}

// An Interpreter that panics breaks its contract; the dispatcher still
// answers, shows the error, ends busy with idle and keeps serving.
func TestHandlerFaultIsAnswered(t *testing.T) {
	h := newHarness(t)
	_, out := h.do(protocol.Shell, "execute_request", map[string]any{"code": "panic"})
	if r := replyOf(t, out, protocol.Shell); r["status"] != "error" || r["ename"] != "KernelError" ||
		!strings.Contains(fmt.Sprint(r["evalue"]), "mock panic") || r["execution_count"] == nil {
		t.Errorf("reply %v", r)
	}
	var types []string
	for _, s := range out {
		if s.ch == protocol.IOPub {
			types = append(types, s.msg.Type())
		}
	}
	if got := strings.Join(types, " "); got != "status execute_input error status" {
		t.Errorf("iopub messages %q, want busy, the input, the error and idle", got)
	}
	_, out = h.do(protocol.Shell, "execute_request", map[string]any{"code": "value ok", "stop_on_error": false})
	if r := replyOf(t, out, protocol.Shell); r["status"] != "ok" {
		t.Errorf("after panic: %v", r)
	}
}

func TestInterruptKeepsState(t *testing.T) {
	h := newHarness(t)
	h.do(protocol.Shell, "execute_request", map[string]any{"code": "incr"})
	done := make(chan []sent)
	go func() {
		_, out := h.do(protocol.Shell, "execute_request", map[string]any{"code": "wait"})
		done <- out
	}()
	<-h.mock.started
	ireq := request(t, "interrupt_request", map[string]any{})
	h.d.Handle(protocol.Control, ireq)
	var out []sent
	select {
	case out = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the cell did not stop after interrupt_request")
	}
	out = append(out, h.rec.take()...)
	var shellReply, controlReply map[string]any
	for _, s := range out {
		var c map[string]any
		json.Unmarshal(s.msg.Content, &c)
		switch s.msg.Type() {
		case "execute_reply":
			shellReply = c
		case "interrupt_reply":
			controlReply = c
		}
	}
	if shellReply["status"] != "error" || shellReply["ename"] != InterruptedName {
		t.Errorf("execute_reply %v", shellReply)
	}
	if controlReply["status"] != "ok" {
		t.Errorf("interrupt_reply %v", controlReply)
	}
	_, out = h.do(protocol.Shell, "execute_request", map[string]any{"code": "incr", "stop_on_error": false})
	res := ""
	for _, s := range out {
		if s.msg.Type() == "execute_result" {
			res = string(s.msg.Content)
		}
	}
	if !strings.Contains(res, `"ii"`) {
		t.Errorf("state lost across interrupt: result %s", res)
	}
}

func TestStdin(t *testing.T) {
	h := newHarness(t)
	h.rec.onStdin = func(m *protocol.Message) {
		var ir protocol.InputRequest
		json.Unmarshal(m.Content, &ir)
		reply, _ := protocol.NewReply(m, "input_reply", protocol.InputReply{Value: "answer to " + ir.Prompt})
		h.d.Handle(protocol.Stdin, reply)
	}
	req, out := h.do(protocol.Shell, "execute_request", map[string]any{"code": "input name?", "allow_stdin": true})
	var result string
	for _, s := range out {
		if s.ch == protocol.Stdin {
			if s.msg.Type() != "input_request" || string(s.msg.Identities[0]) != "client" || s.msg.ParentHeader != req.Header {
				t.Errorf("stdin message %s to %q", s.msg.Type(), s.msg.Identities)
			}
		}
		if s.msg.Type() == "execute_result" {
			result = string(s.msg.Content)
		}
	}
	if !strings.Contains(result, "answer to name?") {
		t.Errorf("result %s", result)
	}

	_, out = h.do(protocol.Shell, "execute_request", map[string]any{"code": "input x", "allow_stdin": false})
	r := replyOf(t, out, protocol.Shell)
	if r["status"] != "error" || !strings.Contains(fmt.Sprint(r["evalue"]), "allow_stdin") {
		t.Errorf("allow_stdin false: reply %v", r)
	}
	for _, s := range out {
		if s.ch == protocol.Stdin {
			t.Errorf("input_request sent although allow_stdin is false")
		}
	}
}

func TestInterruptWhileWaitingForInput(t *testing.T) {
	h := newHarness(t)
	asked := make(chan struct{}, 1)
	h.rec.onStdin = func(*protocol.Message) { asked <- struct{}{} }
	done := make(chan []sent)
	go func() {
		_, out := h.do(protocol.Shell, "execute_request", map[string]any{"code": "input x", "allow_stdin": true})
		done <- out
	}()
	<-asked
	h.d.Interrupt()
	select {
	case out := <-done:
		if r := replyOf(t, out, protocol.Shell); r["ename"] != InterruptedName {
			t.Errorf("reply %v", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("input wait not interrupted")
	}
}

func TestUserExpressions(t *testing.T) {
	h := newHarness(t)
	_, out := h.do(protocol.Shell, "execute_request", map[string]any{
		"code": "print x", "user_expressions": map[string]string{"a": "1+1", "b": "bad"},
	})
	ue := replyOf(t, out, protocol.Shell)["user_expressions"].(map[string]any)
	a, b := ue["a"].(map[string]any), ue["b"].(map[string]any)
	if a["status"] != "ok" || a["data"].(map[string]any)["text/plain"] != "=1+1" {
		t.Errorf("a = %v", a)
	}
	if b["status"] != "error" || b["ename"] != "EvalError" {
		t.Errorf("b = %v", b)
	}
}

func TestCompleteInspectIsComplete(t *testing.T) {
	h := newHarness(t)
	// "é" and "😀" make code points and bytes differ before the cursor.
	code := `s := "é😀"; fmt.Pri`
	cursor := len([]rune(code))
	_, out := h.do(protocol.Shell, "complete_request", map[string]any{"code": code, "cursor_pos": cursor})
	r := replyOf(t, out, protocol.Shell)
	if r["status"] != "ok" || r["cursor_end"] != float64(cursor) || r["cursor_start"] != float64(cursor-3) {
		t.Errorf("complete reply %v (cursor %d)", r, cursor)
	}
	if m := r["matches"].([]any); len(m) != 1 || m[0] != "Println" {
		t.Errorf("matches %v", m)
	}
	if _, ok := r["metadata"].(map[string]any); !ok {
		t.Errorf("metadata %v", r["metadata"])
	}
	_, out = h.do(protocol.Shell, "complete_request", map[string]any{"code": "xyz ", "cursor_pos": 4})
	if r := replyOf(t, out, protocol.Shell); len(r["matches"].([]any)) != 0 || r["cursor_start"] != float64(4) {
		t.Errorf("no-match reply %v", r)
	}

	_, out = h.do(protocol.Shell, "inspect_request", map[string]any{"code": "fmt.Println", "cursor_pos": 5})
	r = replyOf(t, out, protocol.Shell)
	if r["found"] != true || !strings.Contains(fmt.Sprint(r["data"]), "func Println") {
		t.Errorf("inspect reply %v", r)
	}
	_, out = h.do(protocol.Shell, "inspect_request", map[string]any{"code": "zzz", "cursor_pos": 1})
	if r := replyOf(t, out, protocol.Shell); r["found"] != false {
		t.Errorf("inspect of unknown: %v", r)
	}

	for code, want := range map[string]string{"for {": "incomplete", "x := 1": "complete"} {
		_, out = h.do(protocol.Shell, "is_complete_request", map[string]any{"code": code})
		r := replyOf(t, out, protocol.Shell)
		if r["status"] != want {
			t.Errorf("is_complete(%q) = %v", code, r)
		}
		if _, has := r["indent"]; has != (want == "incomplete") {
			t.Errorf("is_complete(%q) indent presence wrong: %v", code, r)
		}
	}
}

func TestCommsAndUnknownTypes(t *testing.T) {
	h := newHarness(t)
	_, out := h.do(protocol.Shell, "comm_info_request", map[string]any{})
	if r := replyOf(t, out, protocol.Shell); r["status"] != "ok" || len(r["comms"].(map[string]any)) != 0 {
		t.Errorf("comm_info_reply %v", r)
	}
	for _, typ := range []string{"comm_open", "comm_msg", "comm_close"} {
		if _, out := h.do(protocol.Shell, typ, map[string]any{"comm_id": "x"}); len(out) != 0 {
			t.Errorf("%s answered with %v", typ, describe(out))
		}
	}
	_, out = h.do(protocol.Shell, "frobnicate_request", map[string]any{})
	if got := describe(out); !slices.Equal(got, []string{"iopub/status", "iopub/status"}) {
		t.Errorf("unknown request answered with %v", got)
	}
}

func TestMalformedContent(t *testing.T) {
	h := newHarness(t)
	for _, typ := range []string{"execute_request", "complete_request", "inspect_request", "history_request", "is_complete_request"} {
		req := request(t, typ, map[string]any{})
		req.Content = json.RawMessage(`{"code": 42, "cursor_pos": "x", "n": "y", "hist_access_type": 1}`)
		h.d.Handle(protocol.Shell, req)
		out := h.rec.take()
		if got := iopub(out); len(got) < 2 || got[len(got)-1] != "status:idle" {
			t.Errorf("%s: iopub %v", typ, got)
		}
		r := replyOf(t, out, protocol.Shell)
		if typ != "is_complete_request" && r["status"] != "error" {
			t.Errorf("%s: reply %v", typ, r)
		}
	}
}

func TestShutdown(t *testing.T) {
	for _, restart := range []bool{false, true} {
		h := newHarness(t)
		_, out := h.do(protocol.Control, "shutdown_request", map[string]any{"restart": restart})
		r := replyOf(t, out, protocol.Control)
		if r["status"] != "ok" || r["restart"] != restart {
			t.Errorf("reply %v", r)
		}
		if got := iopub(out); !slices.Contains(got, "shutdown_reply") {
			t.Errorf("iopub %v lacks shutdown_reply", got)
		}
		select {
		case got := <-h.exit:
			if got != restart {
				t.Errorf("Shutdown(%v), want %v", got, restart)
			}
			// The owner may close the sockets at once: the idle status
			// must already be out.
			if m := h.lastAtExit; m == nil || m.Type() != "status" || !strings.Contains(string(m.Content), "idle") {
				t.Errorf("Shutdown was called before the idle status was sent (last message %v)", m)
			}
		default:
			t.Error("Shutdown hook not called")
		}
	}
}
