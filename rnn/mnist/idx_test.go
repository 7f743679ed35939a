package mnist

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// idxImages builds an idx3 images file with the given header fields
// followed by pixels.
func idxImages(magic, count, rows, cols uint32, pixels []byte) []byte {
	b := make([]byte, 16, 16+len(pixels))
	binary.BigEndian.PutUint32(b[0:], magic)
	binary.BigEndian.PutUint32(b[4:], count)
	binary.BigEndian.PutUint32(b[8:], rows)
	binary.BigEndian.PutUint32(b[12:], cols)
	return append(b, pixels...)
}

// idxLabels builds an idx1 labels file with the given header fields
// followed by labels.
func idxLabels(magic, count uint32, labels []byte) []byte {
	b := make([]byte, 8, 8+len(labels))
	binary.BigEndian.PutUint32(b[0:], magic)
	binary.BigEndian.PutUint32(b[4:], count)
	return append(b, labels...)
}

// gz compresses data with gzip.
func gz(data []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

// patternPixels returns n images whose pixels count up from the image
// index, so that images are told apart.
func patternPixels(n int) []byte {
	p := make([]byte, n*ImageSize)
	for i := range p {
		p[i] = byte(i/ImageSize + i%ImageSize)
	}
	return p
}

func TestParseImagesReadsRawAndGzip(t *testing.T) {
	pixels := patternPixels(3)
	file := idxImages(ImagesMagic, 3, 28, 28, pixels)
	for name, data := range map[string][]byte{"raw": file, "gzip": gz(file)} {
		t.Run(name, func(t *testing.T) {
			got, err := ParseImages(data)
			if err != nil {
				t.Fatal(err)
			}
			if got.Count != 3 || got.Rows != 28 || got.Cols != 28 {
				t.Errorf("header = %d images of %dx%d, want 3 of 28x28", got.Count, got.Rows, got.Cols)
			}
			if !bytes.Equal(got.Pixels, pixels) {
				t.Error("pixels differ from the file's")
			}
		})
	}
}

func TestParseLabelsReadsRawAndGzip(t *testing.T) {
	labels := []byte{5, 0, 4, 1, 9, 2}
	file := idxLabels(LabelsMagic, 6, labels)
	for name, data := range map[string][]byte{"raw": file, "gzip": gz(file)} {
		t.Run(name, func(t *testing.T) {
			got, err := ParseLabels(data)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, labels) {
				t.Errorf("labels = %v, want %v", got, labels)
			}
		})
	}
}

// badImageFile is an images file with something wrong, and a piece of
// the error it must give.
type badImageFile struct {
	name string
	data []byte
	want string
}

// badImageFiles returns images files broken in every way the parser
// checks.
func badImageFiles() []badImageFile {
	two := patternPixels(2)
	good := idxImages(ImagesMagic, 2, 28, 28, two)
	badChecksum := gz(good)
	badChecksum[len(badChecksum)-8] ^= 0xff // the CRC-32 in the gzip trailer
	return []badImageFile{
		{"empty", nil, "truncated: want a 16-byte idx images header, got 0 bytes"},
		{"short header", good[:10], "truncated: want a 16-byte idx images header, got 10 bytes"},
		{"short gzip header", gz(good[:10]), "truncated: want a 16-byte idx images header, got 10 bytes"},
		{"labels magic", idxImages(LabelsMagic, 2, 28, 28, two), "magic number 2049, want 2051"},
		{"garbage magic", idxImages(0xdeadbeef, 2, 28, 28, two), "not an idx images file"},
		{"wrong rows", idxImages(ImagesMagic, 2, 27, 28, two), "images are 27x28, want 28x28"},
		{"wrong cols", idxImages(ImagesMagic, 2, 28, 32, two), "images are 28x32, want 28x28"},
		{"truncated raw", good[:len(good)-5], "truncated: want 1568 pixel bytes, got 1563"},
		{"truncated gzip payload", gz(good[:len(good)-5]), "truncated: want 1568 pixel bytes, got 1563"},
		{"cut gzip stream", gz(good)[:40], "truncated"},
		{"extra raw bytes", append(append([]byte(nil), good...), 1, 2, 3), "corrupt: 3 unexpected bytes after the 1568 pixel bytes"},
		{"extra gzip bytes", gz(append(append([]byte(nil), good...), 1)), "corrupt: 1 unexpected bytes after the 1568 pixel bytes"},
		{"bad gzip checksum", badChecksum, "corrupt gzip stream"},
		{"gzip magic then garbage", []byte{0x1f, 0x8b, 0, 0, 0}, "corrupt gzip stream"},
		{"count far beyond the data", gz(idxImages(ImagesMagic, 1<<30, 28, 28, two)), "truncated: want 841813590016 pixel bytes, got 1568"},
	}
}

