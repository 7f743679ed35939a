package mnist

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/gornn/gornn/rnn"
)

// DefaultValidationSize is how many examples from the start of the
// training file become the validation set, as in TensorFlow.
const DefaultValidationSize = 5000

// NoValidation, as Options.ValidationSize, keeps every training example
// for training and leaves the validation set empty.
const NoValidation = -1

// Datasets holds the three splits of MNIST. With the original files Train
// has 55,000 examples, Validation 5,000 (the first of the training file)
// and Test 10,000.
type Datasets struct {
	Train, Validation, Test *DataSet
}

// Options configures Load. The zero value loads the data from wherever
// FindFiles finds it, with class-id labels, the default validation size
// and the default seed.
type Options struct {
	// Dir is the folder to look in first; see FindFiles for the others.
	Dir string
	// OneHot makes Labels [n, 10] one-hot rows instead of [n] class ids.
	OneHot bool
	// ValidationSize is how many examples from the start of the training
	// file form the validation set; 0 means DefaultValidationSize and
	// NoValidation means none.
	ValidationSize int
	// Seed seeds the shuffling of Train; Validation and Test get Seed+1
	// and Seed+2. 0 means DefaultSeed, so that runs are reproducible.
	Seed int64
	// Quiet drops the "Extracting <path>" line printed for each file.
	Quiet bool
	// Log receives the "Extracting" lines; nil means standard output.
	Log io.Writer
}

// ReadDataSets loads MNIST the way TensorFlow's read_data_sets(dir,
// one_hot) does: it prints "Extracting <path>" for each of the four files,
// holds out the first 5,000 training examples for validation, and scales
// pixels to [0, 1]. dir is looked in first; see FindFiles for the other
// places. Nothing is ever downloaded.
func ReadDataSets(dir string, oneHot bool) (*Datasets, error) {
	return Load(Options{Dir: dir, OneHot: oneHot})
}

// Load loads MNIST as configured by opts. On any error it returns nil and
// an error that names the file and what is wrong.
//
// Pixels become float32(b) * float32(1.0/255), which is how TensorFlow
// computes them (within one unit in the last place of b/255; 255 maps to
// exactly 1). Train and Validation are views of one tensor holding the
// whole training file. The images are kept as their bytes and converted
// when read (see rnn.LazyTensor): batches, feeds and plots convert only
// what they use, and Images.Data or Set converts a file's images once,
// after which they stay float32.
func Load(opts Options) (*Datasets, error) {
	validation := opts.ValidationSize
	switch {
	case validation == 0:
		validation = DefaultValidationSize
	case validation == NoValidation:
		validation = 0
	case validation < 0:
		return nil, fmt.Errorf("mnist: validation size %d is negative (use NoValidation for none)", validation)
	}
	seed := opts.Seed
	if seed == 0 {
		seed = DefaultSeed
	}
	files, err := FindFiles(opts.Dir)
	if err != nil {
		return nil, err
	}
	if !opts.Quiet {
		out := opts.Log
		if out == nil {
			out = os.Stdout
		}
		for _, path := range []string{files.TrainImages, files.TrainLabels, files.TestImages, files.TestLabels} {
			fmt.Fprintln(out, "Extracting", path)
		}
	}
	train, test, err := readSplits(files, opts.OneHot)
	if err != nil {
		return nil, err
	}
	if validation > train.NumExamples() {
		return nil, fmt.Errorf("mnist: validation size %d is more than the %d examples of %s", validation, train.NumExamples(), files.TrainImages)
	}
	ds := &Datasets{
		Validation: train.Subset(0, validation),
		Train:      train.Subset(validation, train.NumExamples()),
		Test:       test,
	}
	ds.Train.SetSeed(seed)
	ds.Validation.SetSeed(seed + 1)
	ds.Test.SetSeed(seed + 2)
	return ds, nil
}

// readSplits decodes the training and test files at the same time (gzip
// decoding dominates the cost) and builds one data set from each pair.
func readSplits(files Files, oneHot bool) (train, test *DataSet, err error) {
	var wg sync.WaitGroup
	var trainErr, testErr error
	wg.Add(2)
	go func() {
		defer wg.Done()
		train, trainErr = readPair(files.TrainImages, files.TrainLabels, oneHot)
	}()
	go func() {
		defer wg.Done()
		test, testErr = readPair(files.TestImages, files.TestLabels, oneHot)
	}()
	wg.Wait()
	if trainErr != nil {
		return nil, nil, trainErr
	}
	if testErr != nil {
		return nil, nil, testErr
	}
	return train, test, nil
}

// readPair reads an images file and its labels file, checks that they
// describe the same number of examples, and converts them to tensors.
func readPair(imagesPath, labelsPath string, oneHot bool) (*DataSet, error) {
	raw, err := ReadImages(imagesPath)
	if err != nil {
		return nil, err
	}
	ids, err := ReadLabels(labelsPath)
	if err != nil {
		return nil, err
	}
	if raw.Count != len(ids) {
		return nil, fmt.Errorf("mnist: %s holds %d images but %s holds %d labels", imagesPath, raw.Count, labelsPath, len(ids))
	}
	return newDataSet(pixelTensor(raw.Pixels, raw.Count), labelTensor(ids, oneHot), ids), nil
}

// pixelTensor returns count images of pixel bytes as a [count, 784] tensor
// of values in [0, 1] that keeps the bytes and converts them when read: a
// quarter of the memory of float32 values (MNIST's 70,000 images take 55 MB
// instead of 220 MB), at the cost of a table look-up per value read, which
// batches and accuracy passes do not notice.
func pixelTensor(pixels []byte, count int) *rnn.Tensor {
	pixels = pixels[:count*ImageSize]
	return rnn.LazyTensor(func(dst []float32, offset int) {
		scaleInto(dst, pixels[offset:offset+len(dst)])
	}, count, ImageSize)
}

// pixelScale maps a pixel byte to its float32 value in [0, 1], computed as
// TensorFlow does: float32(b) times float32(1.0/255).
var pixelScale = func() (table [256]float32) {
	const scale = float32(1.0 / 255.0)
	for b := range table {
		table[b] = float32(b) * scale
	}
	return table
}()

// scaleInto converts pixel bytes to float32 values in [0, 1] into dst,
// which is as long as pixels.
func scaleInto(dst []float32, pixels []byte) {
	dst = dst[:len(pixels)]
	for i, b := range pixels {
		dst[i] = pixelScale[b]
	}
}

// labelTensor turns class ids into [n, 10] one-hot rows or an [n] tensor
// of ids.
func labelTensor(ids []uint8, oneHot bool) *rnn.Tensor {
	if !oneHot {
		t := rnn.NewTensor(len(ids))
		data := t.Data()
		for i, id := range ids {
			data[i] = float32(id)
		}
		return t
	}
	t := rnn.NewTensor(len(ids), NumClasses)
	data := t.Data()
	for i, id := range ids {
		data[i*NumClasses+int(id)] = 1
	}
	return t
}
