package kernel

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gornn/gornn/kernel/internal/kerneltest"
	"github.com/gornn/gornn/kernel/protocol"
)

// execute runs code and returns the execute_reply content and the iopub
// messages of the request.
func execute(t *testing.T, c *kerneltest.Client, code string, extra map[string]any) (map[string]any, []*protocol.Message) {
	t.Helper()
	content := map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": false}
	for k, v := range extra {
		content[k] = v
	}
	id := c.Send(protocol.Shell, "execute_request", content)
	reply := kerneltest.Content(t, c.Reply(protocol.Shell, id))
	return reply, c.Outputs(id)
}

// waitStream reads iopub until a stream message of request id shows
// text, which the cell prints to say it has reached a point.
func waitStream(t *testing.T, c *kerneltest.Client, id, text string) {
	t.Helper()
	for {
		m := c.Next(protocol.IOPub, kerneltest.Timeout)
		if m == nil {
			t.Fatalf("request %s never printed %q", id, text)
		}
		if m.ParentHeader.MsgID == id && m.Type() == "stream" && strings.Contains(kerneltest.Content(t, m)["text"].(string), text) {
			return
		}
	}
}

// find returns the contents of the iopub messages of type typ.
func find(t *testing.T, msgs []*protocol.Message, typ string) []map[string]any {
	var out []map[string]any
	for _, m := range msgs {
		if m.Type() == typ {
			out = append(out, kerneltest.Content(t, m))
		}
	}
	return out
}

func resultText(t *testing.T, msgs []*protocol.Message) string {
	res := find(t, msgs, "execute_result")
	if len(res) != 1 {
		return fmt.Sprintf("<%d results>", len(res))
	}
	return fmt.Sprint(res[0]["data"].(map[string]any)["text/plain"])
}

func TestKernelInfo(t *testing.T) {
	_, c := startKernel(t)
	for _, ch := range []protocol.Channel{protocol.Shell, protocol.Control} {
		id := c.Send(ch, "kernel_info_request", map[string]any{})
		r := c.Reply(ch, id)
		if r.Header.Version != "5.3" {
			t.Errorf("%s: header version %q", ch, r.Header.Version)
		}
		info := kerneltest.Content(t, r)
		li := info["language_info"].(map[string]any)
		if info["implementation"] != "gornn" || info["protocol_version"] != "5.3" || li["name"] != "go" ||
			li["mimetype"] != "text/x-go" || li["file_extension"] != ".go" || li["pygments_lexer"] != "go" ||
			li["codemirror_mode"] != "go" || info["banner"] == "" || len(info["help_links"].([]any)) == 0 {
			t.Errorf("%s: kernel_info_reply %v", ch, info)
		}
	}
	if !c.Heartbeat(5 * time.Second) {
		t.Error("no heartbeat")
	}
}

func TestExecute(t *testing.T) {
	_, c := startKernel(t)
	reply, out := execute(t, c, "x := 20\nx + 22", nil)
	if reply["status"] != "ok" || reply["execution_count"] != float64(1) {
		t.Fatalf("reply %v", reply)
	}
	types := kerneltest.Types(out)
	want := []string{"status", "execute_input", "execute_result", "status"}
	if !slices.Equal(types, want) {
		t.Errorf("iopub %v, want %v", types, want)
	}
	if got := resultText(t, out); got != "42" {
		t.Errorf("result %q, want 42", got)
	}
	if in := find(t, out, "execute_input"); len(in) != 1 || in[0]["execution_count"] != float64(1) {
		t.Errorf("execute_input %v", in)
	}
	// Errors: an error output and an error reply.
	reply, out = execute(t, c, "undefinedThing + 1", nil)
	errs := find(t, out, "error")
	if reply["status"] != "error" || len(errs) != 1 || errs[0]["ename"] == "" || len(errs[0]["traceback"].([]any)) == 0 {
		t.Errorf("error reply %v, outputs %v", reply, errs)
	}
	// State survives the error.
	if _, out := execute(t, c, "x", nil); resultText(t, out) != "20" {
		t.Errorf("x after an error: %s", resultText(t, out))
	}
}

func TestStdoutIsStreamed(t *testing.T) {
	_, c := startKernel(t)
	reply, out := execute(t, c, "import \"fmt\"\nfmt.Println(\"héllo wörld\")", nil)
	if reply["status"] != "ok" {
		t.Fatalf("reply %v", reply)
	}
	var text strings.Builder
	for _, s := range find(t, out, "stream") {
		if s["name"] == "stdout" {
			text.WriteString(s["text"].(string))
		}
	}
	if text.String() != "héllo wörld\n" {
		t.Errorf("stdout stream %q", text.String())
	}
}

