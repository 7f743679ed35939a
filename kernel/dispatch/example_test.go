package dispatch_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/gornn/gornn/kernel/dispatch"
	"github.com/gornn/gornn/kernel/protocol"
)

// upper is a toy language: a cell's result is its code in capitals.
type upper struct{}

func (upper) Execute(ctx context.Context, code string, out dispatch.Output) (*dispatch.Bundle, *dispatch.Error) {
	out.Stream("stdout", "running\n")
	return &dispatch.Bundle{Data: map[string]any{"text/plain": strings.ToUpper(code)}}, nil
}
func (upper) Evaluate(ctx context.Context, expr string) (*dispatch.Bundle, *dispatch.Error) {
	return nil, nil
}
func (upper) Complete(code string, cursor int) ([]string, int, int)  { return nil, cursor, cursor }
func (upper) Inspect(code string, cursor, detail int) (string, bool) { return "", false }
func (upper) IsComplete(code string) (string, string)                { return "complete", "" }

// printer is a Sender that prints what the dispatcher sends.
type printer struct{}

func (printer) Send(ch protocol.Channel, m *protocol.Message) error {
	fmt.Printf("%-6s %s %s\n", ch, m.Type(), m.Content)
	return nil
}

func Example() {
	d := dispatch.New(dispatch.Options{Sender: printer{}, Interpreter: upper{}})
	d.Handle(protocol.Shell, &protocol.Message{
		Identities: [][]byte{[]byte("client")},
		Header:     protocol.NewHeader("execute_request", "s"),
		Content:    []byte(`{"code": "hello"}`),
	})
	// Output:
	// iopub  status {"execution_state":"busy"}
	// iopub  execute_input {"code":"hello","execution_count":1}
	// iopub  stream {"name":"stdout","text":"running\n"}
	// iopub  execute_result {"execution_count":1,"data":{"text/plain":"HELLO"},"metadata":{}}
	// shell  execute_reply {"status":"ok","execution_count":1,"user_expressions":{},"payload":[]}
	// iopub  status {"execution_state":"idle"}
}
