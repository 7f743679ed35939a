package rnn

import (
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
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
			savePNG(t, "learning_curves_"+strings.ReplaceAll(tt.name, " ", "_")+".png", img)
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

// syntheticDigits returns n 28x28 images, each a bar whose position
// depends on its index, with pixel values in 0..scale.
func syntheticDigits(n int, scale float32) *Tensor {
	t := NewTensor(n, 784)
	for i := 0; i < n; i++ {
		for y := 4; y < 24; y++ {
			for x := 0; x < 4; x++ {
				t.Set(scale, i, y*28+4+2*(i%10)+x)
			}
		}
	}
	return t
}

func TestPlotDigits(t *testing.T) {
	labels := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}
	preds := []int{0, 1, 2, 8, 4, 5, 6, 7, 3, 9, 0, 1}
	tests := []struct {
		name          string
		images        *Tensor
		labels, preds []int
		cols          int
		wantSize      image.Point
		wantRed       bool
	}{
		{"flat", syntheticDigits(12, 1), labels, preds, 6, image.Pt(6*104, 30+2*122), true},
		{"28x28 0..255", syntheticDigits(12, 255).Reshape(12, 28, 28), labels, labels, 0, image.Pt(10*104, 30+2*122), false},
		{"no labels", syntheticDigits(3, 1), nil, nil, 0, image.Pt(360, 30+122), false},
		{"one image", syntheticDigits(1, 1).Reshape(784), []int{7}, []int{1}, 4, image.Pt(360, 30+122), true},
		{"bad shape", NewTensor(2, 10), nil, nil, 0, image.Pt(640, 60), true},
		{"nil", nil, nil, nil, 0, image.Pt(640, 60), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := PlotDigits(tt.images, tt.labels, tt.preds, tt.cols)
			if got := img.Bounds().Size(); got != tt.wantSize {
				t.Errorf("image is %v, want %v", got, tt.wantSize)
			}
			if got := hasRed(img); got != tt.wantRed {
				t.Errorf("red marks present = %v, want %v", got, tt.wantRed)
			}
			savePNG(t, "digits_"+strings.ReplaceAll(tt.name, " ", "_")+".png", img)
		})
	}
}

// hasRed reports whether img has strongly red pixels (the marks of wrong
// predictions and error messages).
func hasRed(img image.Image) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r > 0xb000 && g < 0x6000 && bl < 0x6000 {
				return true
			}
		}
	}
	return false
}
