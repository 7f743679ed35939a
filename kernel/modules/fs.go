package modules

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// FS returns the file system through which the interpreter reads the
// source of imported packages: it looks for a package's files in
// gopath/src/<import path>, so FS maps that directory of every package
// Load resolved to the package's directory in the module cache. Every
// other path is read from the operating system, as the interpreter does
// by default.
func (w *Workspace) FS(gopath string) fs.FS {
	return &sourceFS{w: w, root: filepath.Join(gopath, "src") + string(filepath.Separator)}
}

type sourceFS struct {
	w    *Workspace
	root string
}

// Open implements fs.FS with the interpreter's own path convention
// (absolute operating-system paths), which fs.ValidPath would refuse.
func (s *sourceFS) Open(name string) (fs.File, error) {
	return os.Open(s.resolve(name))
}

// ReadDir implements fs.ReadDirFS.
func (s *sourceFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return os.ReadDir(s.resolve(name))
}

// Stat implements fs.StatFS.
func (s *sourceFS) Stat(name string) (fs.FileInfo, error) {
	return os.Stat(s.resolve(name))
}

// resolve maps a path under the interpreter's GOPATH to the module cache.
func (s *sourceFS) resolve(name string) string {
	rel, ok := strings.CutPrefix(filepath.Clean(name), s.root)
	if !ok {
		return name
	}
	pkg, file := filepath.ToSlash(rel), ""
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	for {
		if dir, ok := s.w.dirs[pkg]; ok {
			return filepath.Join(dir, file)
		}
		i := strings.LastIndexByte(pkg, '/')
		if i < 0 {
			return name
		}
		pkg, file = pkg[:i], filepath.Join(pkg[i+1:], file)
	}
}