func TestStopOnErrorAbortsQueue(t *testing.T) {
	_, c := startKernel(t)
	req := func(code string) string {
		return c.Send(protocol.Shell, "execute_request", map[string]any{"code": code, "stop_on_error": true})
	}
	// The first cell fails once it has read a line. Both requests leave
	// on the shell socket, in order, before the first cell starts, so the
	// second is queued when the first asks for its line; the test answers
	// only then.
	first := req("import (\"bufio\"; \"os\")\nbufio.NewReader(os.Stdin).ReadString('\\n')\npanic(\"stop\")")
	second := req("1 + 1")
	ask := c.Next(protocol.Stdin, kerneltest.Timeout)
	if ask == nil || ask.Type() != "input_request" || ask.ParentHeader.MsgID != first {
		t.Fatalf("no input_request from the first cell: %v", ask)
	}
	answer, _ := protocol.NewReply(ask, "input_reply", protocol.InputReply{Value: "go on"})
	answer.Header.Session = c.Session
	answer.Identities = nil
	c.SendMessage(protocol.Stdin, answer)
	if r := kerneltest.Content(t, c.Reply(protocol.Shell, first)); r["status"] != "error" {
		t.Fatalf("first reply %v", r)
	}
	if r := kerneltest.Content(t, c.Reply(protocol.Shell, second)); r["status"] != "aborted" {
		t.Errorf("queued reply %v, want aborted", r)
	}
	third := req("2 + 2")
	if r := kerneltest.Content(t, c.Reply(protocol.Shell, third)); r["status"] != "ok" {
		t.Errorf("request after the abort: %v", r)
	}
}

func TestInterrupt(t *testing.T) {
	p, c := startKernel(t)
	execute(t, c, "import \"time\"\nkept := 7", nil)
	cells := []struct {
		name, code string
		sigint     bool
	}{
		{"busy loop", "n := 0\nprintln(\"started\")\nfor { n++ }", false},
		{"sleep", "println(\"started\")\ntime.Sleep(time.Minute)", false},
		{"channel receive", "println(\"started\")\n<-make(chan int)", false},
		{"SIGINT during sleep", "println(\"started\")\ntime.Sleep(time.Minute)", true},
	}
	for _, cell := range cells {
		t.Run(cell.name, func(t *testing.T) {
			id := c.Send(protocol.Shell, "execute_request", map[string]any{"code": cell.code, "stop_on_error": false})
			waitStream(t, c, id, "started")
			sent := time.Now()
			if cell.sigint {
				p.cmd.Process.Signal(syscall.SIGINT)
			} else {
				iid := c.Send(protocol.Control, "interrupt_request", map[string]any{})
				if r := kerneltest.Content(t, c.Reply(protocol.Control, iid)); r["status"] != "ok" {
					t.Errorf("interrupt_reply %v", r)
				}
			}
			r := kerneltest.Content(t, c.Reply(protocol.Shell, id))
			if took := time.Since(sent); took > 3*time.Second {
				t.Errorf("cell stopped %v after the interrupt", took)
			}
			if r["status"] != "error" || r["ename"] != "Interrupted" {
				t.Errorf("execute_reply %v", r)
			}
			// Log lines go to the process's own stderr, never into the cell.
			for _, s := range find(t, c.Outputs(id), "stream") {
				if strings.Contains(s["text"].(string), "rnnkernel:") {
					t.Errorf("a log line reached the cell's output: %q", s["text"])
				}
			}
			if cell.sigint {
				log, _ := os.ReadFile(p.stderr.Name())
				if !strings.Contains(string(log), "SIGINT") {
					t.Errorf("the kernel's stderr lacks the SIGINT log line: %q", log)
				}
			}
		})
	}
	if _, out := execute(t, c, "kept", nil); resultText(t, out) != "7" {
		t.Errorf("state after interrupts: %s", resultText(t, out))
	}
}

