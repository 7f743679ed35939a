package rnn

import (
	"math/rand/v2"
	"testing"
)

// TestAddBroadcastBits checks a bias added to every row, and the bias's
// gradient (the column sums of the rows' gradient), bit for bit against
// plain Go sums, for row lengths that leave every remainder of the vector
// loop.
func TestAddBroadcastBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, m := range []int{1, 3, 8, 13, 128} {
		const rows = 7
		g := NewGraph()
		x, b, c := randomTensor(rng, rows, m), randomTensor(rng, m), randomTensor(rng, rows, m)
		bv := g.Variable(TensorInit(b))
		sum := Add(g.Const(x), bv)
		grads := Gradients(ReduceSum(Mul(sum, g.Const(c))), []*Node{bv})
		s := g.NewSession()
		s.MustRun(g.GlobalVariablesInitializer(), nil)
		out, err := s.RunList([]*Node{sum, grads[0]}, nil)
		if err != nil {
			t.Fatal(err)
		}
		db := make([]float32, m)
		for r := range rows {
			for j := range m {
				if want := x.data[r*m+j] + b.data[j]; out[0].data[r*m+j] != want {
					t.Fatalf("m %d: sum[%d][%d] = %v, want %v", m, r, j, out[0].data[r*m+j], want)
				}
				db[j] += c.data[r*m+j]
			}
		}
		for j, want := range db {
			if out[1].data[j] != want {
				t.Fatalf("m %d: bias gradient %d = %v, want %v", m, j, out[1].data[j], want)
			}
		}
	}
}
