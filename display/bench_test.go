package display

import (
	"image"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// BenchmarkRenderPlot measures a plot rendered as PNG (at 192 DPI) and
// SVG, the work behind every Plot call.
func BenchmarkRenderPlot(b *testing.B) {
	p := samplePlot(b)
	for i := 0; i < b.N; i++ {
		_ = Render(p)
	}
}

// BenchmarkRenderImage measures PNG encoding of a 28x28 digit.
func BenchmarkRenderImage(b *testing.B) {
	img := image.NewGray(image.Rect(0, 0, 28, 28))
	for i := 0; i < b.N; i++ {
		_ = Render(img)
	}
}

// BenchmarkRenderLargeMatrix measures the truncated table of a
// 1000x1000 matrix.
func BenchmarkRenderLargeMatrix(b *testing.B) {
	m := mat.NewDense(1000, 1000, nil)
	for i := 0; i < b.N; i++ {
		_ = Render(m)
	}
}
