package rnn

import (
	"strings"
	"testing"
)

// TestRangeShapeClipValues runs Range, Shape and ClipByValue on fed
// values and checks their values, shapes and types.
func TestRangeShapeClipValues(t *testing.T) {
	x := TensorFrom([]float32{-2, 0.5, 3, 1, -0.25, 7}, 3, 2)
	cases := []struct {
		name   string
		build  func(g *Graph, x *Node) *Node
		static []int // the node's static shape
		dtype  DType
		shape  []int
		want   []float32
	}{
		{"Range ints", func(g *Graph, x *Node) *Node { return g.Range(0, 10, 3) }, []int{4}, Int32, []int{4}, []float32{0, 3, 6, 9}},
		{"Range down", func(g *Graph, x *Node) *Node { return g.Range(5, 1, -2) }, []int{2}, Int32, []int{2}, []float32{5, 3}},
		{"Range empty", func(g *Graph, x *Node) *Node { return g.Range(4, 4, 1) }, []int{0}, Int32, []int{0}, []float32{}},
		{"Range floats", func(g *Graph, x *Node) *Node { return g.Range(0, 1, 0.25) }, []int{4}, Float32, []int{4}, []float32{0, 0.25, 0.5, 0.75}},
		{"Range int64 and float32", func(g *Graph, x *Node) *Node { return g.Range(int64(1), float32(2.5), 0.5) }, []int{3}, Float32, []int{3}, []float32{1, 1.5, 2}},
		{"Shape", func(g *Graph, x *Node) *Node { return Shape(x) }, []int{2}, Int32, []int{2}, []float32{3, 2}},
		{"Range to the batch size", func(g *Graph, x *Node) *Node {
			return Range(0, Unstack(Shape(x), 2, 0)[0], 1)
		}, []int{None}, Int32, []int{3}, []float32{0, 1, 2}},
		{"Range with a float node", func(g *Graph, x *Node) *Node {
			return Range(Cast(Unstack(Shape(x), 2, 0)[1], Float32), 4, 1)
		}, []int{None}, Float32, []int{2}, []float32{2, 3}},
		{"Range to an Int64 node", func(g *Graph, x *Node) *Node {
			return Range(1, Cast(Unstack(Shape(x), 2, 0)[0], Int64), 1)
		}, []int{None}, Int64, []int{2}, []float32{1, 2}},
		{"ClipByValue", func(g *Graph, x *Node) *Node { return ClipByValue(x, -1, 2) }, []int{None, 2}, Float32, []int{3, 2},
			[]float32{-1, 0.5, 2, 1, -0.25, 2}},
		{"ClipByValue to a point", func(g *Graph, x *Node) *Node { return ClipByValue(x, 1, 1) }, []int{None, 2}, Float32, []int{3, 2},
			[]float32{1, 1, 1, 1, 1, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGraph()
			p := g.Placeholder(Float32, None, 2)
			out := tc.build(g, p)
			if err := out.Err(); err != nil {
				t.Fatal(err)
			}
			if !sameShape(out.Shape(), tc.static) || out.DType() != tc.dtype {
				t.Fatalf("node %s, want shape %v and %s", out, tc.static, tc.dtype)
			}
			got, err := g.NewSession().Run(out, Feeds{p: x})
			if err != nil {
				t.Fatal(err)
			}
			if !sameShape(got.Shape(), tc.shape) {
				t.Fatalf("shape %v, want %v", got.Shape(), tc.shape)
			}
			for i, w := range tc.want {
				if got.data[i] != w {
					t.Errorf("value %d = %g, want %g", i, got.data[i], w)
				}
			}
		})
	}
}

// TestShapeOfUnknownRank checks that Shape reports the fed rank.
func TestShapeOfUnknownRank(t *testing.T) {
	g := NewGraph()
	p := g.Placeholder(Float32)
	s := Shape(p)
	if !sameShape(s.Shape(), []int{None}) {
		t.Fatalf("static shape %v, want [-1]", s.Shape())
	}
	sess := g.NewSession()
	for _, shape := range [][]int{{}, {4}, {2, 1, 3}} {
		got, err := sess.Run(s, Feeds{p: NewTensor(shape...)})
		if err != nil {
			t.Fatal(err)
		}
		if ints := got.Ints(); !sameShape(ints, shape) {
			t.Errorf("Shape of a fed %v = %v", shape, ints)
		}
	}
}

