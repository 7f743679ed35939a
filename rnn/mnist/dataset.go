package mnist

import (
	"fmt"
	"math/rand/v2"

	"github.com/gornn/gornn/rnn"
)

// DataSet is a set of examples that hands out shuffled mini-batches the way
// TensorFlow's mnist DataSet.next_batch does. It is not safe for
// concurrent use.
//
// Images and Labels hold the examples in their original order: shuffling
// permutes an index, never the tensors, so they can be read (for an
// accuracy pass, say) at any time. Images is [n, 784] with pixels in
// [0, 1]; Labels is [n, 10] one-hot or [n] class ids.
type DataSet struct {
	Images, Labels *rnn.Tensor

	ids        []uint8 // class id per example
	labelWidth int     // values per example in Labels: 10 one-hot, 1 ids

	rng             *rand.Rand
	order           []int // example indices in this epoch's order
	shuffled        bool  // whether the first epoch has been shuffled
	indexInEpoch    int
	epochsCompleted int
}

// DefaultSeed seeds the shuffling when no seed is given, so that runs are
// reproducible.
const DefaultSeed = 1

// NewDataSet builds a data set over images ([n, 784], or any shape whose
// first dimension is n and whose rows hold 784 values) and labels ([n, 10]
// one-hot or [n] class ids). The tensors are used, not copied. Shuffling
// starts from DefaultSeed. It returns an error if the shapes disagree or a
// label is not a class 0 to 9.
func NewDataSet(images, labels *rnn.Tensor) (*DataSet, error) {
	if images.Rank() == 0 || images.Size() != images.Dim(0)*ImageSize {
		return nil, fmt.Errorf("mnist: NewDataSet: images of shape %v do not hold %d values per example", images.Shape(), ImageSize)
	}
	n := images.Dim(0)
	if labels.Rank() == 0 || labels.Dim(0) != n {
		return nil, fmt.Errorf("mnist: NewDataSet: %d images but labels of shape %v", n, labels.Shape())
	}
	ids := make([]uint8, n)
	data := labels.Data()
	switch {
	case labels.Rank() == 1:
		for i, v := range data {
			if v != float32(int(v)) || v < 0 || v >= NumClasses {
				return nil, fmt.Errorf("mnist: NewDataSet: label %d is %g, want a class id 0 to %d", i, v, NumClasses-1)
			}
			ids[i] = uint8(v)
		}
	case labels.Rank() == 2 && labels.Dim(1) == NumClasses:
		for i := range n {
			id, err := oneHotClass(data[i*NumClasses : (i+1)*NumClasses])
			if err != nil {
				return nil, fmt.Errorf("mnist: NewDataSet: label %d: %w", i, err)
			}
			ids[i] = uint8(id)
		}
	default:
		return nil, fmt.Errorf("mnist: NewDataSet: labels of shape %v are neither [%d] class ids nor [%d %d] one-hot", labels.Shape(), n, n, NumClasses)
	}
	return newDataSet(images.Reshape(n, ImageSize), labels, ids), nil
}

// oneHotClass returns the position of the single 1 in row.
func oneHotClass(row []float32) (int, error) {
	class := -1
	for j, v := range row {
		switch {
		case v == 0:
		case v == 1 && class < 0:
			class = j
		default:
			return 0, fmt.Errorf("%v is not one-hot", row)
		}
	}
	if class < 0 {
		return 0, fmt.Errorf("%v is not one-hot", row)
	}
	return class, nil
}

// newDataSet assembles a data set from checked parts.
func newDataSet(images, labels *rnn.Tensor, ids []uint8) *DataSet {
	d := &DataSet{
		Images:     images,
		Labels:     labels,
		ids:        ids,
		labelWidth: 1,
		order:      make([]int, len(ids)),
	}
	if labels.Rank() == 2 {
		d.labelWidth = labels.Dim(1)
	}
	for i := range d.order {
		d.order[i] = i
	}
	d.SetSeed(DefaultSeed)
	return d
}

// NumExamples returns the number of examples.
func (d *DataSet) NumExamples() int { return len(d.ids) }

// EpochsCompleted returns how many times NextBatch has gone past the end of
// the examples.
func (d *DataSet) EpochsCompleted() int { return d.epochsCompleted }

