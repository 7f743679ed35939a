package rnn

import (
	"fmt"
	"strings"
	"testing"
)

// iota3 returns a [2,3,4] tensor holding 100·i + 10·j + k at [i,j,k].
func iota3() *Tensor {
	t := NewTensor(2, 3, 4)
	for i := 0; i < 2; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 4; k++ {
				t.Set(float32(100*i+10*j+k), i, j, k)
			}
		}
	}
	return t
}

func TestUnstackStackValues(t *testing.T) {
	x := iota3()
	for axis := -3; axis < 3; axis++ {
		t.Run(fmt.Sprint("axis ", axis), func(t *testing.T) {
			g := NewGraph()
			p := g.Placeholder(Float32, None, 3, 4)
			ax := (axis + 3) % 3
			num := x.shape[ax]
			parts := Unstack(p, num, axis)
			if len(parts) != num {
				t.Fatalf("%d parts, want %d", len(parts), num)
			}
			back := Stack(parts, axis)
			fetch := append([]*Node{back}, parts...)
			out, err := g.NewSession().RunList(fetch, Feeds{p: x})
			if err != nil {
				t.Fatal(err)
			}
			if !sameShape(out[0].shape, x.shape) || fmt.Sprint(out[0].data) != fmt.Sprint(x.data) {
				t.Errorf("Stack(Unstack(x)) = %v, want x", out[0])
			}
			for s, part := range out[1:] {
				idx := []int{0, 0, 0}
				for i := 0; i < part.Size(); i++ {
					// The part's multi-index, with s inserted at ax.
					rest := []int{}
					r := i
					for d := len(part.shape) - 1; d >= 0; d-- {
						rest = append([]int{r % part.shape[d]}, rest...)
						r /= part.shape[d]
					}
					copy(idx, append(append(append([]int{}, rest[:ax]...), s), rest[ax:]...))
					if got, want := part.data[i], x.At(idx...); got != want {
						t.Fatalf("part %d value %d = %g, want x%v = %g", s, i, got, idx, want)
					}
				}
			}
		})
	}
}

func TestStackNewLastAxis(t *testing.T) {
	g := NewGraph()
	a := g.Const(TensorFrom([]float32{1, 2, 3, 4}, 2, 2))
	b := g.Const(TensorFrom([]float32{5, 6, 7, 8}, 2, 2))
	out := g.NewSession().MustRun(Stack([]*Node{a, b}, 2), nil)
	if !sameShape(out.shape, []int{2, 2, 2}) || fmt.Sprint(out.data) != "[1 5 2 6 3 7 4 8]" {
		t.Errorf("Stack along a new last axis: %v %v", out.shape, out.data)
	}
	m := g.NewSession().MustRun(ReduceMaxAxis(Stack([]*Node{a, b}, 0), 0), nil)
	if fmt.Sprint(m.data) != "[5 6 7 8]" || g.NewSession().MustRun(ReduceMax(a), nil).Value() != 4 {
		t.Errorf("ReduceMaxAxis: %v", m)
	}
}

func TestAxisOpErrors(t *testing.T) {
	cases := []struct {
		name  string
		build func(g *Graph) *Node
		want  []string
	}{
		{"Unstack num", func(g *Graph) *Node { return Unstack(g.Placeholder(Float32, None, 28, 28), 27, 1)[0] }, []string{"Unstack", "[?,28,28]", "27"}},
		{"Unstack axis", func(g *Graph) *Node { return Unstack(g.Placeholder(Float32, 2, 3), 3, 2)[0] }, []string{"Unstack", "axis 2"}},
		{"Stack shapes", func(g *Graph) *Node {
			return Stack([]*Node{g.Placeholder(Float32, None, 3), g.Placeholder(Float32, None, 4)}, 0)
		}, []string{"Stack", "[?,3]", "[?,4]"}},
		{"Stack axis", func(g *Graph) *Node { return Stack([]*Node{g.Placeholder(Float32, 3)}, 2) }, []string{"Stack", "axis 2"}},
		{"ReduceMax axis", func(g *Graph) *Node { return ReduceMaxAxis(g.Placeholder(Float32, 3), 1) }, []string{"ReduceMax", "axis 1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := tc.build(NewGraph())
			err := n.Err()
			if err == nil {
				t.Fatalf("no error on %v", n)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not mention %q", err, w)
				}
			}
		})
	}
	// A wrong size that only shows at run time is a run error.
	g := NewGraph()
	p := g.Placeholder(Float32, None, None)
	parts := Unstack(p, 3, 1)
	if _, err := g.NewSession().Run(parts[0], Feeds{p: NewTensor(2, 4)}); err == nil || !strings.Contains(err.Error(), "[2,4]") {
		t.Errorf("Unstack of 3 fed [2,4]: %v", err)
	}
}

// TestUnstackRunsInChunks evaluates a model that reads its input as
// Unstack'ed steps, and Stacks its outputs, over a batch larger than a
// chunk.
func TestUnstackRunsInChunks(t *testing.T) {
	defer func(n int) { evalChunkRows = n }(evalChunkRows)
	g := NewGraph()
	g.SetRandomSeed(4)
	x := g.Placeholder(Float32, None, 5, 3)
	w := g.Variable(RandomNormal(3, 2))
	var outs []*Node
	for _, step := range Unstack(x, 5, 1) {
		outs = append(outs, Tanh(MatMul(step, w)))
	}
	last, sum := outs[4], ReduceSum(outs[2])
	batchMajor, timeMajor := Stack(outs, 1), Stack(outs, 0)
	xs := NewTensor(19, 5, 3)
	for i := range xs.data {
		xs.data[i] = float32(i%11) / 7
	}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	fetches := []*Node{last, sum, batchMajor, timeMajor}
	feeds := Feeds{x: xs}
	evalChunkRows = 1 << 20
	whole := s.MustRunList(fetches, feeds)
	evalChunkRows = 4
	if s.planFor(fetches).chunks == nil {
		t.Fatal("the evaluation does not run in chunks")
	}
	chunked := s.MustRunList(fetches, feeds)
	for i := range fetches {
		if !sameShape(chunked[i].shape, whole[i].shape) {
			t.Fatalf("fetch %d: shape %v in chunks, %v in one pass", i, chunked[i].shape, whole[i].shape)
		}
		for k, v := range whole[i].data {
			if d := chunked[i].data[k] - v; d > 1e-5 || d < -1e-5 {
				t.Fatalf("fetch %d value %d: %g in chunks, %g in one pass", i, k, chunked[i].data[k], v)
			}
		}
	}
}
