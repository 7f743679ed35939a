package rnn

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// renderPlot draws p as PNG and SVG at 5x4 inches, saves both under name
// in the picture directory, checks that the SVG parses as XML and
// returns the decoded PNG and the SVG text.
func renderPlot(t *testing.T, p *plot.Plot, name string) (image.Image, string) {
	t.Helper()
	dir := pictureDir(t)
	var svg bytes.Buffer
	for _, format := range []string{"png", "svg"} {
		w, err := p.WriterTo(5*vg.Inch, 4*vg.Inch, format)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := w.WriteTo(&buf); err != nil {
			t.Fatalf("drawing %s as %s: %v", name, format, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"."+format), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if format == "svg" {
			svg = buf
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(svg.Bytes()))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s.svg is not well-formed XML: %v", name, err)
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s.png does not decode: %v", name, err)
	}
	if got, want := img.Bounds().Size(), image.Pt(480, 384); got != want {
		t.Errorf("%s.png is %v, want %v", name, got, want)
	}
	return img, svg.String()
}

func TestPlotConfusion(t *testing.T) {
	tests := []struct {
		name          string
		labels, preds []int
		classes       int
		wantTitle     string
		wantCounts    []string // texts that must appear in the SVG
	}{
		{"digits", []int{0, 1, 2, 3, 3, 3, 9, 9, 5, 5}, []int{0, 1, 2, 3, 3, 8, 9, 4, 5, 5}, 10,
			"Confusion matrix: 8 of 10 right (80.00%)", []string{">3<", ">2<", ">1<"}},
		{"inferred classes", []int{0, 1, 1, 2}, []int{0, 1, 2, 2}, 0,
			"Confusion matrix: 3 of 4 right (75.00%)", []string{">1<"}},
		{"bad values", []int{0, 1, 7, -1, 1}, []int{0, 1, 1, 0}, 3,
			"Confusion matrix: 2 of 2 right (100.00%)\n1 unpaired and 2 out-of-range values left out", nil},
		{"empty", nil, nil, 0, "PlotConfusion: 0 classes (want 1..200) from 0 labels and 0 predictions", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := PlotConfusion(tt.labels, tt.preds, tt.classes)
			if p.Title.Text != tt.wantTitle {
				t.Errorf("title %q, want %q", p.Title.Text, tt.wantTitle)
			}
			_, svg := renderPlot(t, p, "confusion_"+strings.ReplaceAll(tt.name, " ", "_"))
			for _, want := range tt.wantCounts {
				if !strings.Contains(svg, want) {
					t.Errorf("SVG lacks the count text %s", want)
				}
			}
		})
	}
}

func TestPlotConfusionLargeDigitSet(t *testing.T) {
	// 10,000 predictions; every 23rd is wrong (435 of them), the errors
	// spread over all pairs of classes.
	labels := make([]int, 10000)
	preds := make([]int, 10000)
	for i := range labels {
		labels[i] = i % 10
		preds[i] = labels[i]
		if i%23 == 0 {
			preds[i] = (labels[i] + 1 + i/23%9) % 10
		}
	}
	p := PlotConfusion(labels, preds, 10)
	if want := "Confusion matrix: 9565 of 10000 right (95.65%)"; p.Title.Text != want {
		t.Errorf("title %q, want %q", p.Title.Text, want)
	}
	renderPlot(t, p, "confusion_10000")
}

func TestPlotActivations(t *testing.T) {
	// 28 steps of 32 units: unit u follows a sine wave with its own phase,
	// so the picture shows diagonal bands of red and blue.
	steps := make([]*Tensor, 28)
	for s := range steps {
		h := NewTensor(1, 32)
		for u := 0; u < 32; u++ {
			h.Set(float32(0.9*math.Sin(float64(s)/4+float64(u)/5)), 0, u)
		}
		steps[s] = h
	}
	p := PlotActivations(steps)
	if want := "Hidden state per step (32 units × 28 steps)"; p.Title.Text != want {
		t.Errorf("title %q, want %q", p.Title.Text, want)
	}
	img, _ := renderPlot(t, p, "activations")
	red, blue := colorShare(img)
	if red < 0.05 || blue < 0.05 {
		t.Errorf("red %.3f and blue %.3f of the pixels, want both above 0.05", red, blue)
	}

	ragged := []*Tensor{TensorFrom([]float32{1, -1, 0.5}), nil, TensorFrom([]float32{float32(math.Inf(1))})}
	if p := PlotActivations(ragged); !strings.Contains(p.Title.Text, "3 units × 3 steps") {
		t.Errorf("ragged steps: title %q", p.Title.Text)
	} else {
		renderPlot(t, p, "activations_ragged")
	}
	if p := PlotActivations(nil); !strings.HasPrefix(p.Title.Text, "PlotActivations: no values") {
		t.Errorf("no steps: title %q", p.Title.Text)
	}
}

// colorShare returns the shares of clearly red and clearly blue pixels.
func colorShare(img image.Image) (red, blue float64) {
	b := img.Bounds()
	var nr, nb int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			switch {
			case r > bl+0x3000 && r > g+0x3000:
				nr++
			case bl > r+0x3000 && bl > g+0x1000:
				nb++
			}
		}
	}
	total := float64(b.Dx() * b.Dy())
	return float64(nr) / total, float64(nb) / total
}
