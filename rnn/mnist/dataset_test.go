package mnist

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gornn/gornn/rnn"
)

// numbered returns a data set of n examples in which the first pixel of
// example i is i and its label is class i%10, so that batches can be
// traced back to examples.
func numbered(t testing.TB, n int, oneHot bool) *DataSet {
	t.Helper()
	images := rnn.NewTensor(n, ImageSize)
	ids := make([]uint8, n)
	for i := range n {
		images.Set(float32(i), i, 0)
		ids[i] = uint8(i % NumClasses)
	}
	d, err := NewDataSet(images, labelTensor(ids, oneHot))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// batchExamples returns the example numbers of a batch from a numbered
// data set, checking that every label belongs to its image.
func batchExamples(t *testing.T, xs, ys *rnn.Tensor) []int {
	t.Helper()
	n := xs.Dim(0)
	width := ys.Size() / max(n, 1)
	out := make([]int, n)
	for i := range n {
		e := int(xs.Data()[i*ImageSize])
		out[i] = e
		var class int
		if width == 1 {
			class = int(ys.Data()[i])
		} else {
			var err error
			if class, err = oneHotClass(ys.Data()[i*width : (i+1)*width]); err != nil {
				t.Fatalf("batch row %d: %v", i, err)
			}
		}
		if class != e%NumClasses {
			t.Fatalf("batch row %d: example %d carries label %d, want %d", i, e, class, e%NumClasses)
		}
	}
	return out
}

// drawn returns the example numbers of successive batches of the given
// sizes.
func drawn(t *testing.T, d *DataSet, sizes ...int) []int {
	t.Helper()
	var out []int
	for _, n := range sizes {
		xs, ys := d.NextBatch(n)
		if xs.Dim(0) != n || ys.Dim(0) != n {
			t.Fatalf("NextBatch(%d) returned shapes %v and %v", n, xs.Shape(), ys.Shape())
		}
		out = append(out, batchExamples(t, xs, ys)...)
	}
	return out
}

// isPermutation reports whether s holds each of 0..len(s)-1 once.
func isPermutation(s []int) bool {
	sorted := slices.Sorted(slices.Values(s))
	for i, v := range sorted {
		if v != i {
			return false
		}
	}
	return true
}

func repeat(n, times int) []int {
	s := make([]int, times)
	for i := range s {
		s[i] = n
	}
	return s
}

func TestNextBatchCoversEachEpochOnce(t *testing.T) {
	tests := []struct {
		name     string
		examples int
		batches  []int
	}{
		{"batches divide the epoch", 12, repeat(4, 9)},
		{"batches straddle epochs", 10, repeat(3, 10)},
		{"varying batch sizes", 7, []int{1, 5, 0, 2, 6, 7, 6, 1, 6}},
		{"batch larger than an epoch", 4, repeat(10, 2)},
	}
	for _, tt := range tests {
		for _, oneHot := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/oneHot=%v", tt.name, oneHot), func(t *testing.T) {
				d := numbered(t, tt.examples, oneHot)
				seq := drawn(t, d, tt.batches...)
				for start := 0; start+tt.examples <= len(seq); start += tt.examples {
					if epoch := seq[start : start+tt.examples]; !isPermutation(epoch) {
						t.Errorf("epoch %d = %v, not a permutation of the examples", start/tt.examples, epoch)
					}
				}
			})
		}
	}
}

func TestNextBatchCountsEpochsLikeTensorFlow(t *testing.T) {
	// TensorFlow counts an epoch as completed when a batch goes past its
	// end, not when a batch ends exactly on it.
	tests := []struct {
		examples int
		batches  []int
		want     []int // EpochsCompleted after each batch
	}{
		{10, []int{5, 5, 5, 5, 5}, []int{0, 0, 1, 1, 2}},
		{10, []int{3, 3, 3, 3, 3, 3, 3}, []int{0, 0, 0, 1, 1, 1, 2}},
		{10, []int{10, 0, 10, 1}, []int{0, 0, 1, 2}},
		{4, []int{9}, []int{2}},
	}
	for _, tt := range tests {
		d := numbered(t, tt.examples, false)
		for i, n := range tt.batches {
			d.NextBatch(n)
			if got := d.EpochsCompleted(); got != tt.want[i] {
				t.Errorf("%d examples, batches %v: EpochsCompleted after batch %d = %d, want %d", tt.examples, tt.batches, i, got, tt.want[i])
			}
		}
	}
}

func TestNextBatchShuffles(t *testing.T) {
	d := numbered(t, 100, false)
	first := drawn(t, d, 100)
	second := drawn(t, d, 100)
	identity := make([]int, 100)
	for i := range identity {
		identity[i] = i
	}
	if slices.Equal(first, identity) {
		t.Error("the first epoch is not shuffled")
	}
	if slices.Equal(first, second) {
		t.Error("the second epoch repeats the first one's order")
	}
}

func TestNextBatchIsReproducible(t *testing.T) {
	sizes := []int{7, 30, 64, 3}
	a, b, c := numbered(t, 50, true), numbered(t, 50, true), numbered(t, 50, true)
	a.SetSeed(42)
	b.SetSeed(42)
	c.SetSeed(43)
	seqA, seqB, seqC := drawn(t, a, sizes...), drawn(t, b, sizes...), drawn(t, c, sizes...)
	if !slices.Equal(seqA, seqB) {
		t.Error("the same seed gave different batches")
	}
	if slices.Equal(seqA, seqC) {
		t.Error("different seeds gave the same batches")
	}
	if d := drawn(t, numbered(t, 50, true), sizes...); !slices.Equal(d, drawn(t, numbered(t, 50, true), sizes...)) {
		t.Error("two data sets with the default seed gave different batches")
	}
}

