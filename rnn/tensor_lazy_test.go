package rnn

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// countingSource produces value i as a scrambled function of i and records
// how the tensor asked for values.
type countingSource struct {
	mu      sync.Mutex
	calls   int
	longest int // the most values one call produced
}

func sourceValue(i int) float32 { return float32((i*37)%101)/101 - 0.3 }

func (c *countingSource) fill(dst []float32, offset int) {
	c.mu.Lock()
	c.calls++
	c.longest = max(c.longest, len(dst))
	c.mu.Unlock()
	for i := range dst {
		dst[i] = sourceValue(offset + i)
	}
}

// lazyAndDense returns a lazy tensor of the given shape, its source, and an
// ordinary tensor with the same values.
func lazyAndDense(shape ...int) (*Tensor, *countingSource, *Tensor) {
	src := &countingSource{}
	dense := NewTensor(shape...)
	for i := range dense.data {
		dense.data[i] = sourceValue(i)
	}
	return LazyTensor(src.fill, shape...), src, dense
}

func TestLazyTensorReadsLikeADenseOne(t *testing.T) {
	// whole: the reading needs every value, so converting them all (without
	// keeping them) is expected.
	tests := []struct {
		name  string
		whole bool
		read  func(*Tensor) any
	}{
		{"Size", false, func(x *Tensor) any { return x.Size() }},
		{"Shape", false, func(x *Tensor) any { return x.Shape() }},
		{"At", false, func(x *Tensor) any { return []float32{x.At(0, 0), x.At(3, 5), x.At(6, 7)} }},
		{"CopyValues", false, func(x *Tensor) any { v := make([]float32, 9); x.CopyValues(v, 20); return v }},
		{"String", false, func(x *Tensor) any { return x.String() }},
		{"Slice", false, func(x *Tensor) any { s := x.Slice(2, 5); return []any{s.Shape(), s.Clone().data} }},
		{"Slice of a slice", false, func(x *Tensor) any { return x.Slice(1, 6).Slice(2, 3).Clone().data }},
		{"Reshape then Slice", false, func(x *Tensor) any { return x.Reshape(-1, 4).Slice(5, 7).Clone().data }},
		{"Value", false, func(x *Tensor) any { return x.Slice(4, 5).Reshape(8, 1).Slice(3, 4).Value() }},
		{"Clone", true, func(x *Tensor) any { return x.Clone().data }},
		{"HTML", true, func(x *Tensor) any { return x.HTML() }},
		{"Ints", true, func(x *Tensor) any { return x.Ints() }},
		{"Dense", true, func(x *Tensor) any { return x.Dense().RawMatrix().Data }},
		{"Const", true, func(x *Tensor) any {
			g := NewGraph()
			return g.NewSession().MustRun(g.Const(x), nil).data
		}},
		{"TensorInit", true, func(x *Tensor) any {
			g := NewGraph()
			v := g.Variable(TensorInit(x))
			s := g.NewSession()
			s.MustRun(g.GlobalVariablesInitializer(), nil)
			return s.MustRun(v, nil).data
		}},
		{"Assign", true, func(x *Tensor) any {
			g := NewGraph()
			v := g.Variable(Zeros(7, 8))
			s := g.NewSession()
			if err := s.Assign(v, x); err != nil {
				return err
			}
			return s.MustRun(v, nil).data
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lazy, src, dense := lazyAndDense(7, 8)
			got, want := tt.read(lazy), tt.read(dense)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("lazy tensor gave %v, dense %v", got, want)
			}
			if lazy.lazy.kept.Load() != nil {
				t.Fatalf("reading with %s kept all the values", tt.name)
			}
			if !tt.whole && src.longest == lazy.Size() {
				t.Fatalf("reading with %s converted all %d values", tt.name, src.longest)
			}
		})
	}
}

func TestLazyTensorDataKeepsValuesSharedByViews(t *testing.T) {
	lazy, src, dense := lazyAndDense(6, 5)
	view := lazy.Slice(2, 4).Reshape(10)
	view.Set(42, 3) // row 2, column 3 of lazy
	if src.longest != lazy.Size() || lazy.lazy.kept.Load() == nil {
		t.Fatalf("Set on a view did not keep all the values (longest fill %d)", src.longest)
	}
	dense.Set(42, 2, 3)
	if got := lazy.Data(); !slices.Equal(got, dense.data) {
		t.Fatalf("after Set on a view, Data = %v, want %v", got, dense.data)
	}
	lazy.Data()[0] = -1
	if got := lazy.Reshape(-1).Slice(0, 1).Value(); got != -1 {
		t.Fatalf("a write through Data reads back as %v from a view, want -1", got)
	}
	calls := src.calls
	lazy.Clone()
	_ = view.String()
	if src.calls != calls {
		t.Fatalf("values were converted again after they were kept (%d calls, then %d)", calls, src.calls)
	}
}