func TestBadMessagesDoNotStopTheKernel(t *testing.T) {
	_, c := startKernel(t)
	wrong, _ := protocol.NewSigner("hmac-sha256", "not-the-key")
	forged := c.Request("execute_request", map[string]any{"code": "panic(\"forged\")"})
	frames, _ := protocol.Encode(forged, wrong)
	c.SendFrames(protocol.Shell, frames)
	c.SendFrames(protocol.Shell, [][]byte{[]byte("no delimiter")})
	c.SendFrames(protocol.Control, [][]byte{[]byte(protocol.Delimiter), []byte("sig")})
	good := c.Request("execute_request", map[string]any{"code": "1"})
	frames, _ = protocol.Encode(good, c.Signer)
	// Malformed JSON content with a valid signature.
	frames[5] = []byte(`{"code": `)
	frames[1] = []byte(c.Signer.Sign(frames[2], frames[3], frames[4], frames[5]))
	c.SendFrames(protocol.Shell, frames)

	if m := c.Next(protocol.Shell, 300*time.Millisecond); m != nil {
		t.Fatalf("a bad message was answered: %s %s", m.Type(), m.Content)
	}
	reply, out := execute(t, c, "3 * 3", nil)
	if reply["status"] != "ok" || resultText(t, out) != "9" || reply["execution_count"] != float64(1) {
		t.Errorf("after bad messages: %v %s", reply, resultText(t, out))
	}
}

func TestPanickingGoroutine(t *testing.T) {
	p, c := startKernel(t)
	id := c.Send(protocol.Shell, "execute_request", map[string]any{"code": "go func() { panic(\"boom in a goroutine\") }()"})
	// The report of the recovered panic shows that it happened.
	waitStream(t, c, id, "boom in a goroutine")
	select {
	case <-p.exited:
		t.Fatal("a panic in a user goroutine killed the kernel")
	default:
	}
	if _, out := execute(t, c, "40 + 2", nil); resultText(t, out) != "42" {
		t.Errorf("after the panic: %s", resultText(t, out))
	}
}

func TestShutdown(t *testing.T) {
	for _, restart := range []bool{false, true} {
		t.Run(fmt.Sprint("restart=", restart), func(t *testing.T) {
			p, c := startKernel(t)
			id := c.Send(protocol.Control, "shutdown_request", map[string]any{"restart": restart})
			r := kerneltest.Content(t, c.Reply(protocol.Control, id))
			if r["status"] != "ok" || r["restart"] != restart {
				t.Errorf("shutdown_reply %v", r)
			}
			want := 0
			if restart {
				want = 3
			}
			if code := p.waitExit(t, 5*time.Second); code != want {
				t.Errorf("exit code %d, want %d", code, want)
			}
			// The kernel's last message, its idle status, went out before
			// the process ended.
			out := c.Outputs(id)
			if got := kerneltest.Types(out); !slices.Contains(got, "shutdown_reply") {
				t.Errorf("iopub for the shutdown request: %v", got)
			}
		})
	}
}

func TestCompleteInspectIsComplete(t *testing.T) {
	_, c := startKernel(t)
	execute(t, c, "import \"fmt\"\nnaïveCount := 3", nil)

	// The cursor is in code points; "é" before it is two bytes.
	code := "s := \"é\"; fmt.Prin"
	cursor := len([]rune(code))
	id := c.Send(protocol.Shell, "complete_request", map[string]any{"code": code, "cursor_pos": cursor})
	r := kerneltest.Content(t, c.Reply(protocol.Shell, id))
	matches := fmt.Sprint(r["matches"])
	if r["status"] != "ok" || !strings.Contains(matches, "Println") || r["cursor_end"] != float64(cursor) ||
		r["cursor_start"] != float64(cursor-4) {
		t.Errorf("complete_reply %v (cursor %d)", r, cursor)
	}
	id = c.Send(protocol.Shell, "complete_request", map[string]any{"code": "naï", "cursor_pos": 3})
	if r := kerneltest.Content(t, c.Reply(protocol.Shell, id)); !strings.Contains(fmt.Sprint(r["matches"]), "naïveCount") ||
		r["cursor_start"] != float64(0) || r["cursor_end"] != float64(3) {
		t.Errorf("completion of a cell variable: %v", r)
	}

	id = c.Send(protocol.Shell, "inspect_request", map[string]any{"code": "fmt.Println", "cursor_pos": 8, "detail_level": 0})
	r = kerneltest.Content(t, c.Reply(protocol.Shell, id))
	if r["status"] != "ok" || r["found"] != true || !strings.Contains(fmt.Sprint(r["data"]), "Println") {
		t.Errorf("inspect_reply %v", r)
	}

	for code, want := range map[string]string{"for i := 0; i < 3; i++ {": "incomplete", "x := 1": "complete"} {
		id = c.Send(protocol.Shell, "is_complete_request", map[string]any{"code": code})
		if r := kerneltest.Content(t, c.Reply(protocol.Shell, id)); r["status"] != want {
			t.Errorf("is_complete(%q) = %v, want %s", code, r, want)
		}
	}
}

