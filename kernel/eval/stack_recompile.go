package eval

import "go/token"

// withRewrites returns the declarations in src, text as a cell gave it,
// with the rewrites a cell gets. Functions compiled again after a
// redefinition are compiled from the text their cell gave: without the
// rewrites, they would lose the stack check (and runaway recursion
// through them would end the process), the Go 1.22 forms the
// interpreter lacks, and the recovery of their goroutines' panics.
// Text that does not parse is returned as it is, for the interpreter to
// report.
func (s *Session) withRewrites(src string) string {
	pieces, err := parseCell(token.NewFileSet(), src)
	if err != nil {
		return src
	}
	return applyEdits(src, rewriteCell(src, pieces, s)).Text
}
