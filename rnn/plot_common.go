package rnn

import (
	"image"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// plotDPI is the resolution of the images the plot helpers return: a
// browser shows a PNG at one pixel per CSS pixel, 96 to the inch.
const plotDPI = 96

// Colors shared by the plot helpers.
var (
	plotWrongColor = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff} // wrong predictions
	plotTrainColor = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	plotTestColor  = color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff}
	plotCostColor  = color.RGBA{R: 0x2c, G: 0x2c, B: 0x2c, A: 0xff}
)

// plotTiles draws plots side by side into one image of the given size.
// A plot that panics while drawing (gonum/plot does on some degenerate
// ranges) leaves its tile blank with a note instead of taking the
// process down.
func plotTiles(w, h vg.Length, plots ...*plot.Plot) image.Image {
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(plotDPI))
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	pad := 3 * vg.Millimeter
	tiles := draw.Tiles{Rows: 1, Cols: len(plots), PadX: 2 * pad, PadTop: pad, PadBottom: pad, PadLeft: pad, PadRight: pad}
	for i, p := range plots {
		tc := tiles.At(dc, i, 0)
		plotDrawSafely(p, tc)
	}
	return c.Image()
}

// plotDrawSafely draws p on c, writing a note where the plot would be if
// drawing panics.
func plotDrawSafely(p *plot.Plot, c draw.Canvas) {
	defer func() {
		if r := recover(); r != nil {
			sty := plotTextStyle(12, color.Black)
			c.FillText(sty, vg.Point{X: c.Min.X + vg.Millimeter*5, Y: c.Center().Y}, "this plot could not be drawn")
		}
	}()
	p.Draw(c)
}

// plotTextStyle is a text style in the plots' default font.
func plotTextStyle(size vg.Length, col color.Color) draw.TextStyle {
	f := plot.DefaultFont
	f.Size = size
	return draw.TextStyle{
		Color:   col,
		Font:    f,
		Handler: plot.DefaultTextHandler,
	}
}

// plotFiniteXYs turns values per epoch into points (epoch numbers start at
// 1), dropping values that are NaN or infinite so that a diverging run
// still plots what it can.
func plotFiniteXYs(values []float64) plotter.XYs {
	pts := make(plotter.XYs, 0, len(values))
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		pts = append(pts, plotter.XY{X: float64(i + 1), Y: v})
	}
	return pts
}

// plotAddLine adds values as a line with points and a legend entry; it
// does nothing for series without finite values. An empty name leaves the
// series out of the legend.
func plotAddLine(p *plot.Plot, name string, values []float64, col color.Color, dashed bool) {
	pts := plotFiniteXYs(values)
	if len(pts) == 0 {
		return
	}
	line, points, err := plotter.NewLinePoints(pts)
	if err != nil {
		return // cannot happen: the points are finite
	}
	line.Color = col
	line.Width = vg.Points(1.5)
	if dashed {
		line.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	points.Color = col
	points.Shape = draw.CircleGlyph{}
	points.Radius = vg.Points(2.5)
	p.Add(line, points)
	if name != "" {
		p.Legend.Add(name, line, points)
	}
}

// plotIntTicks labels integers from min to max, thinning the labels out
// to about ten so that long ranges stay readable.
type plotIntTicks struct {
	label func(i int) string // nil: the number itself
	last  int                // when above 0, no ticks beyond it
}

// Ticks implements plot.Ticker.
func (t plotIntTicks) Ticks(min, max float64) []plot.Tick {
	lo, hi := int(math.Ceil(min)), int(math.Floor(max))
	if t.last > 0 && hi > t.last {
		hi = t.last
	}
	if hi < lo {
		return nil
	}
	step := 1
	for (hi-lo)/step > 10 {
		switch step {
		case 1:
			step = 2
		case 2:
			step = 5
		default:
			step *= 2
		}
	}
	var ticks []plot.Tick
	for i := lo; i <= hi; i++ {
		major := (i-lo)%step == 0
		if !major && step > 5 {
			continue // a minor tick per integer would blur into a bar
		}
		tk := plot.Tick{Value: float64(i)}
		if major {
			if t.label != nil {
				tk.Label = t.label(i)
			} else {
				tk.Label = strconv.Itoa(i)
			}
		}
		ticks = append(ticks, tk)
	}
	return ticks
}

// plotGrid is a light background grid.
func plotGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 0xe0}
	g.Horizontal.Color = color.Gray{Y: 0xe0}
	return g
}

// plotError turns p into a plot that only says what is wrong with the
// input, for helpers that return a *plot.Plot and no error.
func plotError(p *plot.Plot, msg string) *plot.Plot {
	p.Title.Text = msg
	p.Title.TextStyle.Color = plotWrongColor
	p.HideAxes()
	return p
}