func TestSilentUserExpressionsAndStdin(t *testing.T) {
	_, c := startKernel(t)
	reply, out := execute(t, c, "y := 5\ny", map[string]any{"silent": true})
	if reply["status"] != "ok" || reply["execution_count"] != float64(0) {
		t.Errorf("silent reply %v", reply)
	}
	if types := kerneltest.Types(out); !slices.Equal(types, []string{"status", "status"}) {
		t.Errorf("silent cell published %v", types)
	}
	reply, _ = execute(t, c, "z := y * 2", map[string]any{"user_expressions": map[string]any{"double": "z", "bad": "nope("}})
	ue := reply["user_expressions"].(map[string]any)
	if d := ue["double"].(map[string]any); d["status"] != "ok" || d["data"].(map[string]any)["text/plain"] != "10" {
		t.Errorf("user expression double: %v", d)
	}
	if b := ue["bad"].(map[string]any); b["status"] != "error" {
		t.Errorf("user expression bad: %v", b)
	}

	// stdin: the kernel asks on the stdin socket and reads the answer.
	id := c.Send(protocol.Shell, "execute_request", map[string]any{
		"code":        "import \"bufio\"\nimport \"os\"\nline, _ := bufio.NewReader(os.Stdin).ReadString('\\n')\nline",
		"allow_stdin": true, "stop_on_error": false,
	})
	ask := c.Next(protocol.Stdin, kerneltest.Timeout)
	if ask == nil || ask.Type() != "input_request" || ask.ParentHeader.MsgID != id {
		t.Fatalf("no input_request on stdin: %v", ask)
	}
	answer, _ := protocol.NewReply(ask, "input_reply", protocol.InputReply{Value: "forty two"})
	answer.Header.Session = c.Session
	answer.Identities = nil
	c.SendMessage(protocol.Stdin, answer)
	c.Reply(protocol.Shell, id)
	if got := resultText(t, c.Outputs(id)); !strings.Contains(got, "forty two") {
		t.Errorf("cell read %s", got)
	}

	// With allow_stdin false the cell reads the end of its input, as
	// under `go run < /dev/null`, and nothing is asked.
	reply, outs := execute(t, c, "_, err := bufio.NewReader(os.Stdin).ReadString('\\n')\nerr == io.EOF", map[string]any{"allow_stdin": false})
	if m := c.Next(protocol.Stdin, 100*time.Millisecond); m != nil {
		t.Errorf("input_request sent with allow_stdin false: %s", m.Content)
	}
	if reply["status"] != "ok" || resultText(t, outs) != "true" {
		t.Errorf("reading stdin with allow_stdin false: reply %v, value %s, want true (io.EOF)", reply, resultText(t, outs))
	}
}

func TestHistoryAcrossRestarts(t *testing.T) {
	history := t.TempDir() + "/history.sqlite"
	run := func(codes ...string) *kerneltest.Client {
		p := startProcess(t, history)
		c := kerneltest.Dial(t, p.info)
		c.WaitReady()
		for _, code := range codes {
			execute(t, c, code, nil)
		}
		return c
	}
	c1 := run("a := 1", "a + 1")
	c1.Send(protocol.Control, "shutdown_request", map[string]any{"restart": true})
	c2 := run("b := 2", "a := 1")
	tests := []struct {
		req  map[string]any
		want string
	}{
		{map[string]any{"hist_access_type": "tail", "n": 3, "output": false, "raw": true}, "[[1 2 a + 1] [2 1 b := 2] [2 2 a := 1]]"},
		{map[string]any{"hist_access_type": "range", "session": -1, "start": 1, "stop": 3, "raw": true}, "[[1 1 a := 1] [1 2 a + 1]]"},
		{map[string]any{"hist_access_type": "range", "session": 0, "start": 2, "stop": 0, "raw": true}, "[[2 2 a := 1]]"},
		{map[string]any{"hist_access_type": "search", "pattern": "a*", "unique": true, "n": 10, "raw": true}, "[[1 2 a + 1] [2 2 a := 1]]"},
	}
	for _, tt := range tests {
		id := c2.Send(protocol.Shell, "history_request", tt.req)
		r := kerneltest.Content(t, c2.Reply(protocol.Shell, id))
		if got := fmt.Sprint(r["history"]); got != tt.want || r["status"] != "ok" {
			t.Errorf("%v: %s, want %s", tt.req, got, tt.want)
		}
	}
}

