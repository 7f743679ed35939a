package rnn

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Limits of Tensor.HTML: larger tensors show their first and last rows,
// columns and matrices around an ellipsis.
const (
	htmlMaxRows   = 16
	htmlMaxCols   = 12
	htmlMaxSlices = 3
)

// HTML returns the tensor as an HTML table for notebooks: a heading with
// the shape and the minimum, maximum and mean, then the values. A 1-D
// tensor is one row; a 2-D tensor a table of at most 16 rows and 12
// columns, with an ellipsis row or column standing for the hidden middle;
// higher ranks show their leading 2-D matrices one after another (at most
// three: the first two and the last), each titled with its index.
func (t *Tensor) HTML() string {
	var b strings.Builder
	b.WriteString(`<div class="gornn-tensor" style="font-family:monospace">`)
	if t == nil {
		b.WriteString("nil *rnn.Tensor</div>")
		return b.String()
	}
	if t.lazy != nil {
		// The summary reads every value: convert them, without keeping them.
		t = &Tensor{shape: t.shape, data: t.values()}
	}
	fmt.Fprintf(&b, `<div style="color:#555">Tensor shape %s, float32%s</div>`, html.EscapeString(htmlShape(t.shape)), htmlSummary(t.data))
	switch {
	case len(t.data) == 0:
		b.WriteString("<div>(no values)</div>")
	case len(t.shape) == 0:
		fmt.Fprintf(&b, "<div>%s</div>", htmlNumber(t.data[0]))
	case len(t.shape) == 1:
		htmlTable(&b, t.data, 1, t.shape[0], false)
	case len(t.shape) == 2:
		htmlTable(&b, t.data, t.shape[0], t.shape[1], true)
	default:
		htmlSlices(&b, t)
	}
	b.WriteString("</div>")
	return b.String()
}

// htmlSlices writes a tensor of rank 3 or more as its 2-D matrices.
func htmlSlices(b *strings.Builder, t *Tensor) {
	rank := len(t.shape)
	rows, cols := t.shape[rank-2], t.shape[rank-1]
	count := len(t.data) / (rows * cols)
	for _, k := range htmlShownIndices(count, htmlMaxSlices) {
		if k < 0 {
			hidden, noun := count-htmlMaxSlices, "matrices"
			if hidden == 1 {
				noun = "matrix"
			}
			fmt.Fprintf(b, `<div style="margin:0.3em 0">&vellip; %d more %s</div>`, hidden, noun)
			continue
		}
		idx := make([]string, rank)
		rest := k
		for d := rank - 3; d >= 0; d-- {
			idx[d] = fmt.Sprint(rest % t.shape[d])
			rest /= t.shape[d]
		}
		idx[rank-2], idx[rank-1] = ":", ":"
		fmt.Fprintf(b, `<div style="margin-top:0.4em">[%s]</div>`, strings.Join(idx, ", "))
		htmlTable(b, t.data[k*rows*cols:(k+1)*rows*cols], rows, cols, true)
	}
}

// htmlTable writes a rows x cols block of values in row-major order as a
// table with row and column numbers, eliding the middle of large blocks.
func htmlTable(b *strings.Builder, data []float32, rows, cols int, rowNumbers bool) {
	rs := htmlShownIndices(rows, htmlMaxRows)
	cs := htmlShownIndices(cols, htmlMaxCols)
	b.WriteString(`<table style="font-family:monospace;text-align:right;border-collapse:separate;border-spacing:0.9em 0.1em"><thead><tr>`)
	if rowNumbers {
		b.WriteString("<th></th>")
	}
	for _, j := range cs {
		if j < 0 {
			b.WriteString("<th>&hellip;</th>")
		} else {
			fmt.Fprintf(b, "<th>%d</th>", j)
		}
	}
	b.WriteString("</tr></thead><tbody>")
	for _, i := range rs {
		b.WriteString("<tr>")
		if i < 0 {
			if rowNumbers {
				b.WriteString("<th>&vellip;</th>")
			}
			for range cs {
				b.WriteString("<td>&vellip;</td>")
			}
			b.WriteString("</tr>")
			continue
		}
		if rowNumbers {
			fmt.Fprintf(b, "<th>%d</th>", i)
		}
		for _, j := range cs {
			if j < 0 {
				b.WriteString("<td>&hellip;</td>")
			} else {
				fmt.Fprintf(b, "<td>%s</td>", htmlNumber(data[i*cols+j]))
			}
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
}

// htmlShownIndices lists the indices 0..n-1 to show when at most limit
// fit: all of them, or the first and last ones with -1 marking the gap.
func htmlShownIndices(n, limit int) []int {
	var idx []int
	if n <= limit {
		for i := 0; i < n; i++ {
			idx = append(idx, i)
		}
		return idx
	}
	head := (limit + 1) / 2
	for i := 0; i < head; i++ {
		idx = append(idx, i)
	}
	idx = append(idx, -1)
	for i := n - (limit - head); i < n; i++ {
		idx = append(idx, i)
	}
	return idx
}

// htmlShape formats a shape as [2, 3].
func htmlShape(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = fmt.Sprint(d)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// htmlSummary gives the range and mean of the finite values, and how many
// are NaN or infinite, as a suffix for the heading.
func htmlSummary(data []float32) string {
	// Plain float32 comparisons keep this pass cheap on a whole data set
	// (tens of millions of values).
	lo, hi := float32(math.MaxFloat32), float32(-math.MaxFloat32)
	sum := 0.0
	finite, bad := 0, 0
	for _, v := range data {
		if v != v || v > math.MaxFloat32 || v < -math.MaxFloat32 { // NaN or ±Inf
			bad++
			continue
		}
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
		sum += float64(v)
		finite++
	}
	var s string
	if finite > 0 {
		s = fmt.Sprintf(", min %.4g, max %.4g, mean %.4g", lo, hi, sum/float64(finite))
	}
	if bad > 0 {
		s += fmt.Sprintf(`, <span style="color:#d62728">%d NaN or infinite</span>`, bad)
	}
	return s
}

// htmlNumber formats one value with four significant digits.
func htmlNumber(v float32) string {
	return fmt.Sprintf("%.4g", v)
}
