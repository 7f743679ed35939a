package display

import (
	"crypto/rand"
	"encoding/hex"
)

// Handle is a display that can be replaced in place, such as a chart
// redrawn after every epoch.
type Handle struct {
	id string
}

// NewDisplay shows v (see Render) and returns a handle to update it.
func NewDisplay(v any) *Handle {
	h := &Handle{id: newDisplayID()}
	d := Render(v)
	d.ID = h.id
	publish(d)
	return h
}

// ID returns the display id shared by the first output and its updates.
func (h *Handle) ID() string { return h.id }

// Update replaces the display's content with v. Without a frontend, the
// new text is printed.
func (h *Handle) Update(v any) {
	d := Render(v)
	d.ID = h.id
	d.Update = true
	publish(d)
}

// newDisplayID returns a random id, unique within and across sessions.
func newDisplayID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails since Go 1.24
	return hex.EncodeToString(b[:])
}

// String names the display, for a Handle shown as a value.
func (h *Handle) String() string { return "display " + h.id }