func TestCommsAndUnknownMessages(t *testing.T) {
	_, c := startKernel(t)
	id := c.Send(protocol.Shell, "comm_info_request", map[string]any{"target_name": "jupyter.widget"})
	if r := kerneltest.Content(t, c.Reply(protocol.Shell, id)); r["status"] != "ok" || len(r["comms"].(map[string]any)) != 0 {
		t.Errorf("comm_info_reply %v", r)
	}
	c.Send(protocol.Shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "x", "data": map[string]any{}})
	c.Send(protocol.Shell, "comm_msg", map[string]any{"comm_id": "c1", "data": map[string]any{}})
	c.Send(protocol.Shell, "comm_close", map[string]any{"comm_id": "c1"})
	c.Send(protocol.Shell, "no_such_request", map[string]any{})
	c.Send(protocol.Control, "debug_request", map[string]any{"command": "initialize"})
	if m := c.Next(protocol.Shell, 200*time.Millisecond); m != nil {
		t.Errorf("answered %s", m.Type())
	}
	if reply, out := execute(t, c, "1 + 1", nil); reply["status"] != "ok" || resultText(t, out) != "2" {
		t.Errorf("after comms: %v", reply)
	}
}

func TestRichOutput(t *testing.T) {
	_, c := startKernel(t)
	code := `import "github.com/gornn/gornn/display"
display.HTML("<b>bold</b>")
h := display.NewDisplay("first")
h.Update("second")
display.ClearOutput(true)`
	reply, out := execute(t, c, code, nil)
	if reply["status"] != "ok" {
		t.Fatalf("reply %v", reply)
	}
	dd := find(t, out, "display_data")
	if len(dd) != 2 || dd[0]["data"].(map[string]any)["text/html"] != "<b>bold</b>" {
		t.Fatalf("display_data %v", dd)
	}
	id := dd[1]["transient"].(map[string]any)["display_id"]
	up := find(t, out, "update_display_data")
	if id == nil || len(up) != 1 || up[0]["transient"].(map[string]any)["display_id"] != id ||
		!strings.Contains(fmt.Sprint(up[0]["data"]), "second") {
		t.Errorf("update %v of display %v", up, id)
	}
	if co := find(t, out, "clear_output"); len(co) != 1 || co[0]["wait"] != true {
		t.Errorf("clear_output %v", co)
	}
}

func TestBackgroundOutputAfterSilentCell(t *testing.T) {
	_, c := startKernel(t)
	// A goroutine prints after its cell has finished...
	_, first := execute(t, c, `import "fmt"
import "time"
release := make(chan bool)
go func() {
	<-release
	// Not time.Sleep, which cells' goroutines leave early once the cell
	// that runs has finished.
	for start := time.Now(); time.Since(start) < 300*time.Millisecond; {
	}
	fmt.Println("late line")
}()`, nil)
	firstID := first[0].ParentHeader.MsgID
	// ...and after a silent cell, which must not swallow it.
	execute(t, c, "release <- true", map[string]any{"silent": true})
	deadline := time.After(5 * time.Second)
	for {
		select {
		case <-deadline:
			t.Fatal("the late line never arrived")
		default:
		}
		m := c.Next(protocol.IOPub, time.Second)
		if m != nil && m.Type() == "stream" && strings.Contains(string(m.Content), "late line") {
			if m.ParentHeader.MsgID != firstID {
				t.Errorf("late line attributed to %s, want the first cell %s", m.ParentHeader.MsgID, firstID)
			}
			return
		}
	}
}

// TestTracebackNamesCellsByExecutionCount names a function's cell in a
// later traceback by its execution count, which a silent cell between
// does not change.
func TestTracebackNamesCellsByExecutionCount(t *testing.T) {
	_, c := startKernel(t)
	execute(t, c, "x := 1", nil)
	execute(t, c, "x = 2", map[string]any{"silent": true})
	execute(t, c, "func boom(xs []int) int {\n\treturn xs[3]\n}", nil)
	reply, _ := execute(t, c, "boom([]int{1})", nil)
	tb := fmt.Sprint(reply["traceback"])
	if reply["status"] != "error" || !strings.Contains(tb, "In [2]:2:2") {
		t.Fatalf("reply %v, want a traceback naming In [2]:2:2", reply)
	}
}
