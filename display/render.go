package display

import (
	"fmt"
	"image"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
)

// The methods a compiled type can offer to choose how it is shown. They
// are matched by name and signature, so a type needs no import of this
// package to take part.
type (
	htmler     interface{ HTML() string }
	markdowner interface{ Markdown() string }
	svger      interface{ SVG() string }
	pnger      interface{ PNG() []byte }
)

// Render returns the richest bundle for v, with text/plain always present:
//
//   - a Data bundle is returned as is (text/plain added if missing);
//   - *plot.Plot: PNG and SVG at the default size;
//   - image.Image: PNG;
//   - a value with any of the methods HTML() string, Markdown() string,
//     SVG() string or PNG() []byte (such as *rnn.Tensor): each form it
//     offers;
//   - gonum's mat.Matrix (and so vectors): an HTML table showing the
//     shape, with large matrices truncated;
//   - anything else: its fmt %v text, or a summary where %v would show
//     addresses and unexported fields (see PlainText).
//
// A method that panics (for instance on a nil receiver) is skipped and the
// value falls back to a simpler form.
func Render(v any) Data {
	switch x := v.(type) {
	case nil:
		return Data{Data: map[string]any{MIMEText: "<nil>"}}
	case Data:
		return withText(x)
	case *Data:
		if x != nil {
			return withText(*x)
		}
	case *plot.Plot:
		return plotBundle(x, 0, 0)
	case image.Image:
		if img, ok := safeImage(x); ok {
			return imageBundle(img)
		}
	}
	if d, ok := renderMethods(v); ok {
		return d
	}
	if m, ok := v.(mat.Matrix); ok {
		if html, ok := safeString(func() string { return MatrixHTML(m) }); ok {
			return Data{Data: map[string]any{MIMEHTML: html, MIMEText: matrixText(m)}}
		}
	}
	return Data{Data: map[string]any{MIMEText: PlainText(v)}}
}

// renderMethods collects the forms v offers through its own methods.
func renderMethods(v any) (Data, bool) {
	d := Data{Data: map[string]any{}}
	if x, ok := v.(htmler); ok {
		if s, ok := safeString(x.HTML); ok {
			d.Data[MIMEHTML] = s
		}
	}
	if x, ok := v.(markdowner); ok {
		if s, ok := safeString(x.Markdown); ok {
			d.Data[MIMEMarkdown] = s
		}
	}
	if x, ok := v.(svger); ok {
		if s, ok := safeString(x.SVG); ok {
			d.Data[MIMESVG] = s
		}
	}
	if x, ok := v.(pnger); ok {
		if b, ok := safeBytes(x.PNG); ok {
			p := pngData(b)
			d.Data[MIMEPNG] = p.Data[MIMEPNG]
			d.Metadata = p.Metadata
		}
	}
	if len(d.Data) == 0 {
		return Data{}, false
	}
	d.Data[MIMEText] = PlainText(v)
	return d, true
}

// textOf is the plain-text form of v: its %v formatting, or a note if
// formatting panics.
func textOf(v any) string {
	s, ok := safeString(func() string { return fmt.Sprintf("%v", v) })
	if !ok {
		return fmt.Sprintf("<%T: cannot be formatted>", v)
	}
	return s
}

// safeString calls f, reporting false if it panics.
func safeString(f func() string) (s string, ok bool) {
	defer func() {
		if recover() != nil {
			s, ok = "", false
		}
	}()
	return f(), true
}

// safeBytes calls f, reporting false if it panics or returns nothing.
func safeBytes(f func() []byte) (b []byte, ok bool) {
	defer func() {
		if recover() != nil {
			b, ok = nil, false
		}
	}()
	b = f()
	return b, len(b) > 0
}

// safeImage checks that img can report its bounds (a typed nil image
// panics there).
func safeImage(img image.Image) (out image.Image, ok bool) {
	defer func() {
		if recover() != nil {
			out, ok = nil, false
		}
	}()
	_ = img.Bounds()
	return img, true
}

// matrixText formats m as gonum prints matrices, showing only the corners
// of large ones.
func matrixText(m mat.Matrix) string {
	r, c := m.Dims()
	opts := []mat.FormatOption{mat.Squeeze()}
	if r > maxTableRows || c > maxTableCols {
		opts = append(opts, mat.Excerpt(3))
	}
	s, ok := safeString(func() string { return fmt.Sprintf("%.6g", mat.Formatted(m, opts...)) })
	if !ok {
		return fmt.Sprintf("<%T %dx%d>", m, r, c)
	}
	return s
}
