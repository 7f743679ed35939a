package rnn_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gornn/gornn/rnn"
)

// The tutorial's model at a toy size: build the graph, initialize, train,
// evaluate.
func Example() {
	g := rnn.NewGraph()
	g.SetRandomSeed(1)
	const nsteps, diminput, dimhidden, classes = 4, 3, 8, 2
	x := g.Placeholder(rnn.Float32, rnn.None, nsteps, diminput)
	y := g.Placeholder(rnn.Float32, rnn.None, classes)
	wOut := g.Variable(rnn.RandomNormal(dimhidden, classes))
	bOut := g.Variable(rnn.Zeros(classes))

	X := rnn.Reshape(rnn.Transpose(x, 1, 0, 2), -1, diminput)
	steps := rnn.Split(X, nsteps, 0)
	var outputs []*rnn.Node
	g.VariableScope("basic", func() {
		outputs, _ = rnn.StaticRNN(rnn.BasicLSTMCell(dimhidden, 1.0), steps)
	})
	pred := rnn.Add(rnn.MatMul(outputs[nsteps-1], wOut), bOut)
	cost := rnn.ReduceMean(rnn.SoftmaxCrossEntropyWithLogits(y, pred))
	optm := rnn.AdamOptimizer(0.05).Minimize(cost)
	accr := rnn.ReduceMean(rnn.Cast(rnn.Equal(rnn.ArgMax(pred, 1), rnn.ArgMax(y, 1)), rnn.Float32))

	// Class 1 when the first row is bright, class 0 when it is dark.
	xs := rnn.NewTensor(4, nsteps, diminput)
	ys := rnn.NewTensor(4, classes)
	for b := 0; b < 4; b++ {
		class := b % 2
		ys.Set(1, b, class)
		for i := 0; i < diminput; i++ {
			xs.Set(float32(class), b, 0, i)
		}
	}
	feeds := rnn.Feeds{x: xs, y: ys}

	sess := g.NewSession()
	sess.MustRun(g.GlobalVariablesInitializer(), nil)
	for i := 0; i < 50; i++ {
		sess.MustRun(optm, feeds)
	}
	vals, err := sess.RunList([]*rnn.Node{cost, accr}, feeds)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("cost below 0.1: %v, accuracy: %.2f\n", vals[0].Value() < 0.1, vals[1].Value())
	// Output: cost below 0.1: true, accuracy: 1.00
}

func ExampleSession_Run() {
	g := rnn.NewGraph()
	a := g.Placeholder(rnn.Float32, rnn.None, 2)
	w := g.Variable(rnn.TensorInit(rnn.TensorFrom([]float32{1, 2, 3, 4}, 2, 2)))
	prod := rnn.MatMul(a, w)
	sess := g.NewSession()
	sess.MustRun(g.GlobalVariablesInitializer(), nil)
	out, err := sess.Run(prod, rnn.Feeds{a: rnn.TensorFrom([]float32{1, 1}, 1, 2)})
	fmt.Println(out, err)
	// Output: Tensor[1 2][4 6] <nil>
}

// A training loop that fetches its cost every step into one reused
// tensor: after the first steps, no step allocates.
func ExampleSession_RunInto() {
	g := rnn.NewGraph()
	x := g.Placeholder(rnn.Float32, rnn.None, 1)
	w := g.Variable(rnn.Zeros(1, 1))
	cost := rnn.ReduceMean(rnn.Mul(rnn.Sub(rnn.MatMul(x, w), x), rnn.Sub(rnn.MatMul(x, w), x)))
	optm := rnn.GradientDescentOptimizer(0.1).Minimize(cost)
	sess := g.NewSession()
	sess.MustRun(g.GlobalVariablesInitializer(), nil)
	feeds := rnn.Feeds{x: rnn.TensorFrom([]float32{1, 2}, 2, 1)}
	var c rnn.Tensor
	for step := 0; step < 3; step++ {
		sess.MustRun(optm, feeds)
		if err := sess.RunInto(&c, cost, feeds); err != nil {
			panic(err)
		}
		fmt.Printf("step %d: cost %.3f\n", step, c.Value())
	}
	// Output:
	// step 0: cost 0.625
	// step 1: cost 0.156
	// step 2: cost 0.039
}

