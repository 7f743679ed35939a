package eval

import (
	"go/ast"
	"go/scanner"
	"go/token"
)

// mainName is what func main of a pasted program is renamed to: a
// function named main would be run again by the interpreter after every
// later cell.
const mainName = "__gornnMain"

// stripPackageClause blanks a leading "package name" clause, so that a
// whole program pasted into a cell, or a Go file run by a front end, runs
// as a cell: its declarations are evaluated and its main function is
// called. Positions in errors stay those of the file. It reports whether
// there was a clause.
func stripPackageClause(code string) (string, bool) {
	start, end, ok := packageClause(code)
	if !ok {
		return code, false
	}
	b := []byte(code)
	for i := start; i < end; i++ {
		// The clause may span lines (a comment between the words): keep
		// them, and one space per byte keeps the columns.
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
	return string(b), true
}

// packageClause finds the byte range of "package NAME" at the start of
// code, after comments.
func packageClause(code string) (start, end int, ok bool) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(code))
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

// declaresMain reports whether the pieces declare func main.
func declaresMain(pieces []*piece) (*ast.FuncDecl, *piece) {
	for _, p := range pieces {
		if fd, ok := p.decl.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			return fd, p
		}
	}
	return nil, nil
}
