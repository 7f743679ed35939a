package repl

import (
	"go/scanner"
	"go/token"
)

// asCell turns a Go file into a cell: a leading package clause, which the
// interpreter's cells do not have, is blanked out with spaces so that
// positions in errors stay those of the file. Code that is not a whole
// file (no package clause) is returned as it is.
func asCell(code string) string {
	start, end, ok := packageClause(code)
	if !ok {
		return code
	}
	blank := []byte(code[start:end])
	for i, b := range blank {
		// The clause may span lines (a comment between the words):
		// keep them, and one space per byte keeps the columns.
		if b != '\n' && b != '\r' {
			blank[i] = ' '
		}
	}
	return code[:start] + string(blank) + code[end:]
}

// packageClause finds the byte range of "package NAME" at the start of
// code, after comments.
func packageClause(code string) (start, end int, ok bool) {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var s scanner.Scanner
	s.Init(file, []byte(code), nil, 0)
	pos, tok, _ := s.Scan()
	if tok != token.PACKAGE {
		return 0, 0, false
	}
	namePos, tok, name := s.Scan()
	if tok != token.IDENT {
		return 0, 0, false
	}
	return file.Offset(pos), file.Offset(namePos) + len(name), true
}
