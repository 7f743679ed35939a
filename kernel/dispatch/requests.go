package dispatch

import (
	"github.com/gornn/gornn/kernel/protocol"
)

func (d *Dispatcher) kernelInfo(ch protocol.Channel, msg *protocol.Message) {
	d.reply(ch, msg, "kernel_info_reply", d.info)
}

func (d *Dispatcher) complete(ch protocol.Channel, msg *protocol.Message) {
	var req protocol.CompleteRequest
	if err := msg.DecodeContent(&req); err != nil {
		d.badRequest(msg, err)
		d.reply(ch, msg, "complete_reply", errorReply(err))
		return
	}
	cursor := len(req.Code)
	if req.CursorPos != nil {
		cursor = byteOffset(req.Code, *req.CursorPos)
	}
	matches, start, end := d.interp.Complete(req.Code, cursor)
	if matches == nil {
		matches = []string{}
	}
	if len(matches) == 0 {
		start, end = cursor, cursor
	}
	d.reply(ch, msg, "complete_reply", protocol.CompleteReply{
		Status:      protocol.StatusOK,
		Matches:     matches,
		CursorStart: codePointOffset(req.Code, start),
		CursorEnd:   codePointOffset(req.Code, end),
		Metadata:    map[string]any{},
	})
}

func (d *Dispatcher) inspect(ch protocol.Channel, msg *protocol.Message) {
	var req protocol.InspectRequest
	if err := msg.DecodeContent(&req); err != nil {
		d.badRequest(msg, err)
		d.reply(ch, msg, "inspect_reply", errorReply(err))
		return
	}
	cursor := len(req.Code)
	if req.CursorPos != nil {
		cursor = byteOffset(req.Code, *req.CursorPos)
	}
	doc, found := d.interp.Inspect(req.Code, cursor, req.DetailLevel)
	data := map[string]any{}
	if found {
		data["text/plain"] = doc
	}
	d.reply(ch, msg, "inspect_reply", protocol.InspectReply{
		Status: protocol.StatusOK, Found: found, Data: data, Metadata: map[string]any{},
	})
}

func (d *Dispatcher) isComplete(ch protocol.Channel, msg *protocol.Message) {
	var req protocol.IsCompleteRequest
	if err := msg.DecodeContent(&req); err != nil {
		d.badRequest(msg, err)
		d.reply(ch, msg, "is_complete_reply", protocol.IsCompleteReply{Status: "unknown"})
		return
	}
	status, indent := d.interp.IsComplete(req.Code)
	if status != "incomplete" {
		indent = ""
	}
	d.reply(ch, msg, "is_complete_reply", protocol.IsCompleteReply{Status: status, Indent: indent})
}

func (d *Dispatcher) historyRequest(ch protocol.Channel, msg *protocol.Message) {
	var req protocol.HistoryRequest
	if err := msg.DecodeContent(&req); err != nil {
		d.badRequest(msg, err)
		d.reply(ch, msg, "history_reply", errorReply(err))
		return
	}
	var (
		entries []HistoryEntry
		err     error
	)
	switch req.HistAccessType {
	case "tail", "":
		entries, err = d.history.Tail(req.N, req.Unique)
	case "range":
		entries, err = d.history.Range(req.Session, req.Start, req.Stop)
	case "search":
		entries, err = d.history.Search(req.Pattern, req.N, req.Unique)
	default:
		d.log.Printf("dispatch: history_request: unknown hist_access_type %q", req.HistAccessType)
	}
	if err != nil {
		d.reply(ch, msg, "history_reply", errorReply(err))
		return
	}
	out := make([][]any, len(entries))
	for i, e := range entries {
		if req.Output {
			out[i] = []any{e.Session, e.Line, []any{e.Input, nil}}
		} else {
			out[i] = []any{e.Session, e.Line, e.Input}
		}
	}
	d.reply(ch, msg, "history_reply", protocol.HistoryReply{Status: protocol.StatusOK, History: out})
}

func (d *Dispatcher) commInfo(ch protocol.Channel, msg *protocol.Message) {
	d.reply(ch, msg, "comm_info_reply", protocol.CommInfoReply{Status: protocol.StatusOK, Comms: map[string]any{}})
}

func (d *Dispatcher) interrupt(ch protocol.Channel, msg *protocol.Message) {
	d.Interrupt()
	d.reply(ch, msg, "interrupt_reply", protocol.InterruptReply{Status: protocol.StatusOK})
}

func (d *Dispatcher) shutdownRequest(ch protocol.Channel, msg *protocol.Message) {
	var req protocol.ShutdownRequest
	if err := msg.DecodeContent(&req); err != nil {
		d.badRequest(msg, err)
	}
	d.mu.Lock()
	if !d.shutdown {
		restart := req.Restart
		d.exitAfter = &restart // Handle calls onExit after the idle status
	}
	d.shutdown = true
	d.mu.Unlock()
	d.Interrupt()
	reply := protocol.ShutdownReply{Status: protocol.StatusOK, Restart: req.Restart}
	d.reply(ch, msg, "shutdown_reply", reply)
	d.publish(msg, "shutdown_reply", reply)
}

// errorReply is the content of a reply to a request that could not be
// served.
func errorReply(err error) map[string]any {
	return map[string]any{
		"status": protocol.StatusError, "ename": "BadRequest", "evalue": err.Error(), "traceback": []string{},
	}
}
