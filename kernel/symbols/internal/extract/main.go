// Command extract writes the symbol tables of one set of the packages
// listed by kernel/symbols/internal/preload, with yaegi's extractor, one
// file per package, named as `yaegi extract` names them.
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
	"path/filepath"
	"sort"
	"strings"

	"github.com/traefik/yaegi/extract"

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
		src, err := table(path, pkg)
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, preload.TableFile(path)), src, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// table returns the generated source of the symbol table of the package
// at path, as a file of package pkg.
func table(path, pkg string) ([]byte, error) {
	var b bytes.Buffer
	ext := extract.Extractor{Dest: pkg}
	if _, err := ext.Extract(path, "", &b); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b.Bytes(), nil
}
