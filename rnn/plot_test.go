package rnn

import (
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// pictureDir is where the plot tests write their images: $GORNN_PICTURES
// when set, so that a person can look at them, or a temporary directory.
func pictureDir(t *testing.T) string {
	if dir := os.Getenv("GORNN_PICTURES"); dir != "" {
		return dir
	}
	return t.TempDir()
}

// savePNG writes img as name in the picture directory and checks that it
// reads back with the same size.
func savePNG(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join(pictureDir(t), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	f, err = os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	back, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s does not decode: %v", path, err)
	}
	if back.Bounds().Size() != img.Bounds().Size() {
		t.Fatalf("%s is %v, want %v", path, back.Bounds().Size(), img.Bounds().Size())
	}
}

func TestPlotLearningCurves(t *testing.T) {
	tests := []struct {
		name                    string
		cost, trainAcc, testAcc []float64
	}{
		{"tutorial", []float64{0.598, 0.245, 0.164, 0.123, 0.095}, []float64{0.842, 0.894, 0.903, 0.930, 0.945}, []float64{0.844, 0.897, 0.900, 0.925, 0.938}},
		{"one epoch", []float64{0.6}, []float64{0.84}, []float64{0.85}},
		{"empty", nil, nil, nil},
		{"diverged", []float64{2.3, math.Inf(1), math.NaN()}, []float64{0.1, 0.1, 0.1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := PlotLearningCurves(tt.cost, tt.trainAcc, tt.testAcc)
			if got, want := img.Bounds().Size(), image.Pt(960, 365); got != want {
				t.Errorf("image is %v, want %v", got, want)
			}
			if plotInkRatio(img) < 0.01 {
				t.Error("image is almost blank")
			}
			savePNG(t, "learning_curves_"+tt.name+".png", img)
		})
	}
}

// plotInkRatio is the share of pixels that are not white.
func plotInkRatio(img image.Image) float64 {
	b := img.Bounds()
	ink := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				ink++
			}
		}
	}
	return float64(ink) / float64(b.Dx()*b.Dy())
}
