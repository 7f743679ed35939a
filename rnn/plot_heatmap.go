package rnn

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/vg/draw"
)

// plotGrid2D is a dense grid of values for a heat map: cols x rows,
// column-major as gonum's GridXYZ counts them, with column c drawn at
// x = x0 + c and row r at y = r.
type plotGrid2D struct {
	cols, rows int
	x0         float64
	z          []float64 // z[c*rows+r]
}

// Dims implements plotter.GridXYZ.
func (g plotGrid2D) Dims() (c, r int) { return g.cols, g.rows }

// Z implements plotter.GridXYZ.
func (g plotGrid2D) Z(c, r int) float64 { return g.z[c*g.rows+r] }

// X implements plotter.GridXYZ.
func (g plotGrid2D) X(c int) float64 { return g.x0 + float64(c) }

// Y implements plotter.GridXYZ.
func (g plotGrid2D) Y(r int) float64 { return float64(r) }

// plotRamp is a palette of n colors blending evenly from one color to
// another.
type plotRamp struct {
	from, to color.RGBA
	n        int
}

// Colors implements palette.Palette.
func (p plotRamp) Colors() []color.Color {
	cs := make([]color.Color, p.n)
	for i := range cs {
		t := float64(i) / float64(max(p.n-1, 1))
		mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a) + t*(float64(b)-float64(a)))) }
		cs[i] = color.RGBA{R: mix(p.from.R, p.to.R), G: mix(p.from.G, p.to.G), B: mix(p.from.B, p.to.B), A: 0xff}
	}
	return cs
}

var _ palette.Palette = plotRamp{}

// plotLuma is the perceived brightness of c in [0, 1], to choose black or
// white text on top of it.
func plotLuma(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)) / 0xffff
}

// colorSwatch is a legend thumbnail filled with one color.
type colorSwatch struct{ c color.Color }

// Thumbnail implements plot.Thumbnailer.
func (s colorSwatch) Thumbnail(c *draw.Canvas) {
	c.SetColor(s.c)
	c.Fill(c.Rectangle.Path())
}
