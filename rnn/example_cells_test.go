package rnn_test

import (
	"fmt"

	"github.com/gornn/gornn/rnn"
)

// A GRU cell, like tf.contrib.rnn.GRUCell: its state is its output, a
// *Node.
func ExampleGRUCell() {
	g := rnn.NewGraph()
	x := g.Placeholder(rnn.Float32, rnn.None, 28, 28)
	var outputs *rnn.Node
	var state rnn.State
	g.VariableScope("gru", func() {
		outputs, state = rnn.DynamicRNN(rnn.GRUCell(64), x)
	})
	for _, v := range g.Variables() {
		fmt.Println(v.Name(), v.Shape())
	}
	fmt.Println(outputs.Shape(), state.(*rnn.Node).Shape())
	// Output:
	// gru/gru_cell/gates/kernel [92 128]
	// gru/gru_cell/gates/bias [128]
	// gru/gru_cell/candidate/kernel [92 64]
	// gru/gru_cell/candidate/bias [64]
	// [-1 28 64] [-1 64]
}

// Two stacked LSTM layers, as tf.contrib.rnn.MultiRNNCell([cell1,
// cell2]): the state is one state per layer.
func ExampleMultiRNNCell() {
	g := rnn.NewGraph()
	x := g.Placeholder(rnn.Float32, rnn.None, 28, 28)
	keep := g.Placeholder(rnn.Float32) // fed rnn.Scalar(0.8) to train, rnn.Scalar(1) to evaluate
	cell := rnn.MultiRNNCell([]rnn.RNNCell{
		rnn.DropoutWrapper(rnn.BasicLSTMCell(128, 1.0), nil, keep),
		rnn.BasicLSTMCell(64, 1.0),
	})
	var state rnn.State
	g.VariableScope("stack", func() {
		// One [batch, 28] input per row of the images; each layer runs as
		// one sequence op.
		_, state = rnn.StaticRNN(cell, rnn.Unstack(x, 28, 1))
	})
	top := state.(rnn.MultiState)[1].(rnn.LSTMState)
	fmt.Println(top.H.Shape())
	for _, v := range g.Variables() {
		fmt.Println(v.Name(), v.Shape())
	}
	// Output:
	// [-1 64]
	// stack/multi_rnn_cell/cell_0/basic_lstm_cell/kernel [156 512]
	// stack/multi_rnn_cell/cell_0/basic_lstm_cell/bias [512]
	// stack/multi_rnn_cell/cell_1/basic_lstm_cell/kernel [192 256]
	// stack/multi_rnn_cell/cell_1/basic_lstm_cell/bias [256]
}

// Sequence lengths, as static_rnn's sequence_length: outputs past an
// example's length are zero, and the final state is the one after its
// last valid step.
func ExampleStaticRNN_sequenceLength() {
	g := rnn.NewGraph()
	g.SetRandomSeed(1)
	x := g.Placeholder(rnn.Float32, rnn.None, 3, 2) // [batch, steps, features]
	length := g.Placeholder(rnn.Int64, rnn.None)
	outputs, state := rnn.StaticRNN(rnn.GRUCell(4), rnn.Unstack(x, 3, 1), rnn.SequenceLength(length))

	sess := g.NewSession()
	sess.MustRun(g.GlobalVariablesInitializer(), nil)
	feeds := rnn.Feeds{
		x:      rnn.TensorFrom([]float32{1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 1}, 2, 3, 2),
		length: rnn.TensorFrom([]float32{3, 1}, 2),
	}
	vals, _ := sess.RunList(append(outputs, state.(*rnn.Node)), feeds)
	for step, out := range vals[:3] {
		fmt.Printf("step %d: example 0 zero %v, example 1 zero %v\n", step, out.At(0, 0) == 0, out.At(1, 0) == 0)
	}
	final := vals[3]
	fmt.Println("final state of example 1 = its output at step 0:", final.At(1, 2) == vals[0].At(1, 2))
	// Output:
	// step 0: example 0 zero false, example 1 zero false
	// step 1: example 0 zero false, example 1 zero true
	// step 2: example 0 zero false, example 1 zero true
	// final state of example 1 = its output at step 0: true
}

// A bidirectional LSTM, as tf.contrib.rnn.static_bidirectional_rnn: each
// step's output is the forward and the backward outputs concatenated.
func ExampleStaticBidirectionalRNN() {
	g := rnn.NewGraph()
	x := g.Placeholder(rnn.Float32, rnn.None, 28, 28)
	xs := rnn.Unstack(x, 28, 1)
	outputs, fw, bw := rnn.StaticBidirectionalRNN(rnn.BasicLSTMCell(128, 1.0), rnn.BasicLSTMCell(128, 1.0), xs)
	fmt.Println(len(outputs), outputs[27].Shape())
	fmt.Println(fw.(rnn.LSTMState).H.Shape(), bw.(rnn.LSTMState).H.Shape())
	// Output:
	// 28 [-1 256]
	// [-1 128] [-1 128]
}
