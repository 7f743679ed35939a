package modules

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// RecordDir is the folder, beside a notebook, that holds the go.mod and
// go.sum of the modules its cells use.
const RecordDir = ".gornn"

// recordModule is the module path of the record's go.mod. It is never
// built or published; it only names the requirements.
const recordModule = "gornn.local/notebook"

// Workspace is the record of one notebook directory: a go.mod in Dir
// whose requirements are the modules cells imported, at the versions
// they got.
type Workspace struct {
	// Dir holds go.mod and go.sum.
	Dir string
	// GoCmd is the go command to run; "go" finds it on PATH.
	GoCmd string
	// Env is added to the process's environment for the go command, so
	// that a caller (or a test) can set GOPROXY, GOFLAGS and friends.
	Env []string
	// Progress, if set, is told when a plugin is being built, which
	// takes a minute or more when the build cache is cold.
	Progress io.Writer

	mu   sync.Mutex
	dirs map[string]string // import path -> its source directory
}

// New returns the workspace recorded in dir. Nothing is written until a
// module is fetched: a notebook that imports none leaves no record.
func New(dir string) *Workspace {
	return &Workspace{Dir: dir, GoCmd: "go", dirs: map[string]string{}}
}

// Open returns the workspace recorded in dir, creating its go.mod if
// there is none yet.
func Open(dir string) (*Workspace, error) {
	w := New(dir)
	if err := w.ensureRecord(); err != nil {
		return nil, err
	}
	return w, nil
}

// ensureRecord creates dir and its go.mod if they are missing.
func (w *Workspace) ensureRecord() error {
	if err := os.MkdirAll(w.Dir, 0o755); err != nil {
		return fmt.Errorf("modules: %w", err)
	}
	gomod := filepath.Join(w.Dir, "go.mod")
	if _, err := os.Stat(gomod); errors.Is(err, os.ErrNotExist) {
		text := "// The modules that this directory's notebooks import, kept by gornn.\n" +
			"module " + recordModule + "\n"
		if err := os.WriteFile(gomod, []byte(text), 0o644); err != nil {
			return fmt.Errorf("modules: %w", err)
		}
	} else if err != nil {
		return fmt.Errorf("modules: %w", err)
	}
	return nil
}

