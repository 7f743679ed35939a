package eval

import (
	"context"
	"testing"
	"time"
)

// TestGoStatements checks goroutines started by go statements of cells:
// of a function an earlier cell declared, in a loop whose iterations
// each pass their own values, and of a function literal. Each case
// collects what its goroutines sent; a goroutine that called a nil
// function or read another iteration's values would change the total.
func TestGoStatements(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"function of an earlier cell", []string{
			"func send(xs []int, out chan int) { out <- len(xs) }",
			"out := make(chan int)\ngo send([]int{1, 2, 3}, out)\n<-out",
		}, "3"},
		{"function of an earlier cell, in a loop", []string{
			"func square(n int, out chan int) { out <- n * n }",
			"out := make(chan int)\nfor i := 1; i <= 40; i++ { go square(i, out) }\nsum := 0\nfor range 40 { sum += <-out }\nsum",
		}, "22140"},
		{"function literal in a loop", []string{
			"out := make(chan int)\nfor i := 1; i <= 40; i++ { go func(n int) { out <- n }(i) }\nsum := 0\nfor range 40 { sum += <-out }\nsum",
		}, "820"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var r *Result
			for _, c := range tt.cells {
				if r = s.Execute(ctx, c); r.Err != nil {
					t.Fatalf("cell %q: %v", c, r.Err)
				}
			}
			if got := text(r); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