func TestParseImagesRejectsBadFiles(t *testing.T) {
	for _, tt := range badImageFiles() {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseImages(tt.data)
			if err == nil {
				t.Fatalf("ParseImages succeeded with %d images, want an error containing %q", got.Count, tt.want)
			}
			if got != nil {
				t.Errorf("ParseImages returned images along with the error %v", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestParseLabelsRejectsBadFiles(t *testing.T) {
	good := idxLabels(LabelsMagic, 4, []byte{1, 2, 3, 4})
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "truncated: want a 8-byte idx labels header, got 0 bytes"},
		{"images magic", idxLabels(ImagesMagic, 4, []byte{1, 2, 3, 4}), "not an idx labels file: magic number 2051, want 2049"},
		{"truncated raw", good[:len(good)-1], "truncated: want 4 label bytes, got 3"},
		{"truncated gzip", gz(good[:len(good)-2]), "truncated: want 4 label bytes, got 2"},
		{"extra bytes", append(append([]byte(nil), good...), 7), "corrupt: 1 unexpected bytes after the 4 label bytes"},
		{"label out of range", idxLabels(LabelsMagic, 3, []byte{1, 10, 3}), "corrupt: label 1 of 3 is 10, want 0 to 9"},
		{"label out of range gzip", gz(idxLabels(LabelsMagic, 3, []byte{1, 2, 255})), "corrupt: label 2 of 3 is 255"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseLabels(tt.data)
			if err == nil {
				t.Fatalf("ParseLabels succeeded with %v, want an error containing %q", got, tt.want)
			}
			if got != nil {
				t.Errorf("ParseLabels returned labels along with the error %v", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestReadImagesNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "train-images-idx3-ubyte.gz")
	// A header that promises the 60,000 images of the training file, and
	// only 1,000 pixel bytes.
	if err := os.WriteFile(path, gz(idxImages(ImagesMagic, 60000, 28, 28, make([]byte, 1000))), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadImages(path)
	want := "mnist: " + path + ": truncated: want 47040000 pixel bytes, got 1000"
	if err == nil || err.Error() != want {
		t.Errorf("ReadImages error = %v, want %q", err, want)
	}
}

func TestReadFilesReportMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent")
	if _, err := ReadImages(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("ReadImages(%q) error = %v, want one naming the file", path, err)
	}
	if _, err := ReadLabels(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("ReadLabels(%q) error = %v, want one naming the file", path, err)
	}
}

func TestReadLabelsNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t10k-labels-idx1-ubyte")
	if err := os.WriteFile(path, idxLabels(LabelsMagic, 2, []byte{3, 11}), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadLabels(path)
	want := "mnist: " + path + ": corrupt: label 1 of 2 is 11, want 0 to 9"
	if err == nil || err.Error() != want {
		t.Errorf("ReadLabels error = %v, want %q", err, want)
	}
}

func FuzzParseImages(f *testing.F) {
	good := idxImages(ImagesMagic, 2, 28, 28, patternPixels(2))
	f.Add(good)
	f.Add(gz(good))
	f.Add(good[:20])
	f.Add(gz(good)[:30])
	f.Add(idxImages(ImagesMagic, 1<<31, 28, 28, nil))
	f.Add(gz(idxImages(ImagesMagic, 0, 28, 28, nil)))
	f.Fuzz(func(t *testing.T, data []byte) {
		images, err := ParseImages(data)
		if err != nil {
			if images != nil {
				t.Fatalf("images returned along with error %v", err)
			}
			return
		}
		if images.Rows != Rows || images.Cols != Cols {
			t.Fatalf("accepted %dx%d images", images.Rows, images.Cols)
		}
		if len(images.Pixels) != images.Count*ImageSize {
			t.Fatalf("%d pixel bytes for %d images", len(images.Pixels), images.Count)
		}
	})
}

func FuzzParseLabels(f *testing.F) {
	good := idxLabels(LabelsMagic, 3, []byte{7, 2, 1})
	f.Add(good)
	f.Add(gz(good))
	f.Add(good[:5])
	f.Add(idxLabels(LabelsMagic, 1<<31, nil))
	f.Add(gz(idxLabels(LabelsMagic, 2, []byte{9, 12})))
	f.Fuzz(func(t *testing.T, data []byte) {
		labels, err := ParseLabels(data)
		if err != nil {
			if labels != nil {
				t.Fatalf("labels returned along with error %v", err)
			}
			return
		}
		header := data
		if bytes.HasPrefix(data, gzipMagic) {
			header = nil // the count is inside the compressed stream
		}
		if header != nil && int(binary.BigEndian.Uint32(header[4:8])) != len(labels) {
			t.Fatalf("header counts %d labels, got %d", binary.BigEndian.Uint32(header[4:8]), len(labels))
		}
		for i, l := range labels {
			if l >= NumClasses {
				t.Fatalf("label %d is %d, accepted", i, l)
			}
		}
	})
}