// TestRangeShapeClipErrors checks that bad arguments are errors that say
// what is wrong, when the graph is built or, for values known only then,
// when it runs.
func TestRangeShapeClipErrors(t *testing.T) {
	cases := []struct {
		name  string
		build func(g *Graph, x, n *Node) *Node
		want  string // in the build error, or in Run's when build succeeds
	}{
		{"zero delta", func(g *Graph, x, n *Node) *Node { return g.Range(0, 5, 0) }, "delta must not be 0"},
		{"away from limit", func(g *Graph, x, n *Node) *Node { return g.Range(5, 0, 1) }, "start 5 is above limit 0"},
		{"away from limit, negative", func(g *Graph, x, n *Node) *Node { return g.Range(0, 5, -1) }, "start 0 is below limit 5"},
		{"not a number", func(g *Graph, x, n *Node) *Node { return g.Range(0, "5", 1) }, "limit is string, want a Go number or a scalar *Node"},
		{"not a scalar", func(g *Graph, x, n *Node) *Node { return Range(0, x, 1) }, "limit Placeholder has shape [?,2], want a scalar"},
		{"bool node", func(g *Graph, x, n *Node) *Node { return Range(0, Equal(n, n), 1) }, "limit Equal is bool"},
		{"nil node", func(g *Graph, x, n *Node) *Node { return g.Range(0, 3, (*Node)(nil)) }, "delta is a nil node"},
		{"other graph", func(g *Graph, x, n *Node) *Node { return NewGraph().Range(0, n, 1) }, "belongs to another graph"},
		{"too long", func(g *Graph, x, n *Node) *Node { return g.Range(0, 1e9, 1) }, "more than 16777216"},
		{"zero delta at run time", func(g *Graph, x, n *Node) *Node { return Range(0, 3, n) }, "delta must not be 0"},
		{"bounds reversed", func(g *Graph, x, n *Node) *Node { return ClipByValue(x, 1, 0) }, "bounds [1, 0] are not an interval"},
		{"clip an int", func(g *Graph, x, n *Node) *Node { return ClipByValue(n, 0, 1) }, "is int32, want float32"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGraph()
			x := g.Placeholder(Float32, None, 2)
			n := g.Placeholder(Int32)
			out := tc.build(g, x, n)
			err := out.Err()
			if err == nil {
				_, err = g.NewSession().Run(out, Feeds{x: NewTensor(1, 2), n: Scalar(0)})
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestShapeAndClipInChunkedRuns checks that an evaluation over a batch
// bigger than a chunk sees the whole batch in Shape and Range (which must
// not run per chunk), while ClipByValue, element-wise, still goes in
// chunks.
func TestShapeAndClipInChunkedRuns(t *testing.T) {
	saved := evalChunkRows
	defer func() { evalChunkRows = saved }()
	evalChunkRows = 7
	g := NewGraph()
	x := g.Placeholder(Float32, None, 2)
	rows := Range(0, Unstack(Shape(x), 2, 0)[0], 1)
	clipped := ClipByValue(x, -1, 1)
	s := g.NewSession()
	const batch = 30
	feeds := Feeds{x: NewTensor(batch, 2)}
	for i := range feeds[x].data {
		feeds[x].data[i] = float32(i%5) - 2
	}
	got, err := s.Run(rows, feeds)
	if err != nil {
		t.Fatal(err)
	}
	if got.Size() != batch || got.data[batch-1] != batch-1 {
		t.Errorf("Range to the batch size gave %v, want 0..%d", got.Data(), batch-1)
	}
	if p := s.planFor([]*Node{rows}); p.chunks != nil {
		t.Error("a plan with Shape runs in chunks")
	}
	c, err := s.Run(clipped, feeds)
	if err != nil {
		t.Fatal(err)
	}
	if p := s.planFor([]*Node{clipped}); p.chunks == nil {
		t.Error("ClipByValue does not run in chunks")
	}
	for i, v := range feeds[x].data {
		if want := min(max(v, -1), 1); c.data[i] != want {
			t.Fatalf("element %d: %g, want %g", i, c.data[i], want)
		}
	}
}
