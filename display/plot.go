package display

import (
	"bytes"
	"encoding/base64"
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Default size of a plot shown without an explicit size.
const (
	DefaultPlotWidth  = 6 * vg.Inch
	DefaultPlotHeight = 4 * vg.Inch
)

// plotDPI is the resolution of the PNG form of a plot. It is twice the
// 96 DPI of a browser's CSS pixel so that plots stay sharp on high-density
// screens; the metadata asks the front end to show it at the CSS size.
const plotDPI = 192

// Plot shows p at the given size as PNG and SVG (the front end picks the
// one it renders best). A zero or negative size uses the default 6x4
// inches.
func Plot(p *plot.Plot, w, h vg.Length) { publish(plotBundle(p, w, h)) }

// plotBundle renders p as PNG and SVG.
func plotBundle(p *plot.Plot, w, h vg.Length) Data {
	if p == nil {
		return Data{Data: map[string]any{MIMEText: "<nil plot>"}}
	}
	if w <= 0 {
		w = DefaultPlotWidth
	}
	if h <= 0 {
		h = DefaultPlotHeight
	}
	pngBytes, err := renderPNG(p, w, h)
	if err != nil {
		return errorData("Plot", err)
	}
	svg, err := renderSVG(p, w, h)
	if err != nil {
		return errorData("Plot", err)
	}
	title := p.Title.Text
	if title == "" {
		title = "plot"
	}
	cssW, cssH := int(w.Dots(96)+0.5), int(h.Dots(96)+0.5)
	return Data{
		Data: map[string]any{
			MIMEPNG:  base64.StdEncoding.EncodeToString(pngBytes),
			MIMESVG:  svg,
			MIMEText: fmt.Sprintf("<%s: %dx%d>", title, cssW, cssH),
		},
		Metadata: map[string]any{
			MIMEPNG: map[string]any{"width": cssW, "height": cssH},
		},
	}
}

// renderPNG draws p into a PNG at plotDPI.
func renderPNG(p *plot.Plot, w, h vg.Length) (b []byte, err error) {
	defer recoverAs("rendering the plot as PNG", &err)
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(plotDPI))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encoding the plot as PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// renderSVG draws p into an SVG document.
func renderSVG(p *plot.Plot, w, h vg.Length) (s string, err error) {
	defer recoverAs("rendering the plot as SVG", &err)
	c := vgsvg.New(w, h)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("encoding the plot as SVG: %w", err)
	}
	return buf.String(), nil
}

// recoverAs turns a panic (gonum/plot panics on some bad input, such as
// NaN axis ranges) into an error stored in *err.
func recoverAs(what string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: %v", what, r)
	}
}
