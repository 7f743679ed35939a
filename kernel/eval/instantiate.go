package eval

import (
	"fmt"
	"strings"

	"github.com/gornn/gornn/kernel/gocheck"
)

// instantiationEdits writes out the type arguments go/types inferred for
// the generic functions a cell calls without them (see gocheck.Inferred):
// the interpreter infers only those it can read off an argument's type,
// and fails on the rest ("undefined type for U"); the missing ones of a
// partial instantiation (slices.Concat[[]int]) crash its compiler, and
// are written out too. An instantiation whose
// type arguments name a package the session has not imported under that
// name is left to the interpreter.
func (s *Session) instantiationEdits(pieces []*piece, inferred []gocheck.Inferred) []edit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var edits []edit
	first, defs := map[string]*piece{}, map[string]string{}
	suffix := fmt.Sprintf("_%d", s.cells)
	for _, in := range inferred {
		ok := true
		for path, name := range in.Packages {
			if s.imports[name] != path {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		// The aliases' names get the cell's number: the statements of a
		// cell share a block, and the names of earlier cells stay.
		args := in.TypeArgs
		for name := range in.Aliases {
			args = strings.ReplaceAll(args, name, name+suffix)
		}
		if in.Rest {
			edits = append(edits, edit{Off: in.Offset, End: in.Offset, Text: ", " + args})
		} else {
			edits = append(edits, edit{Off: in.Offset, End: in.Offset, Text: "[" + args + "]"})
		}
		// An alias goes at the start of the first piece that uses it,
		// at package level or among the cell's statements, which the
		// interpreter runs at package level too.
		for _, p := range pieces {
			if in.Offset < p.Start || in.Offset > p.End {
				continue
			}
			for name, def := range in.Aliases {
				if at, ok := first[name]; !ok || p.Start < at.Start {
					first[name] = p
					defs[name] = def
				}
			}
		}
	}
	for name, p := range first {
		edits = append(edits, edit{Off: p.Start, End: p.Start, Text: "type " + name + suffix + " = " + defs[name] + "; ", rank: rankEntry})
	}
	return edits
}
