package repl

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gornn/gornn/display"
)

// imageFiles names and writes image files in one folder, created when the
// first image arrives.
type imageFiles struct {
	dir    string
	counts map[string]int // prefix -> images written under it
}

// imageKinds are the image types written to files, best first, with the
// extension of their files.
var imageKinds = []struct{ mime, ext string }{
	{display.MIMEPNG, ".png"},
	{display.MIMEJPEG, ".jpg"},
	{display.MIMESVG, ".svg"},
}

// write saves the best image in data under a name starting with prefix and
// returns its path; ok is false when data holds no image.
func (f *imageFiles) write(prefix string, data map[string]any) (path string, ok bool, err error) {
	for _, k := range imageKinds {
		v, present := data[k.mime]
		if !present {
			continue
		}
		s, isString := v.(string)
		if !isString {
			return "", true, fmt.Errorf("%s output is a %T, not a string", k.mime, v)
		}
		content := []byte(s)
		if k.mime != display.MIMESVG {
			content, err = base64.StdEncoding.DecodeString(strings.TrimSpace(s))
			if err != nil {
				return "", true, fmt.Errorf("%s output is not base64: %w", k.mime, err)
			}
		}
		if err := os.MkdirAll(f.dir, 0o755); err != nil {
			return "", true, fmt.Errorf("creating the output folder: %w", err)
		}
		if f.counts == nil {
			f.counts = map[string]int{}
		}
		f.counts[prefix]++
		path = filepath.Join(f.dir, fmt.Sprintf("%s-%d%s", prefix, f.counts[prefix], k.ext))
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return "", true, fmt.Errorf("writing an image: %w", err)
		}
		return path, true, nil
	}
	return "", false, nil
}
