package display

import (
	"fmt"
	"html"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Limits of the HTML table of a matrix: beyond them the middle rows or
// columns are replaced by an ellipsis.
const (
	maxTableRows = 20
	maxTableCols = 12
)

// MatrixHTML returns an HTML table of m headed by its shape. Matrices
// larger than 20 rows or 12 columns show their first and last rows and
// columns with an ellipsis row or column between them.
func MatrixHTML(m mat.Matrix) string {
	r, c := m.Dims()
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="gornn-matrix"><div style="font-family:monospace;color:#555">%s %d&times;%d</div>`,
		html.EscapeString(fmt.Sprintf("%T", m)), r, c)
	rows := shownIndices(r, maxTableRows)
	cols := shownIndices(c, maxTableCols)
	b.WriteString(`<table style="font-family:monospace;text-align:right;border-collapse:separate;border-spacing:0.9em 0.1em"><thead><tr><th></th>`)
	for _, j := range cols {
		if j < 0 {
			b.WriteString("<th>&hellip;</th>")
			continue
		}
		fmt.Fprintf(&b, "<th>%d</th>", j)
	}
	b.WriteString("</tr></thead><tbody>")
	for _, i := range rows {
		b.WriteString("<tr>")
		if i < 0 {
			b.WriteString("<th>&vellip;</th>")
			for range cols {
				b.WriteString("<td>&vellip;</td>")
			}
			b.WriteString("</tr>")
			continue
		}
		fmt.Fprintf(&b, "<th>%d</th>", i)
		for _, j := range cols {
			if j < 0 {
				b.WriteString("<td>&hellip;</td>")
				continue
			}
			fmt.Fprintf(&b, "<td>%.6g</td>", m.At(i, j))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table></div>")
	return b.String()
}

// shownIndices lists the indices 0..n-1 to show when at most limit fit:
// all of them, or the first and last halves with -1 marking the gap.
func shownIndices(n, limit int) []int {
	if n <= limit {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	head := limit / 2
	tail := limit - head
	idx := make([]int, 0, limit+1)
	for i := 0; i < head; i++ {
		idx = append(idx, i)
	}
	idx = append(idx, -1)
	for i := n - tail; i < n; i++ {
		idx = append(idx, i)
	}
	return idx
}