// Get adds or changes a requirement, as `go get spec` does in a module:
// spec is a module or package path with an optional @version
// ("github.com/google/uuid@v1.6.0", "example.com/m@latest"). It returns
// what the go command reported (the modules added, upgraded or
// downgraded). Packages loaded before keep the version they were loaded
// with until the session restarts.
func (w *Workspace) Get(ctx context.Context, spec string) (string, error) {
	if spec == "" || strings.HasPrefix(spec, "-") {
		return "", fmt.Errorf("modules: %q is not a module path (as in example.com/m@v1.2.3)", spec)
	}
	out, err := w.goCmd(ctx, "get", spec)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Load resolves the package importPath and every package it imports,
// fetching what is missing (a package of a module not yet required gets
// its module added at the latest version, as `go get` picks it). After
// Load, FS serves their source. It fails with a clear error for a
// package that does not exist, or that needs cgo.
func (w *Workspace) Load(ctx context.Context, importPath string) error {
	pkgs, err := w.resolve(ctx, importPath)
	if err != nil {
		return err
	}
	return w.serve(importPath, pkgs, "")
}

// resolve lists importPath and its dependencies in the record, adding
// the module that provides it when the record lacks one.
func (w *Workspace) resolve(ctx context.Context, importPath string) ([]listedPackage, error) {
	pkgs, err := w.list(ctx, importPath)
	if err != nil && isMissing(err) {
		if _, gerr := w.goCmd(ctx, "get", importPath); gerr != nil {
			return nil, gerr
		}
		pkgs, err = w.list(ctx, importPath)
	}
	return pkgs, err
}

// serve makes FS serve the source of pkgs, or fails with a CgoError if
// one of them needs cgo; noPlugin says why the package is not compiled.
func (w *Workspace) serve(importPath string, pkgs []listedPackage, noPlugin string) error {
	for _, p := range pkgs {
		if !p.Standard && len(p.CgoFiles) > 0 {
			return &CgoError{Package: p.ImportPath, Import: importPath, NoPlugin: noPlugin}
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, p := range pkgs {
		if !p.Standard {
			w.dirs[p.ImportPath] = p.Dir
		}
	}
	return nil
}

// CgoError says that a package cannot be loaded because it needs cgo.
type CgoError struct {
	// Package uses cgo; Import is the package the cell imported, which
	// needs it.
	Package, Import string
	// NoPlugin says why the package was not compiled as a plugin, which
	// could have run it; "" when that was not tried.
	NoPlugin string
}

func (e *CgoError) Error() string {
	msg := fmt.Sprintf("package %s uses cgo (import \"C\"), which the interpreter cannot run", e.Package)
	if e.Package != e.Import {
		msg = fmt.Sprintf("package %s imports %s, which uses cgo (import \"C\"), which the interpreter cannot run", e.Import, e.Package)
	}
	if e.NoPlugin != "" {
		msg += "; and it could not be compiled as a plugin: " + e.NoPlugin
	}
	return msg
}

// listedPackage is the part of `go list -json` that Load reads.
type listedPackage struct {
	ImportPath string
	Dir        string
	Standard   bool
	CgoFiles   []string
	Module     *struct{ Path, Version string }
	Error      *struct{ Err string }
}

// list runs `go list -deps` on importPath in the record.
func (w *Workspace) list(ctx context.Context, importPath string) ([]listedPackage, error) {
	return w.listIn(ctx, w.Dir, nil, importPath)
}

// listIn runs `go list -deps` on importPath in the module in dir, with
// env added to the go command's environment.
func (w *Workspace) listIn(ctx context.Context, dir string, env []string, importPath string) ([]listedPackage, error) {
	out, err := w.goCmdIn(ctx, dir, env, "list", "-e", "-deps", "-json=ImportPath,Dir,Standard,CgoFiles,Module,Error", importPath)
	if err != nil {
		return nil, err
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("modules: reading go list's output: %w", err)
		}
		if p.Error != nil {
			return nil, &GoError{Args: "list " + importPath, Output: p.Error.Err}
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// isMissing reports whether err says that no required module provides
// the package, the case `go get` fixes.
func isMissing(err error) bool {
	var g *GoError
	return errors.As(err, &g) && strings.Contains(g.Output, "no required module provides package")
}

// GoError is a failure of the go command, with what it printed.
type GoError struct {
	Args   string
	Output string
}

func (e *GoError) Error() string {
	return "go " + e.Args + ": " + strings.TrimSpace(e.Output)
}

// goCmd runs the go command in the workspace and returns its standard
// output, or a GoError with its standard error.
func (w *Workspace) goCmd(ctx context.Context, args ...string) ([]byte, error) {
	return w.goCmdIn(ctx, w.Dir, nil, args...)
}

// goCmdIn runs the go command in dir, a module of the record's (itself
// or a plugin's build directory), with env added to its environment
// after Env.
func (w *Workspace) goCmdIn(ctx context.Context, dir string, env []string, args ...string) ([]byte, error) {
	goCmd := w.GoCmd
	if goCmd == "" {
		goCmd = "go"
	}
	path, err := exec.LookPath(goCmd)
	if err != nil {
		return nil, fmt.Errorf("modules: the go command is needed to fetch modules and was not found (%v); install Go or put it on PATH", err)
	}
	if err := w.ensureRecord(); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Dir = dir
	// The record is a module of its own, whatever workspace or vendor
	// directory the notebook sits in; -mod=mod lets go get and go list
	// update go.mod and go.sum.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod "+os.Getenv("GOFLAGS"))
	cmd.Env = append(cmd.Env, w.Env...)
	cmd.Env = append(cmd.Env, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		msg := stderr.String()
		if msg == "" {
			msg = err.Error()
		}
		return nil, &GoError{Args: strings.Join(args, " "), Output: msg}
	}
	if args[0] == "get" {
		// go get reports what it changed on standard error.
		out = append(out, stderr.Bytes()...)
	}
	return out, nil
}
