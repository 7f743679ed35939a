package repl

import (
	"testing"

	"github.com/gornn/gornn/display"
	"github.com/gornn/gornn/kernel/eval"
)

// texts summarises outputs as "type:content" for comparison.
func texts(outs []*Output) []string {
	var s []string
	for _, o := range outs {
		switch o.Type {
		case "stream":
			s = append(s, o.Name+":"+o.Text)
		case "error":
			s = append(s, "error:"+o.EName)
		default:
			s = append(s, o.Type+":"+plainText(o.Data))
		}
	}
	return s
}

func plain(id string, update bool, text string) display.Data {
	return display.Data{Data: map[string]any{display.MIMEText: text}, ID: id, Update: update}
}

func TestRecorder(t *testing.T) {
	type step func(rc *recorder)
	stream := func(name, text string) step { return func(rc *recorder) { rc.stream(name, text) } }
	show := func(d display.Data) step { return func(rc *recorder) { rc.display(d) } }
	clear := func(wait bool) step { return func(rc *recorder) { rc.clear(wait) } }
	tests := []struct {
		name  string
		steps []step
		want  []string
	}{
		{"streams merge", []step{stream("stdout", "a"), stream("stdout", "b\n"), stream("stderr", "e"), stream("stdout", "c")},
			[]string{"stdout:ab\n", "stderr:e", "stdout:c"}},
		{"update in place", []step{show(plain("p", false, "0%")), stream("stdout", "x"), show(plain("p", true, "50%")), show(plain("p", true, "100%"))},
			[]string{"display_data:100%", "stdout:x"}},
		{"update of an unknown display is dropped", []step{show(plain("q", true, "late"))}, nil},
		{"clear now", []step{stream("stdout", "a"), clear(false), stream("stdout", "b")}, []string{"stdout:b"}},
		{"clear at the next output", []step{stream("stdout", "a"), clear(true), stream("stdout", "b")}, []string{"stdout:b"}},
		{"clear wait keeps the output until then", []step{stream("stdout", "a"), clear(true)}, []string{"stdout:a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := &recorder{}
			c := &Cell{Type: "code"}
			rc.begin(c, 4)
			for _, s := range tt.steps {
				s(rc)
			}
			rc.end()
			if got := texts(c.Outputs); !equalStrings(got, tt.want) {
				t.Errorf("outputs = %q, want %q", got, tt.want)
			}
			if c.ExecutionCount == nil || *c.ExecutionCount != 4 {
				t.Errorf("execution count = %v, want 4", c.ExecutionCount)
			}
		})
	}
}

func TestRecorderUpdatesEarlierCell(t *testing.T) {
	rc := &recorder{}
	first, second := &Cell{Type: "code"}, &Cell{Type: "code"}
	rc.begin(first, 1)
	rc.display(plain("h", false, "old"))
	rc.end()
	rc.begin(second, 2)
	rc.display(plain("h", true, "new"))
	rc.result(2, &display.Data{Data: map[string]any{display.MIMEText: "42"}})
	rc.error(&eval.Error{Name: "Panic", Message: "boom"})
	rc.end()
	if got := texts(first.Outputs); !equalStrings(got, []string{"display_data:new"}) {
		t.Errorf("first cell = %q", got)
	}
	if got := texts(second.Outputs); !equalStrings(got, []string{"execute_result:42", "error:Panic"}) {
		t.Errorf("second cell = %q", got)
	}
	if tb := second.Outputs[1].Traceback; len(tb) != 1 || tb[0] != "Panic: boom" {
		t.Errorf("traceback of an error without one = %q", tb)
	}
	if n := second.Outputs[0].ExecutionCount; n != 2 {
		t.Errorf("execute_result count = %d", n)
	}
	// Outputs arriving between cells belong to none.
	rc.stream("stdout", "stray")
	if len(second.Outputs) != 2 {
		t.Errorf("output after the cell ended was recorded: %q", texts(second.Outputs))
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
