package eval

import "github.com/gornn/gornn/kernel/gocheck"

// instantiationEdits writes out the type arguments go/types inferred for
// the generic functions a cell calls without them (see gocheck.Inferred):
// the interpreter infers only those it can read off an argument's type,
// and fails on the rest ("undefined type for U"); the missing ones of a
// partial instantiation (slices.Concat[[]int]) crash its compiler, and
// are written out too. An instantiation whose
// type arguments name a package the session has not imported under that
// name is left to the interpreter.
func (s *Session) instantiationEdits(inferred []gocheck.Inferred) []edit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var edits []edit
	for _, in := range inferred {
		ok := true
		for path, name := range in.Packages {
			if s.imports[name] != path {
				ok = false
				break
			}
		}
		switch {
		case !ok:
		case in.Rest:
			edits = append(edits, edit{Off: in.Offset, End: in.Offset, Text: ", " + in.TypeArgs})
		default:
			edits = append(edits, edit{Off: in.Offset, End: in.Offset, Text: "[" + in.TypeArgs + "]"})
		}
	}
	return edits
}