func TestLazyTensorRejectsMisuse(t *testing.T) {
	lazy, _, _ := lazyAndDense(3, 4)
	tests := []struct {
		name, want string
		f          func()
	}{
		{"nil fill", "LazyTensor: nil fill", func() { LazyTensor(nil, 2) }},
		{"negative dimension", "LazyTensor", func() { LazyTensor(func([]float32, int) {}, 2, -1) }},
		{"CopyValues past the end", "CopyValues: values [10, 14) out of range", func() { lazy.CopyValues(make([]float32, 4), 10) }},
		{"CopyValues before the start", "CopyValues: values [-1, 1) out of range", func() { lazy.CopyValues(make([]float32, 2), -1) }},
		{"CopyValues of a view", "out of range", func() { lazy.Slice(1, 2).CopyValues(make([]float32, 5), 0) }},
		{"Slice", "Slice: rows [2, 4) out of range", func() { lazy.Slice(2, 4) }},
		{"Reshape", "Reshape", func() { lazy.Reshape(5, -1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := func() (msg string) {
				defer func() { msg, _ = recover().(string) }()
				tt.f()
				return ""
			}()
			if !strings.Contains(msg, tt.want) {
				t.Fatalf("panic %q, want one containing %q", msg, tt.want)
			}
		})
	}
}

// TestLazyFeedsMatchDenseFeeds feeds the tutorial's graph a lazy tensor and
// the same values as an ordinary one: in one pass, in chunks, and in a
// training step, results must be identical, and a feed must be converted a
// run's (or a chunk's) examples at a time, never kept.
func TestLazyFeedsMatchDenseFeeds(t *testing.T) {
	const steps, in, hidden, classes = 4, 3, 6, 5
	labels := func(batch int) *Tensor {
		y := NewTensor(batch, classes)
		for r := range batch {
			y.Set(1, r, r%classes)
		}
		return y
	}
	tests := []struct {
		name  string
		batch int
		train bool
	}{
		{"one pass", evalChunkRows / 2, false},
		{"chunks", 3*evalChunkRows + 5, false},
		{"training step", 20, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var costs [2]float64
			var preds [2]*Tensor
			for k := range 2 {
				g := NewGraph()
				g.SetRandomSeed(5)
				m := buildTutorial(g, steps, in, hidden, classes, GradientDescentOptimizer(0.5))
				s := g.NewSession()
				s.MustRun(g.GlobalVariablesInitializer(), nil)
				lazy, src, dense := lazyAndDense(tt.batch, steps, in)
				x := dense
				if k == 1 {
					x = lazy
				}
				feeds := Feeds{m.x: x, m.y: labels(tt.batch)}
				if tt.train {
					s.MustRun(m.optm, feeds)
				}
				costs[k] = s.MustRun(m.cost, feeds).Value()
				preds[k] = s.MustRun(m.pred, feeds)
				if k == 0 {
					continue
				}
				if lazy.lazy.kept.Load() != nil {
					t.Fatal("feeding a lazy tensor kept all its values")
				}
				perRun := tt.batch * steps * in
				if tt.batch > evalChunkRows && !tt.train {
					perRun = evalChunkRows * steps * in
				}
				if src.longest > perRun {
					t.Fatalf("a fill converted %d values at once, want at most %d", src.longest, perRun)
				}
			}
			if costs[0] != costs[1] || !slices.Equal(preds[0].data, preds[1].data) {
				t.Fatalf("lazy feed: cost %v, dense feed: cost %v (predictions equal: %v)",
					costs[1], costs[0], slices.Equal(preds[0].data, preds[1].data))
			}
		})
	}
}

func TestRunIntoALazyTensor(t *testing.T) {
	g := NewGraph()
	c := g.Const(TensorFrom([]float32{1, 2, 3, 4}, 2, 2))
	dst, _, _ := lazyAndDense(2, 2)
	sibling := dst.Reshape(4)
	if err := g.NewSession().RunInto(dst, c, nil); err != nil {
		t.Fatal(err)
	}
	if got := dst.Data(); !slices.Equal(got, []float32{1, 2, 3, 4}) {
		t.Fatalf("RunInto a lazy tensor gave %v", got)
	}
	if got := sibling.At(0); got != sourceValue(0) {
		t.Fatalf("a view of the lazy tensor now reads %v, want its own value %v", got, sourceValue(0))
	}
}

func TestPlotDigitsOfALazyTensor(t *testing.T) {
	lazy, _, dense := lazyAndDense(3, 28, 28)
	got, want := PlotDigits(lazy, []int{1, 2, 3}, nil, 3), PlotDigits(dense, []int{1, 2, 3}, nil, 3)
	if !reflect.DeepEqual(got, want) {
		t.Fatal("PlotDigits draws a lazy tensor differently from the same values in an ordinary one")
	}
	if lazy.lazy.kept.Load() != nil {
		t.Fatal("PlotDigits kept a lazy tensor's values")
	}
}

// TestLazyFeedBuffersAreNotPinned feeds a lazy tensor too big to keep to a
// run that is not chunked, and a training-sized one: the first buffer goes
// back to the pool once the results are out, the second stays for the
// next run.
func TestLazyFeedBuffersAreNotPinned(t *testing.T) {
	tests := []struct {
		name string
		rows int
		kept bool
	}{
		{"a whole data set", 64, false},
		{"a batch", 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := NewGraph()
			x := g.Placeholder(Float32, None, 2048)
			s := g.NewSession()
			lazy, _, dense := lazyAndDense(tt.rows, 2048)
			got := s.MustRun(x, Feeds{x: lazy})
			if !slices.Equal(got.data, dense.data) {
				t.Fatal("fetching a lazily fed placeholder gave other values than the feed's")
			}
			if kept := s.state(x).buf != nil; kept != tt.kept {
				t.Fatalf("the placeholder kept its buffer: %v, want %v", kept, tt.kept)
			}
			if s.pool.total > poolLimit {
				t.Fatalf("the pool holds %d float32s, over its limit %d", s.pool.total, poolLimit)
			}
		})
	}
}
