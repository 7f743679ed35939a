package display_test

import (
	"fmt"
	"image"
	"image/color"
	"sort"

	"github.com/gornn/gornn/display"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Without a frontend (a plain Go program), output is printed as text.
func ExampleDisplay() {
	display.Display(mat.NewDense(2, 2, []float64{1, 2, 3, 4}))
	display.Markdown("**done**")
	// Output:
	// ⎡1  2⎤
	// ⎣3  4⎦
	// **done**
}

// Render lists every form a value can be shown in; the front end picks
// the richest it understands.
func ExampleRender() {
	img := image.NewGray(image.Rect(0, 0, 28, 28))
	img.Set(14, 14, color.White)
	d := display.Render(img)
	var kinds []string
	for mime := range d.Data {
		kinds = append(kinds, mime)
	}
	sort.Strings(kinds)
	fmt.Println(kinds)
	fmt.Println(d.Data[display.MIMEText])
	// Output:
	// [image/png text/plain]
	// <PNG image 28x28>
}

// A frontend receives bundles; a display created with NewDisplay can be
// replaced in place by Update.
func ExampleNewDisplay() {
	prev := display.SetFrontend(display.Frontend{Publish: func(d display.Data) {
		fmt.Printf("update=%v text=%v\n", d.Update, d.Data[display.MIMEText])
	}})
	defer display.SetFrontend(prev)

	h := display.NewDisplay("epoch 1: cost 0.57")
	h.Update("epoch 2: cost 0.21")
	// Output:
	// update=false text=epoch 1: cost 0.57
	// update=true text=epoch 2: cost 0.21
}

// Plot shows a gonum plot as PNG and SVG.
func ExamplePlot() {
	p := plot.New()
	p.Title.Text = "cost"
	line, _ := plotter.NewLine(plotter.XYs{{X: 1, Y: 0.57}, {X: 2, Y: 0.21}, {X: 3, Y: 0.15}})
	p.Add(line)
	display.Plot(p, 0, 0) // zero size: 6x4 inches
	// Output:
	// <cost: 576x384>
}
