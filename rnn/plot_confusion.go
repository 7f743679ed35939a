package rnn

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxConfusionClasses bounds PlotConfusion's grid; counts are written in
// the cells up to maxConfusionCounts classes.
const (
	maxConfusionClasses = 200
	maxConfusionCounts  = 20
)

// PlotConfusion draws the confusion matrix of predictions against true
// labels as a heat map: rows are true labels (0 at the top), columns the
// predicted classes, each cell shows its count, and the title gives the
// accuracy. Colors follow log(1+count) so that rare mistakes still show
// next to the large diagonal. With classes zero or less the number of
// classes is taken from the data. Pairs beyond the shorter slice and
// values outside 0..classes-1 are left out and counted in the title. The
// plot reads best square, e.g. display.Plot(p, 5*vg.Inch, 5*vg.Inch).
func PlotConfusion(labels, predictions []int, classes int) *plot.Plot {
	p := plot.New()
	n := min(len(labels), len(predictions))
	if classes <= 0 {
		for i := 0; i < n; i++ {
			classes = max(classes, labels[i]+1, predictions[i]+1)
		}
	}
	if classes <= 0 || classes > maxConfusionClasses {
		return plotError(p, fmt.Sprintf("PlotConfusion: %d classes (want 1..%d) from %d labels and %d predictions",
			classes, maxConfusionClasses, len(labels), len(predictions)))
	}

	counts := make([]int, classes*classes) // counts[true*classes+predicted]
	right, skipped := 0, 0
	for i := 0; i < n; i++ {
		t, q := labels[i], predictions[i]
		if t < 0 || t >= classes || q < 0 || q >= classes {
			skipped++
			continue
		}
		counts[t*classes+q]++
		if t == q {
			right++
		}
	}
	used := n - skipped
	p.Title.Text = fmt.Sprintf("Confusion matrix: %d of %d right", right, used)
	if used > 0 {
		p.Title.Text += fmt.Sprintf(" (%.2f%%)", 100*float64(right)/float64(used))
	}
	if extra := max(len(labels), len(predictions)) - n; extra > 0 || skipped > 0 {
		p.Title.Text += fmt.Sprintf("\n%d unpaired and %d out-of-range values left out", extra, skipped)
	}
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = "predicted"
	p.Y.Label.Text = "true label"

	// Row r of the grid (y = r, drawn bottom up) holds true label
	// classes-1-r, so that label 0 is the top row as in a printed table.
	grid := plotGrid2D{cols: classes, rows: classes, z: make([]float64, classes*classes)}
	maxCount := 0
	for t := 0; t < classes; t++ {
		for q := 0; q < classes; q++ {
			c := counts[t*classes+q]
			grid.z[q*classes+(classes-1-t)] = math.Log1p(float64(c))
			maxCount = max(maxCount, c)
		}
	}
	pal := plotRamp{from: color.RGBA{R: 0xf7, G: 0xfb, B: 0xff, A: 0xff}, to: color.RGBA{R: 0x08, G: 0x30, B: 0x6b, A: 0xff}, n: 64}
	hm := plotter.NewHeatMap(grid, pal)
	hm.Min, hm.Max = 0, math.Max(math.Log1p(float64(maxCount)), 1)
	hm.Rasterized = false
	p.Add(hm)

	if classes <= maxConfusionCounts {
		if l := confusionLabels(counts, classes, hm); l != nil {
			p.Add(l)
		}
	}
	p.X.Min, p.X.Max = -0.5, float64(classes)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(classes)-0.5
	p.X.Tick.Marker = plotIntTicks{}
	p.Y.Tick.Marker = plotIntTicks{label: func(r int) string { return strconv.Itoa(classes - 1 - r) }}
	p.X.Padding, p.Y.Padding = 0, 0
	return p
}

// confusionLabels writes each non-zero count in its cell, white on dark
// cells and black on light ones.
func confusionLabels(counts []int, classes int, hm *plotter.HeatMap) *plotter.Labels {
	var xyl plotter.XYLabels
	var colors []color.Color
	cols := hm.Palette.Colors()
	for t := 0; t < classes; t++ {
		for q := 0; q < classes; q++ {
			c := counts[t*classes+q]
			if c == 0 {
				continue
			}
			xyl.XYs = append(xyl.XYs, plotter.XY{X: float64(q), Y: float64(classes - 1 - t)})
			xyl.Labels = append(xyl.Labels, strconv.Itoa(c))
			shade := int(math.Log1p(float64(c)) / hm.Max * float64(len(cols)-1))
			if plotLuma(cols[min(shade, len(cols)-1)]) < 0.5 {
				colors = append(colors, color.White)
			} else {
				colors = append(colors, color.Black)
			}
		}
	}
	if len(xyl.XYs) == 0 {
		return nil
	}
	l, err := plotter.NewLabels(xyl)
	if err != nil {
		return nil // cannot happen: the points are finite and match the labels
	}
	size := vg.Points(10)
	if classes > 12 {
		size = vg.Points(7)
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Color = colors[i]
		l.TextStyle[i].XAlign = draw.XCenter
		l.TextStyle[i].YAlign = draw.YCenter
		l.TextStyle[i].Font.Size = size
	}
	return l
}
