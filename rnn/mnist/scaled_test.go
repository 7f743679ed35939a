package mnist

import (
	"slices"
	"testing"
)

// checkScaledMatches checks that parseScaledImages gives what ParseImages
// followed by scalePixels gives, error for error.
func checkScaledMatches(t *testing.T, data []byte) {
	t.Helper()
	want, wantErr := ParseImages(data)
	got, count, err := parseScaledImages(data)
	if wantErr != nil {
		if err == nil || err.Error() != wantErr.Error() {
			t.Fatalf("parseScaledImages error = %v, want %v", err, wantErr)
		}
		if got != nil {
			t.Fatal("parseScaledImages returned pixels along with an error")
		}
		return
	}
	if err != nil {
		t.Fatalf("parseScaledImages failed where ParseImages succeeded: %v", err)
	}
	if count != want.Count || !slices.Equal(got, scalePixels(want.Pixels)) {
		t.Fatalf("parseScaledImages gave %d images that differ from ParseImages' %d", count, want.Count)
	}
}

func TestParseScaledImagesMatchesParseImages(t *testing.T) {
	// 400 images span several of the pipeline's chunks, and end inside one.
	many := idxImages(ImagesMagic, 400, 28, 28, patternPixels(400))
	good := []badImageFile{
		{name: "raw", data: idxImages(ImagesMagic, 3, 28, 28, patternPixels(3))},
		{name: "gzip", data: gz(idxImages(ImagesMagic, 3, 28, 28, patternPixels(3)))},
		{name: "no images", data: gz(idxImages(ImagesMagic, 0, 28, 28, nil))},
		{name: "many chunks", data: gz(many)},
		{name: "many chunks, truncated", data: gz(many[:len(many)-100])},
		{name: "many chunks, cut stream", data: gz(many)[:len(gz(many))/2]},
	}
	for _, tt := range append(good, badImageFiles()...) {
		t.Run(tt.name, func(t *testing.T) { checkScaledMatches(t, tt.data) })
	}
}

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

func FuzzParseScaledImages(f *testing.F) {
	for _, bad := range badImageFiles() {
		f.Add(bad.data)
	}
	f.Add(gz(idxImages(ImagesMagic, 2, 28, 28, patternPixels(2))))
	f.Fuzz(checkScaledMatches)
}
