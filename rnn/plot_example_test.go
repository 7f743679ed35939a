package rnn_test

import (
	"fmt"
	"strings"

	"github.com/gornn/gornn/rnn"
)

// The learning curves of a five-epoch run as one picture; in a notebook,
// display.Image(img) or a trailing img shows it.
func ExamplePlotLearningCurves() {
	cost := []float64{0.598, 0.245, 0.164, 0.123, 0.095}
	train := []float64{0.842, 0.894, 0.903, 0.930, 0.945}
	test := []float64{0.844, 0.897, 0.900, 0.925, 0.938}
	img := rnn.PlotLearningCurves(cost, train, test)
	fmt.Println(img.Bounds().Size())
	// Output: (960,365)
}

// A grid of digits with their labels and the model's predictions.
func ExamplePlotDigits() {
	images := rnn.NewTensor(4, 784) // blank images stand in for MNIST here
	labels := []int{7, 2, 1, 0}
	predictions := []int{7, 2, 1, 6}
	img := rnn.PlotDigits(images, labels, predictions, 2)
	fmt.Println(img.Bounds().Size())
	// Output: (360,274)
}

// The confusion matrix of a handful of predictions.
func ExamplePlotConfusion() {
	labels := []int{0, 1, 2, 2, 1, 0}
	predictions := []int{0, 1, 2, 1, 1, 0}
	p := rnn.PlotConfusion(labels, predictions, 3)
	fmt.Println(p.Title.Text)
	// Output: Confusion matrix: 5 of 6 right (83.33%)
}

// An LSTM's hidden state over the 28 rows of a digit.
func ExamplePlotActivations() {
	steps := make([]*rnn.Tensor, 28)
	for i := range steps {
		steps[i] = rnn.NewTensor(1, 128) // h after step i
		steps[i].Set(float32(i)/27, 0, 0)
	}
	p := rnn.PlotActivations(steps)
	fmt.Println(p.Title.Text)
	// Output: Hidden state per step (128 units × 28 steps)
}

// A tensor's HTML form starts with its shape and summary.
func ExampleTensor_HTML() {
	t := rnn.TensorFrom([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	h := t.HTML()
	_, heading, _ := strings.Cut(h, `<div style="color:#555">`)
	heading, _, _ = strings.Cut(heading, "</div>")
	fmt.Println(heading)
	fmt.Println(strings.Count(h, "<tr>"), "table rows")
	// Output:
	// Tensor shape [2, 3], float32, min 1, max 6, mean 3.5
	// 3 table rows
}
