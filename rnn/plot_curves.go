package rnn

import (
	"fmt"
	"image"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// PlotLearningCurves draws training progress per epoch as one image with
// two panels: the cost on the left, train and test accuracy on the right.
// Epochs are numbered from 1; any series may be empty or nil, and values
// that are NaN or infinite are left out.
func PlotLearningCurves(cost, trainAcc, testAcc []float64) image.Image {
	return plotTiles(10*vg.Inch, 3.8*vg.Inch, costPlot(cost), accuracyPlot(trainAcc, testAcc))
}

// costPlot draws the cost per epoch.
func costPlot(cost []float64) *plot.Plot {
	p := plot.New()
	p.Title.Text = "Cost"
	if n := len(cost); n > 0 {
		p.Title.Text = fmt.Sprintf("Cost (epoch %d: %.4g)", n, cost[n-1])
	}
	p.X.Label.Text = "epoch"
	p.Y.Label.Text = "cost"
	p.X.Tick.Marker = plotIntTicks{}
	p.Add(plotGrid())
	plotAddLine(p, "", cost, plotCostColor, false)
	plotEpochRange(p, len(cost))
	p.Y.Min = 0     // costs are never negative; anchoring at 0 shows the real scale of the drop
	p.Y.Max *= 1.05 // keeps the first, highest point off the frame
	if len(plotFiniteXYs(cost)) == 0 {
		p.Y.Max = 1
	}
	return p
}

// accuracyPlot draws train and test accuracy per epoch on a 0..1 scale,
// zoomed in when all values are high.
func accuracyPlot(trainAcc, testAcc []float64) *plot.Plot {
	p := plot.New()
	p.Title.Text = "Accuracy"
	if n := len(testAcc); n > 0 {
		p.Title.Text = fmt.Sprintf("Accuracy (test, epoch %d: %.2f%%)", n, 100*testAcc[n-1])
	}
	p.X.Label.Text = "epoch"
	p.Y.Label.Text = "accuracy"
	p.X.Tick.Marker = plotIntTicks{}
	p.Add(plotGrid())
	plotAddLine(p, "train", trainAcc, plotTrainColor, false)
	plotAddLine(p, "test", testAcc, plotTestColor, true)
	p.Legend.XOffs = -3 * vg.Millimeter // inside the axes, clear of the right edge
	p.Legend.YOffs = 3 * vg.Millimeter
	plotEpochRange(p, max(len(trainAcc), len(testAcc)))
	p.Y.Max = max(p.Y.Max, 1)
	p.Y.Min -= 0.05 * (p.Y.Max - p.Y.Min) // keeps the lowest point off the frame
	if len(plotFiniteXYs(trainAcc))+len(plotFiniteXYs(testAcc)) == 0 {
		p.Y.Min = 0
	}
	return p
}

// plotEpochRange widens the x axis to whole epochs 1..n with a little room
// on both sides, so that single-epoch runs still show an axis.
func plotEpochRange(p *plot.Plot, n int) {
	p.X.Min = 0.8
	p.X.Max = max(float64(n), 1) + 0.2
}
