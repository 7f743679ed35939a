package eval

import (
	"context"
	"fmt"
	"strconv"

	"github.com/gornn/gornn/kernel/gocheck"
)

// maxCheckErrors is how many of Go's errors a cell shows, as go build
// does.
const maxCheckErrors = 10

// checkCell type-checks a parsed cell before it runs, and imports the
// packages it uses without importing them. It returns Go's errors about
// the cell; when the checker cannot judge the cell, the interpreter does.
// A cell that passes also gets the type arguments of the generic
// functions it instantiates implicitly.
func (s *Session) checkCell(ctx context.Context, code string, pieces []*piece) ([]gocheck.Inferred, *Error) {
	if s.check == nil {
		s.check = gocheck.ForTables(s.exports)
	}
	parts := make([]gocheck.Part, 0, len(pieces))
	for _, p := range pieces {
		kind := gocheck.Stmt
		switch p.Kind {
		case chunkImport:
			kind = gocheck.Import
		case chunkDecl:
			kind = gocheck.Decl
		}
		if kind == gocheck.Stmt && code[p.Start:p.End] == mainName+"()" {
			continue // the call that runs a pasted program's main
		}
		parts = append(parts, gocheck.Part{Kind: kind, Start: p.Start, End: p.End})
	}
	res := s.check.Check(code, parts)
	s.cellTypes = cellTypes{types: res.Types, generic: res.Generic, consts: res.Consts, typeExprs: res.TypeExprs, undecided: res.Undecided}
	for _, imp := range res.Imports {
		if e := s.shadowedImport(imp.Name, imp.Path, code, 0, 0); e != nil {
			return nil, e
		}
		s.mu.Lock()
		have := s.imports[imp.Name] == imp.Path
		s.mu.Unlock()
		if have {
			// Imported by an earlier cell that the checker could not
			// follow: the interpreter has it already.
			continue
		}
		if err := s.beforeImport(imp.Path); err != nil {
			return nil, newError("InternalError", err.Error(), code, 0, 0)
		}
		if err := s.evalStoppable(ctx, "import "+strconv.Quote(imp.Path), interruptGrace); err != nil {
			return nil, newError("CompileError", fmt.Sprintf("import %q: %v", imp.Path, err), code, 0, 0)
		}
		s.mu.Lock()
		s.imports[imp.Name] = imp.Path
		s.mu.Unlock()
	}
	if len(res.Errors) == 0 {
		return res.Inferred, nil
	}
	first := res.Errors[0]
	e := newError("CompileError", first.Msg, code, first.Line, first.Column)
	for i, more := range res.Errors[1:] {
		if i == maxCheckErrors-1 {
			e.Traceback = append(e.Traceback, "too many errors")
			break
		}
		e.Traceback = append(e.Traceback, fmt.Sprintf("cell:%d:%d: %s", more.Line, more.Column, more.Msg))
	}
	return nil, e
}
