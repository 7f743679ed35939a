// Package benchmodels defines, in package rnn, the models that
// bench/compare.sh times against PyTorch beside the tutorial's LSTM
// (internal/tutorial): TensorFlow-Examples' recurrent networks at the
// tutorial's shapes (28 steps of 28 pixels, 128 units, 10 classes) with a
// GRU, two stacked LSTMs and a bidirectional LSTM, and its convolutional
// network. bench/gornn runs them, and this package's tests check that
// their training steps allocate nothing once warm. bench/torchref's
// PyTorch models have the same layers and shapes.
package benchmodels

import (
	"fmt"
	"slices"

	"github.com/gornn/gornn/rnn"
)

// The models' sizes and training settings.
const (
	Steps, Inputs = 28, 28 // an image's rows, one per step, of 28 pixels
	Hidden        = 128    // units of every recurrent cell
	Classes       = 10
	RNNBatch      = 16    // images per step of the recurrent models (the tutorial's)
	ConvBatch     = 128   // images per step of the convolutional network (TensorFlow-Examples')
	LearningRate  = 0.001 // of Adam, as TensorFlow-Examples train these models
	KeepProb      = 0.75  // the convolutional network's dropout keep probability while training
)

// Names lists the models Build knows, in the order bench/compare.sh runs
// them.
var Names = []string{"gru", "lstm2", "bilstm", "conv"}

// Model holds the nodes of one model's graph.
type Model struct {
	Name string
	// Batch is the model's training batch size.
	Batch int
	// X is the images placeholder, [None, 28, 28] for the recurrent
	// models and [None, 784] for the convolutional one; Y the one-hot
	// labels, [None, 10].
	X, Y *rnn.Node
	// Keep is the dropout keep probability's placeholder (a scalar), or
	// nil for models without dropout.
	Keep *rnn.Node
	// Cost is the mean softmax cross entropy; Optm Adam's training op.
	Cost, Optm *rnn.Node
}

// Build adds model name (one of Names) to g. Graph errors are returned as
// g.Err reports them.
func Build(g *rnn.Graph, name string) (*Model, error) {
	m := &Model{Name: name, Batch: RNNBatch}
	var logits *rnn.Node
	switch name {
	case "gru", "lstm2", "bilstm":
		m.X = g.Placeholder(rnn.Float32, rnn.None, Steps, Inputs)
		logits = recurrent(g, name, rnn.Unstack(m.X, Steps, 1))
	case "conv":
		m.Batch = ConvBatch
		m.X = g.Placeholder(rnn.Float32, rnn.None, Steps*Inputs)
		m.Keep = g.Placeholder(rnn.Float32)
		logits = convNet(g, m.X, m.Keep)
	default:
		return nil, fmt.Errorf("benchmodels: unknown model %q (want one of %v)", name, Names)
	}
	m.Y = g.Placeholder(rnn.Float32, rnn.None, Classes)
	m.Cost = rnn.ReduceMean(rnn.SoftmaxCrossEntropyWithLogits(m.Y, logits))
	m.Optm = rnn.AdamOptimizer(LearningRate).Minimize(m.Cost)
	if err := g.Err(); err != nil {
		return nil, fmt.Errorf("benchmodels: building %s: %w", name, err)
	}
	return m, nil
}

// Feeds returns the feeds of a training step on images [n, 784] and
// one-hot labels [n, 10], shaped for the model's placeholders.
func (m *Model) Feeds(images, labels *rnn.Tensor) rnn.Feeds {
	x := images
	if slices.Equal(m.X.Shape(), []int{rnn.None, Steps, Inputs}) {
		x = images.Reshape(images.Dim(0), Steps, Inputs)
	}
	f := rnn.Feeds{m.X: x, m.Y: labels}
	if m.Keep != nil {
		f[m.Keep] = rnn.Scalar(KeepProb)
	}
	return f
}

// recurrent is TensorFlow-Examples' recurrent_network.py with the cell
// that name picks: the RNN over the unstacked steps, then a dense layer
// on the last step's output.
func recurrent(g *rnn.Graph, name string, xs []*rnn.Node) *rnn.Node {
	var last *rnn.Node
	g.VariableScope(name, func() {
		switch name {
		case "gru":
			out, _ := rnn.StaticRNN(rnn.GRUCell(Hidden), xs)
			last = out[len(out)-1]
		case "lstm2":
			cell := rnn.MultiRNNCell([]rnn.RNNCell{rnn.BasicLSTMCell(Hidden, 1), rnn.BasicLSTMCell(Hidden, 1)})
			out, _ := rnn.StaticRNN(cell, xs)
			last = out[len(out)-1]
		case "bilstm":
			// Each step's output is the forward and backward outputs side by side.
			out, _, _ := rnn.StaticBidirectionalRNN(rnn.BasicLSTMCell(Hidden, 1), rnn.BasicLSTMCell(Hidden, 1), xs)
			last = out[len(out)-1]
		}
	})
	units := last.Shape()[1]
	w := g.Variable(rnn.RandomNormal(units, Classes))
	b := g.Variable(rnn.RandomNormal(Classes))
	return rnn.Add(rnn.MatMul(last, w), b)
}

// convNet is TensorFlow-Examples' convolutional_network_raw.py: two 5x5
// convolutions (32 and 64 filters), each with ReLU and 2x2 max pooling, a
// 1024-unit dense layer with dropout, and 10 classes.
func convNet(g *rnn.Graph, x, keep *rnn.Node) *rnn.Node {
	conv := func(in *rnn.Node, cin, cout int) *rnn.Node {
		w := g.Variable(rnn.RandomNormal(5, 5, cin, cout))
		b := g.Variable(rnn.RandomNormal(cout))
		c := rnn.Relu(rnn.BiasAdd(rnn.Conv2D(in, w, []int{1, 1, 1, 1}, "SAME"), b))
		return rnn.MaxPool(c, []int{1, 2, 2, 1}, []int{1, 2, 2, 1}, "SAME")
	}
	h := conv(conv(rnn.Reshape(x, -1, Steps, Inputs, 1), 1, 32), 32, 64)
	fc := rnn.Reshape(h, -1, 7*7*64)
	fc = rnn.Relu(rnn.Add(rnn.MatMul(fc, g.Variable(rnn.RandomNormal(7*7*64, 1024))), g.Variable(rnn.RandomNormal(1024))))
	fc = rnn.Dropout(fc, keep)
	return rnn.Add(rnn.MatMul(fc, g.Variable(rnn.RandomNormal(1024, Classes))), g.Variable(rnn.RandomNormal(Classes)))
}
