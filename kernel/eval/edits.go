package eval

import (
	"sort"
	"strings"
)

// edit replaces the bytes [Off, End) of a cell's text with Text; Off ==
// End inserts. Rewrites are expressed as edits on the original text, so
// that every untouched byte keeps a known position and errors can be
// mapped back to the cell's own lines and columns.
type edit struct {
	Off, End int
	Text     string
	// wraps, for the opening text of a wrapping inserted at Off, is
	// the end of the text it wraps: of two wrappings that open at one
	// offset, the one that wraps more goes outside.
	wraps int
	// rank orders insertions at one offset that different rewrites
	// make, where wraps does not: a function's entry (rankEntry) before
	// the site of its first statement (rankSite) before the rewrites of
	// that statement's expressions (0), which would otherwise wrap the
	// statements put before them; rankInner after those, for the call of
	// a function that stands in for an expression whose operand another
	// rewrite may wrap as a whole (assertrewrite.go).
	rank int
}

// Ranks of insertions at one offset; see edit.rank.
const (
	rankEntry = -2
	rankSite  = -1
	rankInner = 1
	// rankClose is the closing of a wrapping of a whole statement
	// (wrapCompound), after those of rewrites inside it.
	rankClose = 2
)

// wrapEdits returns the edits that put before and after around the
// bytes [off, end) of a cell.
func wrapEdits(off, end int, before, after string, rank int) []edit {
	return []edit{{Off: off, End: off, Text: before, wraps: end, rank: rank}, {Off: end, End: end, Text: after}}
}

// rewritten is a cell's text after edits, with the edits kept to map
// offsets between the two texts.
type rewritten struct {
	Text  string
	edits []edit // sorted, non-overlapping
}

// applyEdits applies non-overlapping edits to src. Edits at the same
// offset keep the order in which they were made, insertions first.
func applyEdits(src string, edits []edit) rewritten {
	sorted := append([]edit(nil), edits...)
	sort.SliceStable(sorted, func(a, b int) bool {
		if sorted[a].Off != sorted[b].Off {
			return sorted[a].Off < sorted[b].Off
		}
		if la, lb := sorted[a].End-sorted[a].Off, sorted[b].End-sorted[b].Off; la != lb {
			return la < lb
		}
		if wa, wb := sorted[a].wraps, sorted[b].wraps; wa > 0 && wb > 0 && wa != wb {
			return wa > wb
		}
		return sorted[a].rank < sorted[b].rank
	})
	var b strings.Builder
	last := 0
	kept := sorted[:0]
	for _, e := range sorted {
		if e.Off < last { // overlapping edit: drop it rather than corrupt the text
			continue
		}
		b.WriteString(src[last:e.Off])
		b.WriteString(e.Text)
		last = e.End
		kept = append(kept, e)
	}
	b.WriteString(src[last:])
	return rewritten{Text: b.String(), edits: kept}
}

// toNewLeft maps an offset of the original text to the rewritten text,
// before any insertion made at that offset (the start of a range).
func (r rewritten) toNewLeft(off int) int {
	delta := 0
	for _, e := range r.edits {
		if e.End > off || (e.Off == off && e.End == off) {
			break
		}
		delta += len(e.Text) - (e.End - e.Off)
	}
	return off + delta
}

// toNewRight maps an offset of the original text to the rewritten text,
// after any insertion made at that offset (the end of a range).
func (r rewritten) toNewRight(off int) int {
	delta := 0
	for _, e := range r.edits {
		if e.End > off {
			break
		}
		delta += len(e.Text) - (e.End - e.Off)
	}
	return off + delta
}

// toOld maps an offset of the rewritten text back to the original text.
// An offset inside inserted text maps to where the insertion was made.
func (r rewritten) toOld(off int) int {
	delta := 0
	for _, e := range r.edits {
		start := e.Off + delta
		if off < start {
			break
		}
		if off < start+len(e.Text) {
			return e.Off
		}
		delta += len(e.Text) - (e.End - e.Off)
	}
	return off - delta
}

// lineCol converts a byte offset of text to a 1-based line and column
// (columns count bytes, as Go's tools do).
func lineCol(text string, off int) (line, col int) {
	if off > len(text) {
		off = len(text)
	}
	if off < 0 {
		off = 0
	}
	line = 1 + strings.Count(text[:off], "\n")
	col = off - (strings.LastIndexByte(text[:off], '\n') + 1) + 1
	return line, col
}

// offsetOf converts a 1-based line and column of text to a byte offset,
// clamped to the text.
func offsetOf(text string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	off += col - 1
	if off > len(text) {
		off = len(text)
	}
	if off < 0 {
		off = 0
	}
	return off
}

// blankOutside returns text with every byte outside the ranges replaced
// by a space, newlines kept, so that the kept code stays at the same
// lines and columns.
func blankOutside(text string, ranges [][2]int) string {
	b := []byte(text)
	keep := make([]bool, len(b))
	for _, r := range ranges {
		for i := r[0]; i < r[1] && i < len(b); i++ {
			keep[i] = true
		}
	}
	for i := range b {
		if !keep[i] && b[i] != '\n' {
			b[i] = ' '
		}
	}
	return string(b)
}