func TestNextBatchIntoMatchesNextBatchWithoutAllocating(t *testing.T) {
	a, b := numbered(t, 30, true), numbered(t, 30, true)
	xs, ys := rnn.NewTensor(8, Rows, Cols), rnn.NewTensor(8, NumClasses)
	for range 10 {
		wantX, wantY := a.NextBatch(8)
		b.NextBatchInto(xs, ys)
		if !slices.Equal(xs.Data(), wantX.Data()) || !slices.Equal(ys.Data(), wantY.Data()) {
			t.Fatal("NextBatchInto and NextBatch gave different batches")
		}
	}
	if allocs := testing.AllocsPerRun(100, func() { b.NextBatchInto(xs, ys) }); allocs != 0 {
		t.Errorf("NextBatchInto allocates %v times per batch, want 0", allocs)
	}
}

// panicMessage returns the message f panics with, or "" if it returns.
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

func TestNextBatchIntoRejectsBadBuffers(t *testing.T) {
	d := numbered(t, 10, true)
	tests := []struct {
		name   string
		xs, ys *rnn.Tensor
		want   string
	}{
		{"scalar images", rnn.Scalar(0), rnn.NewTensor(1, 10), "has no batch dimension"},
		{"short image rows", rnn.NewTensor(2, 783), rnn.NewTensor(2, 10), "does not hold 784 values per example"},
		{"ids for one-hot", rnn.NewTensor(2, 784), rnn.NewTensor(2), "does not hold 2 examples of 10 values"},
		{"batch sizes disagree", rnn.NewTensor(2, 784), rnn.NewTensor(3, 10), "does not hold 2 examples"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := panicMessage(func() { d.NextBatchInto(tt.xs, tt.ys) })
			if !strings.Contains(msg, tt.want) {
				t.Errorf("panic %q does not contain %q", msg, tt.want)
			}
		})
	}
	if msg := panicMessage(func() { d.NextBatch(-1) }); !strings.Contains(msg, "negative batch size -1") {
		t.Errorf("NextBatch(-1) panic = %q", msg)
	}
	empty := numbered(t, 0, false)
	if msg := panicMessage(func() { empty.NextBatch(1) }); !strings.Contains(msg, "empty") {
		t.Errorf("NextBatch on an empty data set: panic = %q", msg)
	}
	if xs, _ := empty.NextBatch(0); xs.Size() != 0 {
		t.Errorf("NextBatch(0) on an empty data set returned %v", xs)
	}
}

func TestNewDataSetChecksShapes(t *testing.T) {
	tests := []struct {
		name           string
		images, labels *rnn.Tensor
		want           string
	}{
		{"rows too short", rnn.NewTensor(2, 700), rnn.NewTensor(2), "do not hold 784 values per example"},
		{"scalar images", rnn.Scalar(1), rnn.NewTensor(1), "do not hold 784"},
		{"label count", rnn.NewTensor(2, 784), rnn.NewTensor(3), "2 images but labels of shape [3]"},
		{"label width", rnn.NewTensor(2, 784), rnn.NewTensor(2, 9), "neither [2] class ids nor [2 10] one-hot"},
		{"id out of range", rnn.NewTensor(2, 784), rnn.TensorFrom([]float32{3, 10}), "label 1 is 10"},
		{"fractional id", rnn.NewTensor(2, 784), rnn.TensorFrom([]float32{3.5, 1}), "label 0 is 3.5"},
		{"two hot", rnn.NewTensor(1, 784), rnn.TensorFrom([]float32{1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, 1, 10), "label 0: [1 1 0 0 0 0 0 0 0 0] is not one-hot"},
		{"no hot", rnn.NewTensor(1, 784), rnn.NewTensor(1, 10), "is not one-hot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := NewDataSet(tt.images, tt.labels)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewDataSet error = %v, want one containing %q", err, tt.want)
			}
			if d != nil {
				t.Error("NewDataSet returned a data set along with an error")
			}
		})
	}
}

func TestNewDataSetAcceptsImageGrids(t *testing.T) {
	d, err := NewDataSet(rnn.NewTensor(3, Rows, Cols), rnn.TensorFrom([]float32{0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 3, 10))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Images.Shape(); !slices.Equal(got, []int{3, ImageSize}) {
		t.Errorf("Images shape = %v, want [3 784]", got)
	}
	if got := d.LabelIDs(); !slices.Equal(got, []int{2, 9, 0}) {
		t.Errorf("LabelIDs = %v, want [2 9 0]", got)
	}
}

func TestSubset(t *testing.T) {
	d := numbered(t, 20, true)
	d.NextBatch(15) // the subset must not inherit d's position
	s := d.Subset(5, 12)
	if s.NumExamples() != 7 || s.EpochsCompleted() != 0 {
		t.Fatalf("subset has %d examples after %d epochs, want 7 after 0", s.NumExamples(), s.EpochsCompleted())
	}
	if got, want := s.LabelIDs(), []int{5, 6, 7, 8, 9, 0, 1}; !slices.Equal(got, want) {
		t.Errorf("LabelIDs = %v, want %v", got, want)
	}
	seq := drawn(t, s, 7)
	for i := range seq {
		seq[i] -= 5
	}
	if !isPermutation(seq) {
		t.Errorf("one epoch of the subset drew examples %v, want a permutation of 5..11", seq)
	}
	s.Images.Set(99, 0, 1)
	if d.Images.At(5, 1) != 99 {
		t.Error("the subset's images are a copy, want a view")
	}
	if msg := panicMessage(func() { d.Subset(10, 21) }); !strings.Contains(msg, "[10, 21) out of range for a data set of 20") {
		t.Errorf("Subset(10, 21) panic = %q", msg)
	}
}
