package mnist

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Magic numbers that open the two idx files MNIST ships. The third byte
// says the elements are unsigned bytes (0x08); the fourth is the number of
// dimensions (3 for images, 1 for labels).
const (
	ImagesMagic = 2051 // 0x00000803: unsigned bytes, three dimensions
	LabelsMagic = 2049 // 0x00000801: unsigned bytes, one dimension
)

// Image geometry of MNIST: every image is Rows x Cols pixels, stored row
// by row, one byte per pixel (0 is background, 255 is full ink).
const (
	Rows       = 28
	Cols       = 28
	ImageSize  = Rows * Cols // pixels per image
	NumClasses = 10          // digits 0 to 9
)

// Header sizes of the idx files: the magic number and one 32-bit count per
// dimension.
const (
	imagesHeaderSize = 16
	labelsHeaderSize = 8
)

// gzipMagic opens every gzip stream (RFC 1952).
var gzipMagic = []byte{0x1f, 0x8b}

// maxDeflateRatio bounds how much one compressed byte can expand to in a
// deflate stream (the format's limit is about 1032:1). It caps what a
// header may make the parser allocate before the data backs the claim up.
const maxDeflateRatio = 1040

// RawImages is the content of an idx images file: Count images of Rows x
// Cols bytes each, stored one after the other in Pixels.
type RawImages struct {
	Count, Rows, Cols int
	Pixels            []byte
}

// ParseImages decodes an idx3 images file held in data, gzip-compressed or
// not (told apart by the gzip magic bytes, not by any name). It checks the
// magic number, that images are 28x28 and that the pixel bytes match the
// count in the header exactly. For an uncompressed file the returned Pixels
// share data's memory.
func ParseImages(data []byte) (*RawImages, error) {
	body, count, err := openImages(data)
	if err != nil {
		return nil, err
	}
	pixels, err := body.readPayload(int64(count)*ImageSize, "pixel bytes")
	if err != nil {
		return nil, err
	}
	return &RawImages{Count: count, Rows: Rows, Cols: Cols, Pixels: pixels}, nil
}

// openImages reads and checks the header of an idx3 images file and
// returns the number of images it announces.
func openImages(data []byte) (*idxBody, int, error) {
	body, err := openIdx(data, imagesHeaderSize, "images")
	if err != nil {
		return nil, 0, err
	}
	header := body.header
	if magic := binary.BigEndian.Uint32(header[0:4]); magic != ImagesMagic {
		return nil, 0, fmt.Errorf("not an idx images file: magic number %d, want %d", magic, ImagesMagic)
	}
	count := binary.BigEndian.Uint32(header[4:8])
	rows := binary.BigEndian.Uint32(header[8:12])
	cols := binary.BigEndian.Uint32(header[12:16])
	if rows != Rows || cols != Cols {
		return nil, 0, fmt.Errorf("images are %dx%d, want %dx%d", rows, cols, Rows, Cols)
	}
	return body, int(count), nil
}

// ParseLabels decodes an idx1 labels file held in data, gzip-compressed or
// not. It checks the magic number, that the label bytes match the count in
// the header exactly, and that every label is a digit 0 to 9. For an
// uncompressed file the result shares data's memory.
func ParseLabels(data []byte) ([]byte, error) {
	body, err := openIdx(data, labelsHeaderSize, "labels")
	if err != nil {
		return nil, err
	}
	header := body.header
	if magic := binary.BigEndian.Uint32(header[0:4]); magic != LabelsMagic {
		return nil, fmt.Errorf("not an idx labels file: magic number %d, want %d", magic, LabelsMagic)
	}
	count := binary.BigEndian.Uint32(header[4:8])
	labels, err := body.readPayload(int64(count), "label bytes")
	if err != nil {
		return nil, err
	}
	for i, l := range labels {
		if l >= NumClasses {
			return nil, fmt.Errorf("corrupt: label %d of %d is %d, want 0 to %d", i, count, l, NumClasses-1)
		}
	}
	return labels, nil
}

// idxBody is an idx file whose header has been read; the payload follows.
type idxBody struct {
	header []byte
	raw    []byte       // the payload of an uncompressed file
	zr     *gzip.Reader // the rest of a compressed file, nil if uncompressed
	// capacity bounds what a compressed payload can hold, so that a forged
	// header cannot make the parser allocate gigabytes up front.
	capacity int64
}

// openIdx reads the header of an idx file (compressed or not) that is
// headerSize bytes long; kind names the file type in errors.
func openIdx(data []byte, headerSize int, kind string) (*idxBody, error) {
	if !bytes.HasPrefix(data, gzipMagic) {
		if len(data) < headerSize {
			return nil, fmt.Errorf("truncated: want a %d-byte idx %s header, got %d bytes", headerSize, kind, len(data))
		}
		return &idxBody{header: data[:headerSize], raw: data[headerSize:]}, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("corrupt gzip stream: %w", err)
	}
	header := make([]byte, headerSize)
	if n, err := io.ReadFull(zr, header); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("truncated: want a %d-byte idx %s header, got %d bytes", headerSize, kind, n)
		}
		return nil, fmt.Errorf("corrupt gzip stream in the idx %s header: %w", kind, err)
	}
	return &idxBody{header: header, zr: zr, capacity: int64(len(data))*maxDeflateRatio + 1<<16}, nil
}

// readPayload returns exactly want bytes of payload; what names them in
// errors. Fewer bytes is a truncated file, more is a corrupt one. For a
// compressed file it reads to the end of the stream, which is where gzip
// verifies its checksum.
func (b *idxBody) readPayload(want int64, what string) ([]byte, error) {
	if b.zr == nil {
		got := int64(len(b.raw))
		switch {
		case got < want:
			return nil, fmt.Errorf("truncated: want %d %s, got %d", want, what, got)
		case got > want:
			return nil, fmt.Errorf("corrupt: %d unexpected bytes after the %d %s", got-want, want, what)
		}
		return b.raw, nil
	}
	buf := make([]byte, min(want, b.capacity))
	n, err := io.ReadFull(b.zr, buf)
	got := int64(n)
	if err == nil && got < want {
		// The header claims more than the compressed size can hold: count
		// what is there to say how short the file is.
		var extra int64
		extra, err = io.Copy(io.Discard, b.zr)
		got += extra
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		if got >= want {
			return nil, fmt.Errorf("corrupt: %s expand beyond %d bytes", what, b.capacity)
		}
	}
	if err != nil {
		return nil, payloadError(err, want, got, what)
	}
	if err := b.checkEnd(want, what); err != nil {
		return nil, err
	}
	return buf, nil
}

// payloadError describes a failure to read want bytes of payload after got
// of them arrived.
func payloadError(err error, want, got int64, what string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("truncated: want %d %s, got %d", want, what, got)
	}
	return fmt.Errorf("corrupt gzip stream after %d %s: %w", got, what, err)
}

// checkEnd reads a compressed file to its end once the want bytes of
// payload are in: more data is corrupt, and the end of the stream is where
// gzip verifies its checksum.
func (b *idxBody) checkEnd(want int64, what string) error {
	extra, err := io.Copy(io.Discard, b.zr)
	if err != nil {
		return fmt.Errorf("corrupt gzip stream after the %d %s: %w", want, what, err)
	}
	if extra > 0 {
		return fmt.Errorf("corrupt: %d unexpected bytes after the %d %s", extra, want, what)
	}
	return nil
}
