package rnn

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// PlotActivations draws a recurrent layer's state over time as a heat map:
// one column per step (in order, numbered from 1), one row per unit, blue
// for negative, white for zero and red for positive values, on a scale
// symmetric around zero. Each step is a tensor of any shape whose values
// are the units, typically an LSTM's h of shape [1, units] for one digit
// (28 steps, one per image row). Steps of different sizes are padded with
// blank cells; nil steps are blank columns.
func PlotActivations(steps []*Tensor) *plot.Plot {
	p := plot.New()
	units := 0
	for _, s := range steps {
		if s != nil {
			units = max(units, s.Size())
		}
	}
	if units == 0 {
		return plotError(p, fmt.Sprintf("PlotActivations: no values in %d steps", len(steps)))
	}

	grid := plotGrid2D{cols: len(steps), rows: units, x0: 1, z: make([]float64, len(steps)*units)}
	peak := 0.0
	for c, s := range steps {
		for r := 0; r < units; r++ {
			v := math.NaN()
			if s != nil && r < s.Size() {
				v = float64(s.Data()[r])
			}
			if math.IsInf(v, 0) {
				v = math.NaN() // shown blank, like a missing value
			}
			grid.z[c*units+r] = v
			if !math.IsNaN(v) {
				peak = math.Max(peak, math.Abs(v))
			}
		}
	}
	if peak == 0 {
		peak = 1
	}

	cm := moreland.SmoothBlueRed()
	cm.SetMin(-peak)
	cm.SetMax(peak)
	hm := plotter.NewHeatMap(grid, cm.Palette(255))
	hm.Min, hm.Max = -peak, peak
	p.Add(hm)

	p.Title.Text = fmt.Sprintf("Hidden state per step (%d units × %d steps)", units, len(steps))
	p.X.Label.Text = "step (image row)"
	p.Y.Label.Text = "unit"
	p.X.Tick.Marker = plotIntTicks{last: len(steps)}
	p.Y.Tick.Marker = plotIntTicks{}
	p.Title.Padding = vg.Points(6)
	p.X.Padding, p.Y.Padding = 0, 0
	p.Y.Min, p.Y.Max = -0.5, float64(units)-0.5

	// The color key sits in a blank strip right of the last step, so
	// that it never hides data.
	keyWidth := math.Max(3, 0.22*float64(len(steps)))
	p.X.Min, p.X.Max = 0.5, float64(len(steps))+0.5+keyWidth
	activationKey(p, cm, peak)
	return p
}

// activationKey adds legend entries for five values from -peak to +peak.
func activationKey(p *plot.Plot, cm palette.ColorMap, peak float64) {
	for _, v := range []float64{peak, peak / 2, 0, -peak / 2, -peak} {
		c, err := cm.At(v)
		if err != nil {
			continue // cannot happen: v lies in the map's range
		}
		p.Legend.Add(fmt.Sprintf("%+.2f", v), colorSwatch{c})
	}
	p.Legend.Top = true
	p.Legend.XOffs = -2 * vg.Millimeter
	p.Legend.YOffs = -2 * vg.Millimeter
	p.Legend.ThumbnailWidth = vg.Points(12)
}
