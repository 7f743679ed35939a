package display

import (
	"fmt"
	"image"
	"io"
	"os"
	"sync"
)

// stdoutMu keeps text written without a frontend from interleaving when
// several goroutines display at once.
var stdoutMu sync.Mutex

// fallbackOut is where text goes when no frontend is installed; nil means
// os.Stdout at the time of writing (so that redirecting it works). Tests
// replace it.
var fallbackOut io.Writer

// publish hands d to the installed frontend, or writes its text to
// standard output when there is none.
func publish(d Data) {
	f := current()
	if f.Publish != nil {
		f.Publish(d)
		return
	}
	text, _ := d.Data[MIMEText].(string)
	stdoutMu.Lock()
	defer stdoutMu.Unlock()
	w := fallbackOut
	if w == nil {
		w = os.Stdout
	}
	fmt.Fprintln(w, text)
}

// Publish shows a bundle built by hand. A bundle without text/plain gets
// a placeholder naming its MIME types, so that every front end has
// something to show.
func Publish(d Data) {
	publish(withText(d))
}

// withText returns d with a text/plain entry, adding one if it is missing.
func withText(d Data) Data {
	if d.Data == nil {
		d.Data = map[string]any{}
	}
	if _, ok := d.Data[MIMEText]; !ok {
		d.Data[MIMEText] = placeholder(d.Data)
	}
	return d
}

// ClearOutput clears the output of the running cell. With wait set, the
// old output stays until new output arrives, which avoids flicker when a
// cell redraws in a loop. Without a frontend it does nothing.
func ClearOutput(wait bool) {
	if f := current(); f.ClearOutput != nil {
		f.ClearOutput(wait)
	}
}

// Display shows v in its richest form (see Render).
func Display(v any) { publish(Render(v)) }

// PNG shows PNG-encoded image bytes.
func PNG(b []byte) { publish(pngData(b)) }

// JPEG shows JPEG-encoded image bytes.
func JPEG(b []byte) { publish(jpegData(b)) }

// SVG shows an SVG document.
func SVG(s string) { publish(textData(MIMESVG, s, "SVG image")) }

// HTML shows an HTML fragment.
func HTML(s string) { publish(textData(MIMEHTML, s, s)) }

// Markdown shows Markdown text.
func Markdown(s string) { publish(textData(MIMEMarkdown, s, s)) }

// LaTeX shows LaTeX math, such as `$\sigma(x) = 1/(1+e^{-x})$`.
func LaTeX(s string) { publish(textData(MIMELaTeX, s, s)) }

// JSON shows v as a JSON tree. A value that cannot be encoded as JSON is
// reported as text instead.
func JSON(v any) { publish(jsonData(v)) }

// Text shows plain text.
func Text(s string) { publish(Data{Data: map[string]any{MIMEText: s}}) }

// Image shows img, encoded as PNG.
func Image(img image.Image) {
	if x, ok := safeImage(img); ok {
		publish(imageBundle(x))
		return
	}
	publish(imageBundle(nil))
}
