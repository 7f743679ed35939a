package mnist

import (
	"os"
	"testing"

	"github.com/gornn/gornn/rnn"
)

// BenchmarkReadDataSets loads all 70,000 images and labels from the
// compressed files, as ReadDataSets does (without the Extracting lines).
func BenchmarkReadDataSets(b *testing.B) {
	for b.Loop() {
		if _, err := Load(Options{OneHot: true, Quiet: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseTrainImages decodes the compressed training images alone.
func BenchmarkParseTrainImages(b *testing.B) {
	files, err := FindFiles("")
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(files.TrainImages)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(60000 * ImageSize)
	for b.Loop() {
		if _, err := ParseImages(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScalePixels converts the 60,000 training images' bytes to
// float32.
func BenchmarkScalePixels(b *testing.B) {
	pixels := patternPixels(60000)
	out := make([]float32, len(pixels))
	b.SetBytes(int64(len(pixels)))
	for b.Loop() {
		scaleInto(out, pixels)
	}
}

// BenchmarkNextBatchInto draws batches of 16 as the tutorial's training
// loop does, from images held as float32 values and from images held as
// bytes, as Load keeps them.
func BenchmarkNextBatchInto(b *testing.B) {
	const n = 55000
	pixels := patternPixels(n)
	ids := make([]uint8, n)
	for i := range ids {
		ids[i] = uint8(i % NumClasses)
	}
	floats := make([]float32, len(pixels))
	scaleInto(floats, pixels)
	for _, images := range []struct {
		name   string
		tensor *rnn.Tensor
	}{
		{"float32", rnn.TensorFrom(floats, n, ImageSize)},
		{"bytes", pixelTensor(pixels, n)},
	} {
		b.Run(images.name, func(b *testing.B) {
			d, err := NewDataSet(images.tensor, labelTensor(ids, true))
			if err != nil {
				b.Fatal(err)
			}
			xs, ys := rnn.NewTensor(16, ImageSize), rnn.NewTensor(16, NumClasses)
			b.ReportAllocs()
			for b.Loop() {
				d.NextBatchInto(xs, ys)
			}
		})
	}
}
