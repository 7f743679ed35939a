package rnn

import (
	"math/rand/v2"
	"testing"
)

// TestBigElementwiseOps checks the element-wise ops on tensors large
// enough to be shared out over the cores, against a direct loop.
func TestBigElementwiseOps(t *testing.T) {
	const rows, cols = 9000, 130 // past parallelElementwise, rows not a whole number of blocks
	rng := rand.New(rand.NewPCG(8, 8))
	a, bias := randomTensor(rng, rows, cols), randomTensor(rng, cols)
	tests := []struct {
		name  string
		build func(x, b *Node) *Node
		want  func(x, b float32) float32
	}{
		{"Add", Add, func(x, b float32) float32 { return x + b }},
		{"Sub swapped", func(x, b *Node) *Node { return Sub(b, x) }, func(x, b float32) float32 { return b - x }},
		{"Mul", Mul, func(x, b float32) float32 { return x * b }},
	}
	for _, tc := range tests {
		g := NewGraph()
		x, b := g.Placeholder(Float32, None, cols), g.Placeholder(Float32, cols)
		out := tc.build(x, b)
		got, err := g.NewSession().Run(out, Feeds{x: a, b: bias})
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range got.Data() {
			if w := tc.want(a.data[i], bias.data[i%cols]); v != w {
				t.Fatalf("%s: element %d is %v, want %v", tc.name, i, v, w)
			}
		}
	}
}
