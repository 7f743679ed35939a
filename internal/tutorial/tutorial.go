// Package tutorial is the one definition of the model of the TensorFlow 1
// tutorial "LSTM on MNIST" in package rnn, for the programs and tests that
// run it: examples/tutorial, bench/gornn and package rnn's tests. The
// notebook writes the same model out in its own cells, as its readers must
// see it; Build follows those cells statement for statement, so that a
// seed gives the same weights, and the same results, in both.
package tutorial

import "github.com/gornn/gornn/rnn"

// Shape gives the sizes of a model: Steps time steps of Inputs values,
// Hidden units in the LSTM cell, Classes outputs.
type Shape struct {
	Steps, Inputs, Hidden, Classes int
}

// MNIST is the tutorial's shape: an image's 28 rows of 28 pixels, 128
// hidden units and ten digits.
var MNIST = Shape{Steps: 28, Inputs: 28, Hidden: 128, Classes: 10}

// The tutorial's training settings.
const (
	BatchSize    = 16    // images per training step
	LearningRate = 0.001 // of plain gradient descent
)

// Model holds the nodes of the tutorial's graph.
type Model struct {
	// X is the images placeholder, [None, Steps, Inputs]; Y the one-hot
	// labels placeholder, [None, Classes].
	X, Y *rnn.Node
	// Weights and Biases are the variables outside the LSTM cell, under
	// the tutorial's keys "hidden" and "out".
	Weights, Biases map[string]*rnn.Node
	// Out is what the tutorial's RNN function returns: "X", "H",
	// "Hsplit", "LSTM_O" (the outputs, []*rnn.Node), "LSTM_S" (the final
	// state, as rnn.StaticRNN returns it) and "O" (the logits).
	Out map[string]any
	// Pred is the logits; Cost the mean softmax cross entropy; Optm the
	// training op; Accr the accuracy.
	Pred, Cost, Optm, Accr *rnn.Node
}

// Build adds the tutorial's graph of shape s to g, trained by opt (the
// tutorial's is rnn.GradientDescentOptimizer(LearningRate)). Variables
// are made in the tutorial's order, so g's random seed decides their
// initial values. Errors are recorded in g, as for every graph
// construction (see rnn.Graph.Err).
func Build(g *rnn.Graph, s Shape, opt *rnn.Optimizer) *Model {
	m := &Model{
		X: g.Placeholder(rnn.Float32, rnn.None, s.Steps, s.Inputs),
		Y: g.Placeholder(rnn.Float32, rnn.None, s.Classes),
	}
	m.Weights = map[string]*rnn.Node{
		"hidden": g.Variable(rnn.RandomNormal(s.Inputs, s.Hidden)),
		"out":    g.Variable(rnn.RandomNormal(s.Hidden, s.Classes)),
	}
	m.Biases = map[string]*rnn.Node{
		"hidden": g.Variable(rnn.RandomNormal(s.Hidden)),
		"out":    g.Variable(rnn.RandomNormal(s.Classes)),
	}
	m.Out = m.rnn(g, s, "basic")
	m.Pred = m.Out["O"].(*rnn.Node)
	m.Cost = rnn.ReduceMean(rnn.SoftmaxCrossEntropyWithLogits(m.Y, m.Pred))
	m.Optm = opt.Minimize(m.Cost)
	corr := rnn.Equal(rnn.ArgMax(m.Pred, 1), rnn.ArgMax(m.Y, 1))
	m.Accr = rnn.ReduceMean(rnn.Cast(corr, rnn.Float32))
	return m
}

// rnn is the tutorial's _RNN function: the input layer, one LSTM cell run
// over the steps, the output layer on its last output.
func (m *Model) rnn(g *rnn.Graph, s Shape, name string) map[string]any {
	X := rnn.Transpose(m.X, 1, 0, 2)
	X = rnn.Reshape(X, -1, s.Inputs)
	H := rnn.Add(rnn.MatMul(X, m.Weights["hidden"]), m.Biases["hidden"])
	Hsplit := rnn.Split(H, s.Steps, 0)
	var outputs []*rnn.Node
	// The state is kept as StaticRNN returns it, whatever its type.
	var state any
	g.VariableScope(name, func() {
		cell := rnn.BasicLSTMCell(s.Hidden, 1.0)
		o, st := rnn.StaticRNN(cell, Hsplit)
		outputs, state = o, st
	})
	O := rnn.Add(rnn.MatMul(outputs[len(outputs)-1], m.Weights["out"]), m.Biases["out"])
	return map[string]any{"X": X, "H": H, "Hsplit": Hsplit, "LSTM_O": outputs, "LSTM_S": state, "O": O}
}
