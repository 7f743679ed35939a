package display

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestWritePictures writes what the package draws as files, into
// $GORNN_PICTURES when set so that a person can look at them, and checks
// that the files read back.
func TestWritePictures(t *testing.T) {
	dir := os.Getenv("GORNN_PICTURES")
	if dir == "" {
		dir = t.TempDir()
	}
	d := plotBundle(samplePlot(t), 5*vg.Inch, 3*vg.Inch)
	raw, err := base64.StdEncoding.DecodeString(d.Data[MIMEPNG].(string))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "display_plot.png"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "display_plot.svg"), []byte(d.Data[MIMESVG].(string)), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := os.ReadFile(filepath.Join(dir, "display_plot.png"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(back)); err != nil {
		t.Fatalf("written PNG does not decode: %v", err)
	}
}
