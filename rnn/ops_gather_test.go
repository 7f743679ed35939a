package rnn

import (
	"fmt"
	"strings"
	"testing"
)

func TestGather(t *testing.T) {
	g := NewGraph()
	params := g.Const(TensorFrom([]float32{0, 1, 10, 11, 20, 21}, 3, 2))
	ids := g.Placeholder(Int32, None)
	out := EmbeddingLookup(params, ids)
	if !sameShape(out.Shape(), []int{None, 2}) {
		t.Errorf("static shape %v, want [? 2]", out.Shape())
	}
	s := g.NewSession()
	got, err := s.Run(out, Feeds{ids: TensorFrom([]float32{2, 0, 2})})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got.shape, got.data) != "[3 2] [20 21 0 1 20 21]" {
		t.Errorf("EmbeddingLookup = %v %v", got.shape, got.data)
	}
	// Indices of any shape: the result's shape starts with theirs.
	ids2 := g.Placeholder(Int64, 2, 2)
	got, err = s.Run(Gather(params, ids2), Feeds{ids2: TensorFrom([]float32{1, 1, 0, 2}, 2, 2)})
	if err != nil || fmt.Sprint(got.shape, got.data) != "[2 2 2] [10 11 10 11 0 1 20 21]" {
		t.Errorf("Gather with [2,2] indices = %v, %v", got, err)
	}
	for _, bad := range [][]float32{{3}, {-1}, {0.5}} {
		_, err := s.Run(out, Feeds{ids: TensorFrom(bad)})
		if err == nil || !strings.Contains(err.Error(), "out of range") || !strings.Contains(err.Error(), "[3,2]") {
			t.Errorf("index %v: %v, want an out-of-range error naming params' shape", bad, err)
		}
	}
	if err := Gather(params, g.Placeholder(Float32, None)).Err(); err == nil || !strings.Contains(err.Error(), "Cast") {
		t.Errorf("float indices: %v, want advice to Cast", err)
	}
}

// TestEmbeddingLookupRunsInChunks evaluates a bag-of-words model over more
// examples than a chunk holds.
func TestEmbeddingLookupRunsInChunks(t *testing.T) {
	defer func(n int) { evalChunkRows = n }(evalChunkRows)
	g := NewGraph()
	g.SetRandomSeed(5)
	ids := g.Placeholder(Int32, None, 3)
	emb := g.Variable(RandomNormal(7, 4))
	logits := MatMul(ReduceSumAxis(EmbeddingLookup(emb, ids), 1), g.Variable(RandomNormal(4, 2)))
	xs := NewTensor(23, 3)
	for i := range xs.data {
		xs.data[i] = float32(i * 5 % 7)
	}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	feeds := Feeds{ids: xs}
	evalChunkRows = 1 << 20
	whole := s.MustRun(logits, feeds)
	evalChunkRows = 5
	if s.planFor([]*Node{logits}).chunks == nil {
		t.Fatal("the evaluation does not run in chunks")
	}
	chunked := s.MustRun(logits, feeds)
	if !sameShape(chunked.shape, whole.shape) {
		t.Fatalf("shape %v in chunks, %v in one pass", chunked.shape, whole.shape)
	}
	for k, v := range whole.data {
		if d := chunked.data[k] - v; d > 1e-5 || d < -1e-5 {
			t.Fatalf("value %d: %g in chunks, %g in one pass", k, chunked.data[k], v)
		}
	}
}
