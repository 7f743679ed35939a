// Command tutorial trains the TensorFlow tutorial's LSTM on MNIST with
// package rnn, in the tutorial's exact configuration (28 steps of 28
// pixels, 128 hidden units, batch 16, gradient descent at 0.001), and
// prints the tutorial's lines:
//
//	Epoch: 001/005 cost: 0.573300335
//	 Training accuracy: 0.821
//	 Test accuracy: 0.821
//	FINISHED
//
// Usage:
//
//	go run ./examples/tutorial [-epochs 5] [-limit 0] [-data dir] [-seed 1]
//
// -limit N trains on N batches per epoch instead of all of them, for a
// quick run; the cost is still averaged as in the tutorial. The MNIST
// files are looked up as rnn/mnist.ReadDataSets does; nothing is
// downloaded. Ctrl-C stops the run between or inside graph runs.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/gornn/gornn/rnn"
	input_data "github.com/gornn/gornn/rnn/mnist"
)

func main() {
	epochs := flag.Int("epochs", 5, "training epochs")
	limit := flag.Int("limit", 0, "if > 0, batches per epoch (default: all)")
	dataDir := flag.String("data", "data/", "folder with the MNIST .gz files (other places are searched too)")
	seed := flag.Int64("seed", 1, "random seed of the initial weights")
	timing := flag.Bool("time", false, "print the time of each phase to standard error")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rnn.SetDefaultContext(ctx)
	if err := run(*epochs, *limit, *dataDir, *seed, *timing); err != nil {
		fmt.Fprintln(os.Stderr, "tutorial:", err)
		os.Exit(1)
	}
}

func run(trainingEpochs, limit int, dataDir string, seed int64, timing bool) error {
	if trainingEpochs < 1 {
		return fmt.Errorf("-epochs must be at least 1, got %d", trainingEpochs)
	}
	mnist, err := input_data.ReadDataSets(dataDir, true)
	if err != nil {
		return err
	}
	trainimgs, trainlabels := mnist.Train.Images, mnist.Train.Labels
	testimgs, testlabels := mnist.Test.Images, mnist.Test.Labels
	ntrain, ntest := trainimgs.Dim(0), testimgs.Dim(0)
	fmt.Println("MNIST DATA READY")

	const diminput, dimhidden, nsteps = 28, 128, 28
	dimoutput := trainlabels.Dim(1)
	rnn.SetRandomSeed(seed)
	x := rnn.Placeholder(rnn.Float32, rnn.None, nsteps, diminput)
	y := rnn.Placeholder(rnn.Float32, rnn.None, dimoutput)
	weights := map[string]*rnn.Node{
		"hidden": rnn.Variable(rnn.RandomNormal(diminput, dimhidden)),
		"out":    rnn.Variable(rnn.RandomNormal(dimhidden, dimoutput)),
	}
	biases := map[string]*rnn.Node{
		"hidden": rnn.Variable(rnn.RandomNormal(dimhidden)),
		"out":    rnn.Variable(rnn.RandomNormal(dimoutput)),
	}
	fmt.Println("NETWORK READY")

	RNN := func(X *rnn.Node, W, b map[string]*rnn.Node, nsteps int, name string) map[string]any {
		X = rnn.Transpose(X, 1, 0, 2)
		X = rnn.Reshape(X, -1, diminput)
		H := rnn.Add(rnn.MatMul(X, W["hidden"]), b["hidden"])
		Hsplit := rnn.Split(H, nsteps, 0)
		var outputs []*rnn.Node
		var state rnn.State
		rnn.VariableScope(name, func() {
			cell := rnn.BasicLSTMCell(dimhidden, 1.0)
			outputs, state = rnn.StaticRNN(cell, Hsplit)
		})
		O := rnn.Add(rnn.MatMul(outputs[len(outputs)-1], W["out"]), b["out"])
		return map[string]any{"X": X, "H": H, "Hsplit": Hsplit, "LSTM_O": outputs, "LSTM_S": state, "O": O}
	}
	fmt.Println("RNN READY")

	pred := RNN(x, weights, biases, nsteps, "basic")["O"].(*rnn.Node)
	cost := rnn.ReduceMean(rnn.SoftmaxCrossEntropyWithLogits(y, pred))
	optm := rnn.GradientDescentOptimizer(0.001).Minimize(cost)
	corr := rnn.Equal(rnn.ArgMax(pred, 1), rnn.ArgMax(y, 1))
	accr := rnn.ReduceMean(rnn.Cast(corr, rnn.Float32))
	if err := rnn.DefaultGraph().Err(); err != nil {
		return err
	}
	fmt.Println("FUNCTION READY")

	const batchSize, displayStep = 16, 1
	sess := rnn.NewSession()
	if _, err := sess.Run(rnn.GlobalVariablesInitializer(), nil); err != nil {
		return err
	}
	trainFeeds := rnn.Feeds{x: trainimgs.Reshape(ntrain, nsteps, diminput), y: trainlabels}
	testFeeds := rnn.Feeds{x: testimgs.Reshape(ntest, nsteps, diminput), y: testlabels}
	for epoch := 0; epoch < trainingEpochs; epoch++ {
		avgCost := 0.0
		totalBatch := mnist.Train.NumExamples() / batchSize
		steps := totalBatch
		if limit > 0 && limit < steps {
			steps = limit
		}
		start := time.Now()
		for i := 0; i < steps; i++ {
			batchXs, batchYs := mnist.Train.NextBatch(batchSize)
			batchXs = batchXs.Reshape(batchSize, nsteps, diminput)
			feeds := rnn.Feeds{x: batchXs, y: batchYs}
			if _, err := sess.Run(optm, feeds); err != nil {
				return err
			}
			c, err := sess.Run(cost, feeds)
			if err != nil {
				return err
			}
			avgCost += c.Value() / float64(totalBatch)
		}
		trained := time.Since(start)
		if epoch%displayStep == 0 {
			fmt.Printf("Epoch: %03d/%03d cost: %.9f\n", epoch+1, trainingEpochs, avgCost)
			start = time.Now()
			trainAcc, err := sess.Run(accr, trainFeeds)
			if err != nil {
				return err
			}
			fmt.Printf(" Training accuracy: %.3f\n", trainAcc.Value())
			testAcc, err := sess.Run(accr, testFeeds)
			if err != nil {
				return err
			}
			fmt.Printf(" Test accuracy: %.3f\n", testAcc.Value())
			if timing {
				fmt.Fprintf(os.Stderr, "epoch %d: %d steps in %.1fs (%.1f steps/s), accuracy passes %.1fs\n",
					epoch+1, steps, trained.Seconds(), float64(steps)/trained.Seconds(), time.Since(start).Seconds())
			}
		}
	}
	fmt.Println("FINISHED")
	return nil
}
