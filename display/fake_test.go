package display

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"sync"
	"testing"
)

// recorder is a fake frontend that keeps everything published to it.
type recorder struct {
	mu      sync.Mutex
	outputs []Data
	clears  []bool
}

// install makes r the frontend for the rest of the test.
func (r *recorder) install(t *testing.T, terminal bool) {
	t.Helper()
	prev := SetFrontend(Frontend{
		Publish: func(d Data) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.outputs = append(r.outputs, d)
		},
		ClearOutput: func(wait bool) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.clears = append(r.clears, wait)
		},
		Terminal: terminal,
	})
	t.Cleanup(func() { SetFrontend(prev) })
}

// all returns a copy of the published outputs.
func (r *recorder) all() []Data {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Data(nil), r.outputs...)
}

// only returns the single published output, failing the test otherwise.
func (r *recorder) only(t *testing.T) Data {
	t.Helper()
	out := r.all()
	if len(out) != 1 {
		t.Fatalf("published %d outputs, want 1: %+v", len(out), out)
	}
	return out[0]
}

// decodePNG decodes the base64 image/png entry of d.
func decodePNG(t *testing.T, d Data) image.Image {
	t.Helper()
	s, ok := d.Data[MIMEPNG].(string)
	if !ok {
		t.Fatalf("no image/png string in bundle with keys %v", keys(d))
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("image/png is not standard base64: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("image/png does not decode: %v", err)
	}
	return img
}

// keys lists the MIME types of d.
func keys(d Data) []string {
	var k []string
	for m := range d.Data {
		k = append(k, m)
	}
	return k
}

var pngEncode = png.Encode

var base64Std = base64.StdEncoding.EncodeToString
