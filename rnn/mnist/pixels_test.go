package mnist

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/gornn/gornn/rnn"
)

func TestPixelScale(t *testing.T) {
	if pixelScale[0] != 0 || pixelScale[255] != 1 {
		t.Errorf("0 and 255 scale to %v and %v, want 0 and 1", pixelScale[0], pixelScale[255])
	}
	for b := 1; b < 256; b++ {
		if pixelScale[b] <= pixelScale[b-1] {
			t.Fatalf("scale is not increasing at %d: %v after %v", b, pixelScale[b], pixelScale[b-1])
		}
		exact := float64(b) / 255
		if diff := float64(pixelScale[b]) - exact; diff > 1e-7 || diff < -1e-7 {
			t.Errorf("byte %d scales to %v, want %v", b, pixelScale[b], exact)
		}
	}
}

// randomPixels returns n images of bytes covering every value 0 to 255.
func randomPixels(n int) []byte {
	rng := rand.New(rand.NewPCG(7, 7))
	out := make([]byte, n*ImageSize)
	for i := range out {
		out[i] = byte(rng.IntN(256))
	}
	return out
}

func TestPixelTensorHoldsTheScaledValues(t *testing.T) {
	const n = 40
	pixels := randomPixels(n)
	want := make([]float32, len(pixels))
	scaleInto(want, pixels)
	images := pixelTensor(pixels, n)
	if got := images.Shape(); !slices.Equal(got, []int{n, ImageSize}) {
		t.Fatalf("shape %v, want [%d %d]", got, n, ImageSize)
	}
	all := make([]float32, n*ImageSize)
	images.CopyValues(all, 0)
	if !slices.Equal(all, want) {
		t.Fatal("CopyValues of the whole tensor differs from the scaled bytes")
	}
	if got := images.Slice(10, 12).Clone().Data(); !slices.Equal(got, want[10*ImageSize:12*ImageSize]) {
		t.Fatal("a slice of rows differs from the scaled bytes")
	}
	for _, at := range [][2]int{{0, 0}, {17, 300}, {n - 1, ImageSize - 1}} {
		if got, w := images.At(at[0], at[1]), want[at[0]*ImageSize+at[1]]; got != w {
			t.Errorf("At(%d, %d) = %v, want %v", at[0], at[1], got, w)
		}
	}
	if got := images.Data(); !slices.Equal(got, want) {
		t.Fatal("Data differs from the scaled bytes")
	}
}

// TestByteImagesBatchLikeFloat32Images draws the same batches from a data
// set over byte images and one over their float32 values: across epochs
// and reshuffles, from subsets, with both kinds of labels, and after
// Images.Data has converted the bytes.
func TestByteImagesBatchLikeFloat32Images(t *testing.T) {
	const n = 90
	pixels := randomPixels(n)
	floats := make([]float32, len(pixels))
	scaleInto(floats, pixels)
	ids := make([]uint8, n)
	for i := range ids {
		ids[i] = uint8((i * 7) % NumClasses)
	}
	sizes := []int{1, 16, 40, 89, 7, 90, 33, 64, 16}
	tests := []struct {
		name   string
		oneHot bool
		prep   func(*DataSet) *DataSet
	}{
		{"one-hot", true, func(d *DataSet) *DataSet { return d }},
		{"class ids", false, func(d *DataSet) *DataSet { return d }},
		{"subset", true, func(d *DataSet) *DataSet { return d.Subset(13, 71) }},
		{"after Data", true, func(d *DataSet) *DataSet { d.Images.Data(); return d }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sets [2]*DataSet
			for k, images := range []*rnn.Tensor{rnn.TensorFrom(floats, n, ImageSize), pixelTensor(pixels, n)} {
				d, err := NewDataSet(images, labelTensor(ids, tt.oneHot))
				if err != nil {
					t.Fatal(err)
				}
				sets[k] = tt.prep(d)
				sets[k].SetSeed(11)
			}
			for i, size := range sizes {
				wx, wy := sets[0].NextBatch(size)
				gx, gy := sets[1].NextBatch(size)
				if !slices.Equal(gx.Data(), wx.Data()) || !slices.Equal(gy.Data(), wy.Data()) {
					t.Fatalf("batch %d (size %d) from byte images differs from the float32 one", i, size)
				}
				if g, w := sets[1].EpochsCompleted(), sets[0].EpochsCompleted(); g != w {
					t.Fatalf("after batch %d, %d epochs completed, want %d", i, g, w)
				}
			}
			if sets[1].EpochsCompleted() < 2 {
				t.Fatalf("the batches covered %d epochs, want at least 2 reshuffles", sets[1].EpochsCompleted())
			}
		})
	}
}

// TestByteImagesWritesReachBatches checks that Images stays the examples'
// one storage: a value set through a subset's Images is what the whole
// set's Images and its batches read.
func TestByteImagesWritesReachBatches(t *testing.T) {
	const n = 5
	ids := []uint8{0, 1, 2, 3, 4}
	d, err := NewDataSet(pixelTensor(randomPixels(n), n), labelTensor(ids, false))
	if err != nil {
		t.Fatal(err)
	}
	d.Subset(2, 4).Images.Set(0.25, 1, 100) // example 3, pixel 100
	if got := d.Images.At(3, 100); got != 0.25 {
		t.Fatalf("the whole set reads %v after a write through a subset, want 0.25", got)
	}
	xs, ys := d.NextBatch(n)
	for row, id := range ys.Ints() {
		if id == 3 {
			if got := xs.At(row, 100); got != 0.25 {
				t.Fatalf("the batch holds %v for the written pixel, want 0.25", got)
			}
			return
		}
	}
	t.Fatal("example 3 is missing from a batch of the whole epoch")
}

// TestLoadKeepsImagesCompact loads the real files and runs an accuracy-like
// pass over the training images: the live heap must stay near the bytes'
// 55 MB, far from float32's 220 MB, and the pass must see the same values
// as the bytes.
func TestLoadKeepsImagesCompact(t *testing.T) {
	before := liveHeap()
	ds, err := Load(Options{OneHot: true, Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	g := rnn.NewGraph()
	x := g.Placeholder(rnn.Float32, rnn.None, 28, 28)
	mean := rnn.ReduceMean(x)
	train := ds.Train.Images
	got := g.NewSession().MustRun(mean, rnn.Feeds{x: train.Reshape(-1, 28, 28)}).Value()
	var sum float64
	row := make([]float32, ImageSize)
	for e := range ds.Train.NumExamples() {
		train.CopyValues(row, e*ImageSize)
		for _, v := range row {
			sum += float64(v)
		}
	}
	if want := sum / float64(train.Size()); math.Abs(got-want) > 1e-5 {
		t.Errorf("mean training pixel %v through a session, %v read by rows", got, want)
	}
	const limit = 100e6
	if grew := liveHeap() - before; grew > limit {
		t.Errorf("the loaded data sets hold %.0f MB, want under %.0f MB", grew/1e6, limit/1e6)
	}
	runtime.KeepAlive(ds)
}

// liveHeap returns the bytes of live heap after a collection.
func liveHeap() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc)
}
