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
// whole program pasted into a cell runs: its declarations are evaluated
// and its main function is called. It reports whether there was one.
func stripPackageClause(code string) (string, bool) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(code))
	var s scanner.Scanner
	s.Init(file, []byte(code), nil, 0)
	pos, tok, _ := s.Scan()
	if tok != token.PACKAGE {
		return code, false
	}
	namePos, name, lit := s.Scan()
	if name != token.IDENT {
		return code, false
	}
	start, end := file.Offset(pos), file.Offset(namePos)+len(lit)
	b := []byte(code)
	for i := start; i < end; i++ {
		b[i] = ' '
	}
	return string(b), true
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
