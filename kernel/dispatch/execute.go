package dispatch

import (
	"context"
	"time"

	"github.com/gornn/gornn/kernel/protocol"
)

func (d *Dispatcher) execute(ch protocol.Channel, msg *protocol.Message) {
	var req protocol.ExecuteRequest
	if err := msg.DecodeContent(&req); err != nil {
		d.badRequest(msg, err)
		reply := errorReply(err)
		reply["execution_count"] = d.executionCount
		d.reply(ch, msg, "execute_reply", reply)
		return
	}
	if !msg.Received.IsZero() && msg.Received.Before(d.abortBefore) {
		// A cell failed while this request was queued: with stop_on_error
		// the rest of the queue is not run.
		d.reply(ch, msg, "execute_reply", protocol.ExecuteReply{Status: protocol.StatusAborted, ExecutionCount: d.executionCount})
		return
	}
	storeHistory := !req.Silent && (req.StoreHistory == nil || *req.StoreHistory)
	if storeHistory {
		d.executionCount++
		if err := d.history.Append(d.executionCount, req.Code); err != nil {
			// The cell still runs: losing its history entry is not worth
			// failing the request the user is waiting for.
			d.log.Printf("dispatch: history: %v", err)
		}
	}
	count := d.executionCount
	// The cell can be interrupted from the moment the front end learns
	// that it runs (execute_input), not only once the interpreter has it.
	ctx, cancel := context.WithCancel(context.Background())
	d.mu.Lock()
	if d.shutdown {
		cancel()
	}
	d.cancelRun = cancel
	d.mu.Unlock()
	if !req.Silent {
		d.publish(msg, "execute_input", protocol.ExecuteInput{Code: req.Code, ExecutionCount: count})
	}
	out := &requestOutput{d: d, parent: msg, ctx: ctx, silent: req.Silent,
		allowStdin: req.AllowStdin == nil || *req.AllowStdin, count: count, counted: storeHistory}
	value, failure := d.interp.Execute(ctx, req.Code, out)
	interrupted := ctx.Err() != nil
	d.mu.Lock()
	d.cancelRun = nil
	d.mu.Unlock()
	cancel()

	if failure != nil {
		if interrupted {
			failure.Name = InterruptedName
			if failure.Value == "" {
				failure.Value = "the cell was interrupted"
			}
		}
		if !req.Silent {
			d.publish(msg, "error", protocol.ErrorOutput{EName: failure.Name, EValue: failure.Value, Traceback: nonNil(failure.Traceback)})
		}
		if req.StopOnError == nil || *req.StopOnError {
			d.abortBefore = time.Now()
		}
		d.reply(ch, msg, "execute_reply", protocol.ExecuteReply{
			Status: protocol.StatusError, ExecutionCount: count,
			ErrorContent: protocol.ErrorContent{EName: failure.Name, EValue: failure.Value, Traceback: nonNil(failure.Traceback)},
		})
		return
	}
	if value != nil && !req.Silent {
		d.publish(msg, "execute_result", protocol.ExecuteResult{
			ExecutionCount: count, Data: value.Data, Metadata: nonNilMap(value.Metadata),
		})
	}
	d.reply(ch, msg, "execute_reply", protocol.ExecuteReply{
		Status: protocol.StatusOK, ExecutionCount: count,
		UserExpressions: d.userExpressions(req.UserExpressions), Payload: out.payload(),
	})
}

// userExpressions evaluates the execute_request's user_expressions.
func (d *Dispatcher) userExpressions(exprs map[string]string) map[string]any {
	out := make(map[string]any, len(exprs))
	for name, expr := range exprs {
		value, failure := d.evaluate(expr)
		switch {
		case failure != nil:
			out[name] = map[string]any{"status": protocol.StatusError, "ename": failure.Name,
				"evalue": failure.Value, "traceback": nonNil(failure.Traceback)}
		case value == nil:
			out[name] = map[string]any{"status": protocol.StatusOK, "data": map[string]any{}, "metadata": map[string]any{}}
		default:
			out[name] = map[string]any{"status": protocol.StatusOK, "data": value.Data, "metadata": nonNilMap(value.Metadata)}
		}
	}
	return out
}

func (d *Dispatcher) evaluate(expr string) (value *Bundle, failure *Error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return d.interp.Evaluate(ctx, expr)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
