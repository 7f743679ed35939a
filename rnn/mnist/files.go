package mnist

import (
	"fmt"
	"os"
)

// ReadImages reads and checks an idx images file, gzip-compressed or not.
// Errors name the file and what is wrong with it, for example
// "mnist: /x/train-images-idx3-ubyte.gz: truncated: want 47040000 pixel
// bytes, got 1000".
func ReadImages(path string) (*RawImages, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mnist: %w", err)
	}
	images, err := ParseImages(data)
	if err != nil {
		return nil, fmt.Errorf("mnist: %s: %w", path, err)
	}
	return images, nil
}

// ReadLabels reads and checks an idx labels file, gzip-compressed or not,
// and returns one class id (0 to 9) per image. Errors name the file and
// what is wrong with it.
func ReadLabels(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mnist: %w", err)
	}
	labels, err := ParseLabels(data)
	if err != nil {
		return nil, fmt.Errorf("mnist: %s: %w", path, err)
	}
	return labels, nil
}
