// Package symtable writes the symbol table of a Go package as yaegi's
// extractor writes it: a Go file whose init adds to a variable Symbols,
// of type map[string]map[string]reflect.Value, the entry "path/name" that
// maps each exported name of the package to its reflect.Value. The
// symbol tables preloaded into the kernel (kernel/symbols) and the
// compiled plugins of fetched modules (kernel/modules) are both written
// by Table.
package symtable

import (
	"bytes"
	"fmt"
	"go/build"
	"sync"

	"github.com/traefik/yaegi/extract"
)

// dirMu serializes the tables written for a directory other than the
// process's working directory: the extractor finds packages through
// build.Default, whose Dir is the only way to point it elsewhere.
var dirMu sync.Mutex

// Table returns the source of the symbol table of the package at path,
// as a file of package pkg, without the names that exclude's regular
// expressions match. The package is found as the go command finds it in
// dir (the process's working directory when dir is ""), with the
// process's environment.
func Table(dir, path, pkg string, exclude []string) ([]byte, error) {
	if dir != "" {
		dirMu.Lock()
		defer dirMu.Unlock()
		old := build.Default.Dir
		build.Default.Dir = dir
		defer func() { build.Default.Dir = old }()
	}
	var b bytes.Buffer
	ext := extract.Extractor{Dest: pkg, Exclude: exclude}
	if _, err := ext.Extract(path, "", &b); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b.Bytes(), nil
}
