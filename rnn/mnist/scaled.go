package mnist

import (
	"fmt"
	"io"
	"os"
)

// scaledChunk is how many pixel bytes the streaming decoder hands to the
// converter at a time: small enough to stay in cache between the two.
const scaledChunk = 256 << 10

// readScaledImages reads an idx images file and returns its pixels as
// float32 values in [0, 1] with the image count. Errors are those of
// ReadImages.
func readScaledImages(path string) ([]float32, int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, fmt.Errorf("mnist: %w", err)
	}
	pixels, count, err := parseScaledImages(data)
	if err != nil {
		return nil, 0, fmt.Errorf("mnist: %s: %w", path, err)
	}
	return pixels, count, nil
}

// parseScaledImages is ParseImages followed by scalePixels, done as a
// pipeline for compressed files: one goroutine inflates chunks while
// another converts the previous ones, so that the two passes overlap and
// the whole byte image is never held in memory.
func parseScaledImages(data []byte) ([]float32, int, error) {
	body, count, err := openImages(data)
	if err != nil {
		return nil, 0, err
	}
	want := int64(count) * ImageSize
	if body.zr == nil || want > body.capacity {
		// Uncompressed bytes are already in memory; a count beyond what the
		// compressed size can hold is an error ParseImages describes.
		raw, err := ParseImages(data)
		if err != nil {
			return nil, 0, err
		}
		return scalePixels(raw.Pixels), raw.Count, nil
	}

	out := make([]float32, want)
	const inFlight = 4
	free := make(chan []byte, inFlight)
	for range inFlight {
		free <- make([]byte, min(scaledChunk, want))
	}
	filled := make(chan []byte, inFlight)
	converted := make(chan struct{})
	go func() {
		defer close(converted)
		at := 0
		for chunk := range filled {
			scaleInto(out[at:at+len(chunk)], chunk)
			at += len(chunk)
			free <- chunk[:cap(chunk)]
		}
	}()
	var got int64
	for got < want {
		buf := <-free
		n, rerr := io.ReadFull(body.zr, buf[:min(int64(len(buf)), want-got)])
		got += int64(n)
		filled <- buf[:n]
		if rerr != nil {
			err = payloadError(rerr, want, got, "pixel bytes")
			break
		}
	}
	close(filled)
	<-converted
	if err != nil {
		return nil, 0, err
	}
	if err := body.checkEnd(want, "pixel bytes"); err != nil {
		return nil, 0, err
	}
	return out, count, nil
}
