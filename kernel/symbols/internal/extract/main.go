// Command extract writes the symbol tables of one set of the packages
// listed by kernel/symbols/internal/preload, with yaegi's extractor, one
// file per package, named as `yaegi extract` names them.
//
// The stdlib set also brings yaegi's tables of the standard library, which
// were extracted from Go 1.22, up to the Go version that runs extract: for
// each package yaegi provides, it writes a table of the exported names
// yaegi's lacks (none of yaegi's own entries, restricted ones such as
// os.Exit included, is replaced). A package of `go list std` that neither
// yaegi nor preload.Stdlib provides, and that preload.Unavailable does not
// list, stops it.
//
// Usage (from kernel/symbols, through go generate):
//
//	go run ./internal/extract [-o dir] own|thirdparty|stdlib
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/traefik/yaegi/stdlib"

	"github.com/gornn/gornn/kernel/internal/symtable"
	"github.com/gornn/gornn/kernel/symbols/internal/preload"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("extract: ")
	out := flag.String("o", "", "the folder to write the tables into (default: the set's own, see preload.Folder)")
	flag.Parse()
	if flag.NArg() != 1 || preload.Sets[flag.Arg(0)] == nil {
		names := make([]string, 0, len(preload.Sets))
		for n := range preload.Sets {
			names = append(names, n)
		}
		sort.Strings(names)
		log.Fatalf("usage: extract [-o dir] %s", strings.Join(names, "|"))
	}
	set := flag.Arg(0)
	dir, pkg := preload.Folder(set)
	if *out != "" {
		dir = *out
	}
	for _, path := range preload.Sets[set] {
		src, err := table(path, pkg, nil)
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, preload.TableFile(path)), src, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	if set == "stdlib" {
		if err := newerNames(dir, pkg); err != nil {
			log.Fatal(err)
		}
	}
}

// table returns the generated source of the symbol table of the package
// at path, as a file of package pkg, without the names exclude matches.
func table(path, pkg string, exclude []string) ([]byte, error) {
	return symtable.Table("", path, pkg, exclude)
}

// newerNames writes, for each standard-library package yaegi provides, the
// table of the names yaegi's table lacks, and removes the file of a
// package that has none.
func newerNames(dir, pkg string) error {
	out, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		return fmt.Errorf("go list std: %w", err)
	}
	for _, path := range strings.Fields(string(out)) {
		if strings.Contains(path, "internal") || strings.HasPrefix(path, "vendor/") ||
			slices.Contains(preload.Unavailable, path) || slices.Contains(preload.Stdlib, path) {
			continue
		}
		yaegis := yaegiTable(path)
		if yaegis == nil {
			return fmt.Errorf("%s has no table: list it in preload.Stdlib, or in preload.Unavailable and say why in kernel/symbols/doc.go", path)
		}
		if path == "syscall" || path == "unsafe" {
			// Restricted on purpose (yaegi leaves out Exec, Kill, ...)
			// or built into the interpreter.
			continue
		}
		have := make([]string, 0, len(yaegis))
		for name := range yaegis {
			have = append(have, regexp.QuoteMeta(name))
		}
		sort.Strings(have)
		src, err := table(path, pkg, []string{"^(" + strings.Join(have, "|") + ")$"})
		if err != nil {
			return err
		}
		file := filepath.Join(dir, preload.TableFile(path))
		if bytes.Contains(src, []byte("= map[string]reflect.Value{}\n")) {
			if err := os.Remove(file); err != nil && !os.IsNotExist(err) {
				return err
			}
			continue
		}
		if err := os.WriteFile(file, src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// yaegiTable returns yaegi's table of the package at path, nil if it has
// none. The syscall and unsafe tables live in packages of their own.
func yaegiTable(path string) map[string]struct{} {
	switch path {
	case "syscall", "unsafe":
		return map[string]struct{}{}
	}
	for key, table := range stdlib.Symbols {
		if strings.HasPrefix(key, path+"/") && !strings.Contains(key[len(path)+1:], "/") {
			names := map[string]struct{}{}
			for name := range table {
				names[name] = struct{}{}
			}
			return names
		}
	}
	return nil
}
