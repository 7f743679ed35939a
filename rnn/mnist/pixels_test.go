package mnist

import "testing"

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
