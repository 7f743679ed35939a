package repl

import (
	"maps"

	"github.com/gornn/gornn/display"
	"github.com/gornn/gornn/kernel/eval"
)

// recorder collects the outputs of the running notebook cell the way
// Jupyter would store them: consecutive stream text merged, displays
// updated in place by their ID (in whichever cell they were shown), and
// clear_output honoured.
type recorder struct {
	cell         *Cell
	displays     map[string][]*Output // display ID -> outputs showing it
	clearPending bool                 // clear_output(wait=true) not yet done
}

// begin makes c the cell that receives outputs, numbered count.
func (rc *recorder) begin(c *Cell, count int) {
	c.Outputs = nil
	c.ExecutionCount = &count
	rc.cell = c
	rc.clearPending = false
}

// end stops recording into the current cell.
func (rc *recorder) end() {
	rc.cell = nil
	rc.clearPending = false
}

// add appends o to the current cell, after a pending clear.
func (rc *recorder) add(o *Output) {
	if rc.cell == nil {
		return
	}
	if rc.clearPending {
		rc.cell.Outputs = nil
		rc.clearPending = false
	}
	rc.cell.Outputs = append(rc.cell.Outputs, o)
}

// stream records text written to stdout or stderr.
func (rc *recorder) stream(name, text string) {
	if rc.cell == nil {
		return
	}
	if n := len(rc.cell.Outputs); n > 0 && !rc.clearPending {
		if last := rc.cell.Outputs[n-1]; last.Type == "stream" && last.Name == name {
			last.Text += text
			return
		}
	}
	rc.add(&Output{Type: "stream", Name: name, Text: text})
}

// display records a display, or updates every output showing d.ID.
// Updates of an ID never shown are dropped, as in Jupyter.
func (rc *recorder) display(d display.Data) {
	if d.Update {
		for _, o := range rc.displays[d.ID] {
			o.Data = maps.Clone(d.Data)
			o.Metadata = maps.Clone(d.Metadata)
		}
		return
	}
	if rc.cell == nil {
		return
	}
	o := &Output{Type: "display_data", Data: maps.Clone(d.Data), Metadata: maps.Clone(d.Metadata)}
	if d.ID != "" {
		if rc.displays == nil {
			rc.displays = map[string][]*Output{}
		}
		rc.displays[d.ID] = append(rc.displays[d.ID], o)
	}
	rc.add(o)
}

// clear clears the current cell's outputs now, or with wait at the next
// output.
func (rc *recorder) clear(wait bool) {
	if rc.cell == nil {
		return
	}
	if wait {
		rc.clearPending = true
		return
	}
	rc.cell.Outputs = nil
	rc.clearPending = false
}

// result records the value of the cell's trailing expression.
func (rc *recorder) result(count int, v *display.Data) {
	rc.add(&Output{Type: "execute_result", ExecutionCount: count,
		Data: maps.Clone(v.Data), Metadata: maps.Clone(v.Metadata)})
}

// error records the cell's error.
func (rc *recorder) error(e *eval.Error) {
	tb := e.Traceback
	if len(tb) == 0 {
		tb = []string{e.Name + ": " + e.Message}
	}
	rc.add(&Output{Type: "error", EName: e.Name, EValue: e.Message, Traceback: tb})
}
