package eval

import (
	"context"
	"strings"
	"testing"
)

// TestCellNumbersInTracebacks names the frames of earlier cells by the
// front end's numbers for them, given with ExecuteCell, and falls back
// to the session's count of cells for Execute.
func TestCellNumbersInTracebacks(t *testing.T) {
	const declare = "func boom(xs []int) int {\n\treturn xs[3]\n}"
	tests := []struct {
		name    string
		numbers []int // of the cells before the failing one; -1: Execute
		declare int   // the cell that declares boom
		want    string
		notWant string
	}{
		{"the front end's number", []int{5}, 0, "\tIn [5]:2:2\treturn xs[3]", "In [1]"},
		{"a cell without a number", []int{0}, 0, "\tIn [ ]:2:2\treturn xs[3]", "In [1]"},
		{"a silent cell before does not shift the numbers", []int{0, 1}, 1, "\tIn [1]:2:2", "In [2]"},
		{"a silent cell after", []int{1, 0}, 0, "\tIn [1]:2:2", "In [ ]"},
		{"Execute uses the session's count", []int{-1, -1}, 1, "\tIn [2]:2:2", "In [ ]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			for i, n := range tt.numbers {
				code := "_ = 1"
				if i == tt.declare {
					code = declare
				}
				var r *Result
				if n < 0 {
					r = s.Execute(context.Background(), code)
				} else {
					r = s.ExecuteCell(context.Background(), code, CellOptions{Number: n})
				}
				if r.Err != nil {
					t.Fatalf("cell %d: %v", i, r.Err)
				}
			}
			r := s.ExecuteCell(context.Background(), "boom([]int{1})", CellOptions{Number: 9})
			if r.Err == nil {
				t.Fatal("no error")
			}
			tb := strings.Join(r.Err.Traceback, "\n")
			if !strings.Contains(tb, tt.want) || strings.Contains(tb, tt.notWant) {
				t.Fatalf("traceback\n%s\nwant %q and no %q", tb, tt.want, tt.notWant)
			}
			if !strings.Contains(tb, "\tcell:1:1\tboom([]int{1})") {
				t.Fatalf("traceback\n%s\ndoes not name the running cell cell:", tb)
			}
		})
	}
}
