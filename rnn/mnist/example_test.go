package mnist_test

import (
	"fmt"
	"log"

	"github.com/gornn/gornn/rnn"
	"github.com/gornn/gornn/rnn/mnist"
)

// ReadDataSets is the counterpart of TensorFlow's
// input_data.read_data_sets("/tmp/data/", one_hot=True). The folder need
// not exist: the files are then taken from $MNIST_DIR or the Go module
// cache. It prints one "Extracting <path>" line per file, whose paths
// depend on the machine, so this example is not run as a test.
func ExampleReadDataSets() {
	data, err := mnist.ReadDataSets("/tmp/data/", true)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(data.Train.NumExamples(), data.Validation.NumExamples(), data.Test.NumExamples())
	fmt.Println(data.Train.Images.Shape(), data.Train.Labels.Shape())
}

// Load with Quiet leaves out the "Extracting" lines; with class ids as
// labels, Labels is one value per example.
func ExampleLoad() {
	data, err := mnist.Load(mnist.Options{Quiet: true, ValidationSize: 10000})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("train:", data.Train.Images.Shape(), data.Train.Labels.Shape())
	fmt.Println("validation:", data.Validation.NumExamples())
	fmt.Println("first test digits:", data.Test.LabelIDs()[:5])
	// Output:
	// train: [50000 784] [50000]
	// validation: 10000
	// first test digits: [7 2 1 0 4]
}

// A training loop draws batches until an epoch is complete. The reshape
// gives the recurrent network its 28 time steps of 28 pixels.
func ExampleDataSet_NextBatch() {
	data, err := mnist.Load(mnist.Options{OneHot: true, Quiet: true})
	if err != nil {
		log.Fatal(err)
	}
	steps := 0
	for data.Train.EpochsCompleted() == 0 {
		xs, ys := data.Train.NextBatch(128)
		if steps == 0 {
			fmt.Println(xs.Reshape(-1, 28, 28).Shape(), ys.Shape())
		}
		steps++
	}
	// 55,000 / 128 = 429.7: the 430th batch crosses into the second epoch.
	fmt.Println("batches in the first epoch:", steps)
	// Output:
	// [128 28 28] [128 10]
	// batches in the first epoch: 430
}

// NextBatchInto refills the same buffers at every step, so that a
// training loop does not allocate.
func ExampleDataSet_NextBatchInto() {
	data, err := mnist.Load(mnist.Options{OneHot: true, Quiet: true})
	if err != nil {
		log.Fatal(err)
	}
	small := data.Train.Subset(0, 1000) // a quick run on the first thousand
	xs, ys := rnn.NewTensor(100, 28, 28), rnn.NewTensor(100, 10)
	for range 25 {
		small.NextBatchInto(xs, ys)
	}
	fmt.Println(small.NumExamples(), small.EpochsCompleted())
	// Output:
	// 1000 2
}
