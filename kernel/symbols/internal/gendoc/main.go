// Command gendoc writes docs_gen.go, the documentation table of the
// packages cells can import (see kernel/symbols/internal/docgen), for the
// packages kernel/symbols/internal/preload lists.
//
// Usage (from kernel/symbols, through go generate):
//
//	go run ./internal/gendoc -o docs_gen.go
package main

import (
	"flag"
	"log"
	"os"

	"github.com/gornn/gornn/kernel/symbols/internal/docgen"
	"github.com/gornn/gornn/kernel/symbols/internal/preload"
)

func main() {
	log.SetFlags(0)
	out := flag.String("o", "docs_gen.go", "output file")
	flag.Parse()
	src, err := docgen.Generate(preload.Documented())
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}
