// Package gocheck type-checks notebook cells with go/types before the
// interpreter runs them, so that a cell's mistakes are reported in Go's own
// words (`undefined: time`, `assignment mismatch: 1 variable but
// strconv.Atoi returns 2 values`) at the cell's own line and column, and so
// that what the interpreter would wrongly accept is refused.
//
// A Checker keeps one package, "main", that grows with every cell it
// accepts: declarations, the variables and constants a cell's statements
// define at top level, and imports. Packages come from an importer;
// TableImporter builds them from the interpreter's symbol tables by
// reflection, so that cells are checked against exactly what the kernel
// can load, with no Go toolchain or sources at run time. Symbol tables
// cannot describe generic functions, so the generic standard packages
// (slices, maps, cmp, iter) come from the Go installation's sources when it
// has them, signatures only: about 75 ms once per process, where the
// "source" importer of go/importer takes seconds (it checks runtime for
// iter) and export data needs the go command and a build cache.
//
// Notebooks redefine names and split a type from its methods, which Go
// files never do: a name a cell declares again replaces the earlier one, a
// type declared again the same way keeps its identity (as it does in the
// interpreter), and a method declared in a later cell is built from its
// checked signature and added to its type.
//
// The Checker never blocks a cell it cannot judge: a cell that uses
// something it does not model (a method added to a generic type of an
// earlier cell, a generic function that a symbol table lacks, a name from
// such a cell) is Undecided, and the interpreter's own verdict stands.
package gocheck
