package protocol

import (
	"encoding/json"
	"testing"
)

func TestIsCompleteReplyIndent(t *testing.T) {
	tests := []struct {
		reply IsCompleteReply
		want  string
	}{
		{IsCompleteReply{Status: "incomplete", Indent: "\t"}, `{"status":"incomplete","indent":"\t"}`},
		// The spec makes indent part of every "incomplete" reply, so an
		// empty one is still written.
		{IsCompleteReply{Status: "incomplete"}, `{"status":"incomplete","indent":""}`},
		{IsCompleteReply{Status: "complete"}, `{"status":"complete"}`},
		{IsCompleteReply{Status: "invalid"}, `{"status":"invalid"}`},
		{IsCompleteReply{Status: "unknown"}, `{"status":"unknown"}`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.reply)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("%+v: %s, want %s", tt.reply, got, tt.want)
		}
	}
}

func TestRequestsWithoutCursor(t *testing.T) {
	tests := []struct {
		content string
		want    *int
	}{
		{`{"code":"fmt.P","cursor_pos":3}`, new(int)},
		{`{"code":"fmt.P"}`, nil},
	}
	*tests[0].want = 3
	for _, tt := range tests {
		m := &Message{Header: Header{MsgType: "complete_request"}, Content: json.RawMessage(tt.content)}
		var c CompleteRequest
		var i InspectRequest
		if err := m.DecodeContent(&c); err != nil {
			t.Fatal(err)
		}
		if err := m.DecodeContent(&i); err != nil {
			t.Fatal(err)
		}
		for _, got := range []*int{c.CursorPos, i.CursorPos} {
			if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
				t.Errorf("%s: cursor_pos %v, want %v", tt.content, got, tt.want)
			}
		}
	}
}
