package rnn

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// lazyValues is the shared source of a tensor made by LazyTensor and of
// its views: a function that produces any range of the values, and, once
// something asked to write or keep them, the values themselves.
type lazyValues struct {
	fill func(dst []float32, offset int)
	size int

	mu   sync.Mutex
	kept atomic.Pointer[[]float32] // all values, once materialized
}

// LazyTensor returns a tensor of the given shape whose values are produced
// on demand by fill, which writes values [offset, offset+len(dst)) of the
// flat row-major data into dst. It lets a big data set stay in a compact
// form (MNIST's pixels as bytes, say) until the values are needed: a
// Session fed the tensor converts only the examples of each chunk or run,
// and At, String, Clone and the plots convert what they read. Data and
// Set convert all the values once and keep them, so that the tensor then
// behaves as any other, views included. fill must always produce the same
// values and be safe to call from several goroutines. It panics if fill
// is nil or a dimension is negative.
func LazyTensor(fill func(dst []float32, offset int), shape ...int) *Tensor {
	if fill == nil {
		panic("rnn: LazyTensor: nil fill function")
	}
	n := checkedSize("LazyTensor", shape)
	return &Tensor{shape: append([]int(nil), shape...), lazy: &lazyValues{fill: fill, size: n}}
}

// size returns the number of values of t.
func (t *Tensor) size() int {
	if t.lazy != nil {
		return shapeSize(t.shape)
	}
	return len(t.data)
}

// kept returns t's values when they are in memory: always for an ordinary
// tensor, and for a lazy one once materialized.
func (t *Tensor) kept() ([]float32, bool) {
	if t.lazy == nil {
		return t.data, true
	}
	if all := t.lazy.kept.Load(); all != nil {
		n := t.size()
		return (*all)[t.off : t.off+n : t.off+n], true
	}
	return nil, false
}

// solid returns t's values as writable storage shared with every view of
// the same data, converting and keeping a lazy tensor's values first.
func (t *Tensor) solid() []float32 {
	if v, ok := t.kept(); ok {
		return v
	}
	l := t.lazy
	l.mu.Lock()
	if l.kept.Load() == nil {
		all := make([]float32, l.size)
		l.fill(all, 0)
		l.kept.Store(&all)
	}
	l.mu.Unlock()
	v, _ := t.kept()
	return v
}

// values returns t's values for reading only: the tensor's storage when it
// has it, or else a fresh conversion that is not kept.
func (t *Tensor) values() []float32 {
	if v, ok := t.kept(); ok {
		return v
	}
	v := make([]float32, t.size())
	t.lazy.fill(v, t.off)
	return v
}

// CopyValues copies values [offset, offset+len(dst)) of t's flat
// row-major data into dst. For a tensor made by LazyTensor it converts
// just those values without keeping them, so that reading a data set a
// batch at a time never holds all of it as float32. It panics if the range
// is outside t.
func (t *Tensor) CopyValues(dst []float32, offset int) {
	t.notNil("CopyValues")
	if offset < 0 || offset+len(dst) > t.size() {
		panic(fmt.Sprintf("rnn: CopyValues: values [%d, %d) out of range for a tensor of shape %v (%d values)", offset, offset+len(dst), t.shape, t.size()))
	}
	if v, ok := t.kept(); ok {
		copy(dst, v[offset:])
		return
	}
	t.lazy.fill(dst, t.off+offset)
}