// SetSeed replaces the source of the shuffles still to come. Called before
// the first batch, it fixes the whole sequence of batches.
func (d *DataSet) SetSeed(seed int64) {
	d.rng = rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
}

// LabelIDs returns the class id (0 to 9) of every example, in the order of
// Images.
func (d *DataSet) LabelIDs() []int {
	out := make([]int, len(d.ids))
	for i, id := range d.ids {
		out[i] = int(id)
	}
	return out
}

// Subset returns a data set of examples [start, end), for quick runs. Its
// tensors are views that share memory with d's; its batching starts afresh
// from DefaultSeed. It panics if the range is out of bounds.
func (d *DataSet) Subset(start, end int) *DataSet {
	if start < 0 || end < start || end > len(d.ids) {
		panic(fmt.Sprintf("mnist: Subset: examples [%d, %d) out of range for a data set of %d", start, end, len(d.ids)))
	}
	return newDataSet(d.Images.Slice(start, end), d.Labels.Slice(start, end), d.ids[start:end:end])
}

// NextBatch returns the next n examples as new tensors: images [n, 784] and
// labels [n, 10] or [n]. Like TensorFlow it shuffles before the first
// epoch, and when a batch crosses the end of an epoch it takes the rest of
// that epoch, reshuffles, and fills up from the start of the next one. It
// panics if n is negative or the data set is empty.
func (d *DataSet) NextBatch(n int) (*rnn.Tensor, *rnn.Tensor) {
	if n < 0 {
		panic(fmt.Sprintf("mnist: NextBatch: negative batch size %d", n))
	}
	xs := rnn.NewTensor(n, ImageSize)
	var ys *rnn.Tensor
	if d.Labels.Rank() == 2 {
		ys = rnn.NewTensor(n, d.labelWidth)
	} else {
		ys = rnn.NewTensor(n)
	}
	d.NextBatchInto(xs, ys)
	return xs, ys
}

// NextBatchInto fills xs and ys with the next batch without allocating; the
// batch size is xs.Dim(0). xs must hold 784 values per example (any shape,
// [n, 784] or [n, 28, 28] say) and ys as many values per example as Labels
// (10 one-hot, or 1 id). Batches follow the same sequence as NextBatch. It
// panics if the buffers do not fit or the data set is empty.
func (d *DataSet) NextBatchInto(xs, ys *rnn.Tensor) {
	if xs.Rank() == 0 {
		panic(fmt.Sprintf("mnist: NextBatchInto: images buffer of shape %v has no batch dimension", xs.Shape()))
	}
	n := xs.Dim(0)
	if xs.Size() != n*ImageSize {
		panic(fmt.Sprintf("mnist: NextBatchInto: images buffer of shape %v does not hold %d values per example", xs.Shape(), ImageSize))
	}
	if ys.Size() != n*d.labelWidth {
		panic(fmt.Sprintf("mnist: NextBatchInto: labels buffer of shape %v does not hold %d examples of %d values", ys.Shape(), n, d.labelWidth))
	}
	if n > 0 && len(d.ids) == 0 {
		panic("mnist: NextBatchInto: the data set is empty")
	}
	if !d.shuffled {
		d.shuffle()
		d.shuffled = true
	}
	x, y := xs.Data(), ys.Data()
	// Images may hold bytes converted when read (see Load): CopyValues
	// converts just this batch's rows.
	images, labels := d.Images, d.Labels.Data()
	w := d.labelWidth
	for i := 0; i < n; {
		if d.indexInEpoch == len(d.order) {
			d.epochsCompleted++
			d.shuffle()
			d.indexInEpoch = 0
		}
		// Copy as much of this epoch as the batch still needs.
		take := min(n-i, len(d.order)-d.indexInEpoch)
		for _, e := range d.order[d.indexInEpoch : d.indexInEpoch+take] {
			images.CopyValues(x[i*ImageSize:(i+1)*ImageSize], e*ImageSize)
			copy(y[i*w:(i+1)*w], labels[e*w:(e+1)*w])
			i++
		}
		d.indexInEpoch += take
	}
}

// shuffle draws a new random order of the examples.
func (d *DataSet) shuffle() {
	d.rng.Shuffle(len(d.order), func(i, j int) {
		d.order[i], d.order[j] = d.order[j], d.order[i]
	})
}
