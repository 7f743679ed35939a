package dispatch

// Bundle is one rich output as the protocol carries it: a MIME bundle,
// its metadata, and the display id that lets a later output replace it.
// The dispatcher has its own type so that it depends on no rendering
// library; the layer that knows both converts.
type Bundle struct {
	// Data maps a MIME type to the content in that type: a string for
	// text types, standard base64 for binary ones, any JSON-encodable
	// value for application/json.
	Data map[string]any
	// Metadata maps a MIME type to extra information, such as the size
	// of an image.
	Metadata map[string]any
	// ID names the display so that it can be updated; empty for an
	// output that is never updated.
	ID string
	// Update says that this output replaces the display with the same
	// ID instead of adding a new one.
	Update bool
}
