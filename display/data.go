package display

import "sync"

// Data is one rich output: a MIME bundle and its metadata, as a front end
// shows it. Text types (text/plain, text/html, image/svg+xml, ...) hold a
// string, binary types (image/png, image/jpeg) hold their bytes encoded as
// standard base64, and application/json holds any JSON-encodable value.
type Data struct {
	// Data maps a MIME type to the content in that type. text/plain is
	// always present in bundles built by this package.
	Data map[string]any
	// Metadata maps a MIME type to extra information, such as the width
	// and height of an image.
	Metadata map[string]any
	// ID names the display so that it can be updated later; empty for an
	// output that is never updated.
	ID string
	// Update says that this output replaces the one with the same ID
	// instead of adding a new one.
	Update bool
}

// Frontend receives what this package publishes. A notebook kernel, a
// terminal REPL and a plain program each install their own.
type Frontend struct {
	// Publish shows d, or updates the display d.ID when d.Update is set.
	// It may be called from any goroutine.
	Publish func(d Data)
	// ClearOutput clears the output of the running cell; with wait set,
	// the clearing happens when the next output arrives.
	ClearOutput func(wait bool)
	// Terminal says that output goes to a text terminal, where progress
	// bars are drawn in place with control characters.
	Terminal bool
}

var (
	frontendMu sync.RWMutex
	frontend   Frontend
)

// SetFrontend installs f as the receiver of everything this package
// publishes and returns the one it replaces. With no frontend installed,
// or a nil Publish, output is written to standard output as text.
func SetFrontend(f Frontend) Frontend {
	frontendMu.Lock()
	defer frontendMu.Unlock()
	prev := frontend
	frontend = f
	return prev
}

// current returns the installed frontend.
func current() Frontend {
	frontendMu.RLock()
	defer frontendMu.RUnlock()
	return frontend
}