// Incompatible shapes are reported when the op is built, and again by Run.
func ExampleMatMul_error() {
	g := rnn.NewGraph()
	x := g.Placeholder(rnn.Float32, rnn.None, 28)
	w := g.Variable(rnn.RandomNormal(64, 128))
	h := rnn.Tanh(rnn.MatMul(x, w))
	fmt.Println(h.Err())
	_, err := g.NewSession().Run(h, nil)
	fmt.Println(errors.Is(err, h.Err()))
	// Output:
	// rnn: MatMul: shapes [?,28] x [64,128]: inner dimensions 28 and 64 differ
	// true
}

func ExampleTranspose() {
	g := rnn.NewGraph()
	x := g.Const(rnn.TensorFrom([]float32{1, 2, 3, 4, 5, 6}, 1, 2, 3))
	sess := g.NewSession()
	fmt.Println(sess.MustRun(rnn.Transpose(x, 1, 0, 2), nil))
	fmt.Println(sess.MustRun(rnn.Reshape(x, -1, 2), nil))
	// Output:
	// Tensor[2 1 3][1 2 3 4 5 6]
	// Tensor[3 2][1 2 3 4 5 6]
}

func ExampleSplit() {
	g := rnn.NewGraph()
	x := g.Const(rnn.TensorFrom([]float32{1, 2, 3, 4, 5, 6}, 3, 2))
	parts := rnn.Split(x, 3, 0)
	sess := g.NewSession()
	vals, _ := sess.RunList(parts, nil)
	fmt.Println(len(parts), vals[2])
	// Output: 3 Tensor[1 2][5 6]
}

// Variable scopes name the cell's variables and reuse them.
func ExampleStaticRNN() {
	g := rnn.NewGraph()
	x1 := g.Placeholder(rnn.Float32, rnn.None, 3)
	x2 := g.Placeholder(rnn.Float32, rnn.None, 3)
	var outputs []*rnn.Node
	var state rnn.State
	g.VariableScope("basic", func() {
		outputs, state = rnn.StaticRNN(rnn.BasicLSTMCell(5, 1.0), []*rnn.Node{x1, x2})
	})
	g.VariableScope("basic", func() { // same name: the same variables
		rnn.StaticRNN(rnn.BasicLSTMCell(5, 1.0), []*rnn.Node{x1})
	})
	for _, v := range g.Variables() {
		fmt.Println(v.Name(), v.Shape())
	}
	fmt.Println(len(outputs), state.(rnn.LSTMState).H.Shape())
	// Output:
	// basic/basic_lstm_cell/kernel [8 20]
	// basic/basic_lstm_cell/bias [20]
	// 2 [-1 5]
}

func ExampleSession_Save() {
	dir, _ := os.MkdirTemp("", "rnn-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "model.ckpt")

	build := func() (*rnn.Graph, *rnn.Node) {
		g := rnn.NewGraph()
		return g, g.Variable(rnn.Constant(0, 2))
	}
	g, v := build()
	sess := g.NewSession()
	sess.MustRun(g.GlobalVariablesInitializer(), nil)
	sess.Assign(v, rnn.TensorFrom([]float32{1.5, -2}))
	fmt.Println(sess.Save(path))

	g2, v2 := build()
	sess2 := g2.NewSession()
	fmt.Println(sess2.Restore(path), sess2.MustRun(v2, nil))
	// Output:
	// <nil>
	// <nil> Tensor[2][1.5 -2]
}

// A cancelled context stops a run.
func ExampleSession_RunContext() {
	g := rnn.NewGraph()
	x := g.Placeholder(rnn.Float32, 2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := g.NewSession().RunContext(ctx, rnn.Tanh(x), rnn.Feeds{x: rnn.NewTensor(2)})
	fmt.Println(errors.Is(err, context.Canceled))
	// Output: true
}
