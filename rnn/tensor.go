package rnn

import (
	"fmt"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Tensor is an N-dimensional array of float32 values stored in row-major
// order. A Tensor's shape is fixed; Reshape returns a view that shares the
// data. The zero Tensor is a scalar holding no data and is not useful;
// create tensors with NewTensor, TensorFrom or FromDense.
type Tensor struct {
	shape []int
	data  []float32 // nil for a tensor made by LazyTensor and its views

	lazy *lazyValues // where a lazy tensor's values come from
	off  int         // the position of a lazy view's first value in lazy
}

// NewTensor returns a zero-filled tensor of the given shape. A tensor with
// no dimensions is a scalar. It panics if a dimension is negative.
func NewTensor(shape ...int) *Tensor {
	n := checkedSize("NewTensor", shape)
	return &Tensor{shape: append([]int(nil), shape...), data: make([]float32, n)}
}

// TensorFrom returns a tensor of the given shape that uses data as its
// backing store (the slice is not copied). It panics if len(data) does not
// match the shape; with no shape given, the tensor is one-dimensional.
func TensorFrom(data []float32, shape ...int) *Tensor {
	if len(shape) == 0 {
		shape = []int{len(data)}
	}
	n := checkedSize("TensorFrom", shape)
	if n != len(data) {
		panic(fmt.Sprintf("rnn: TensorFrom: %d values do not fill shape %v (%d values)", len(data), shape, n))
	}
	return &Tensor{shape: append([]int(nil), shape...), data: data}
}

// Scalar returns a rank-0 tensor holding v.
func Scalar(v float32) *Tensor {
	return &Tensor{data: []float32{v}}
}

// FromDense returns a 2-D tensor with the values of m converted to float32.
func FromDense(m mat.Matrix) *Tensor {
	r, c := m.Dims()
	t := NewTensor(r, c)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			t.data[i*c+j] = float32(m.At(i, j))
		}
	}
	return t
}

func checkedSize(op string, shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 {
			panic(fmt.Sprintf("rnn: %s: negative dimension in shape %v", op, shape))
		}
		n *= d
	}
	return n
}

// Shape returns a copy of the tensor's dimensions.
func (t *Tensor) Shape() []int { return append([]int(nil), t.shape...) }

// Rank returns the number of dimensions.
func (t *Tensor) Rank() int { return len(t.shape) }

// Size returns the number of elements.
func (t *Tensor) Size() int { return t.size() }

// Data returns the backing slice in row-major order. Writes to it change
// the tensor.
func (t *Tensor) Data() []float32 { return t.solid() }

// Dim returns the size of dimension i; negative i counts from the end.
func (t *Tensor) Dim(i int) int {
	t.notNil("Dim")
	if i < 0 {
		i += len(t.shape)
	}
	if i < 0 || i >= len(t.shape) {
		panic(fmt.Sprintf("rnn: Dim: axis %d out of range for shape %v", i, t.shape))
	}
	return t.shape[i]
}

// notNil panics with a message naming the method when t is nil, rather
// than with a bare nil dereference deep inside it.
func (t *Tensor) notNil(op string) {
	if t == nil {
		panic(fmt.Sprintf("rnn: %s: nil tensor (make one with NewTensor, TensorFrom or Scalar, or check the error of Run)", op))
	}
}

// offset converts a multi-index to a position in data.
func (t *Tensor) offset(op string, idx []int) int {
	t.notNil(op)
	if len(idx) != len(t.shape) {
		panic(fmt.Sprintf("rnn: %s: %d indices for shape %v", op, len(idx), t.shape))
	}
	off := 0
	for i, v := range idx {
		if v < 0 || v >= t.shape[i] {
			panic(fmt.Sprintf("rnn: %s: index %v out of range for shape %v", op, idx, t.shape))
		}
		off = off*t.shape[i] + v
	}
	return off
}

// At returns the element at the given multi-index.
func (t *Tensor) At(idx ...int) float32 {
	var v [1]float32
	t.CopyValues(v[:], t.offset("At", idx))
	return v[0]
}

// Set stores v at the given multi-index.
func (t *Tensor) Set(v float32, idx ...int) {
	i := t.offset("Set", idx)
	t.solid()[i] = v
}

// Value returns the single element of a tensor with one element (a scalar,
// or any shape of size 1) as a float64. It panics for other sizes.
func (t *Tensor) Value() float64 {
	t.notNil("Value")
	if t.size() != 1 {
		panic(fmt.Sprintf("rnn: Value: tensor of shape %v has %d elements, want 1", t.shape, t.size()))
	}
	var v [1]float32
	t.CopyValues(v[:], 0)
	return float64(v[0])
}

// Reshape returns a view of t with a new shape sharing t's data. One
// dimension may be -1: it is inferred from the others. It panics if the
// shape does not fit the number of elements.
func (t *Tensor) Reshape(shape ...int) *Tensor {
	t.notNil("Reshape")
	s, err := resolveShape(shape, t.size())
	if err != nil {
		panic(fmt.Sprintf("rnn: Reshape: %v (tensor shape %v)", err, t.shape))
	}
	return &Tensor{shape: s, data: t.data, lazy: t.lazy, off: t.off}
}

// resolveShape fills in a single -1 dimension so that the shape holds n
// elements.
func resolveShape(shape []int, n int) ([]int, error) {
	return resolveShapeInto(nil, shape, n)
}

// resolveShapeInto is resolveShape writing the result into dst's storage
// when it is large enough, so that callers can keep it on the stack.
func resolveShapeInto(dst, shape []int, n int) ([]int, error) {
	s := append(dst[:0], shape...)
	infer := -1
	known := 1
	for i, d := range s {
		switch {
		case d == -1:
			if infer >= 0 {
				return nil, fmt.Errorf("shape %v has more than one -1", shape)
			}
			infer = i
		case d < 0:
			return nil, fmt.Errorf("shape %v has a negative dimension", shape)
		default:
			known *= d
		}
	}
	if infer >= 0 {
		if known == 0 || n%known != 0 {
			return nil, fmt.Errorf("cannot infer -1 in shape %v for %d elements", shape, n)
		}
		s[infer] = n / known
		known = n
	}
	if known != n {
		return nil, fmt.Errorf("shape %v holds %d elements, not %d", shape, known, n)
	}
	return s, nil
}

// Slice returns rows [start, end) along the first dimension as a view
// sharing t's data.
func (t *Tensor) Slice(start, end int) *Tensor {
	t.notNil("Slice")
	if len(t.shape) == 0 || start < 0 || end < start || end > t.shape[0] {
		panic(fmt.Sprintf("rnn: Slice: rows [%d, %d) out of range for shape %v", start, end, t.shape))
	}
	row := 1
	for _, d := range t.shape[1:] {
		row *= d
	}
	s := append([]int{end - start}, t.shape[1:]...)
	if t.lazy != nil {
		return &Tensor{shape: s, lazy: t.lazy, off: t.off + start*row}
	}
	return &Tensor{shape: s, data: t.data[start*row : end*row : end*row]}
}

// Clone returns a deep copy of t.
func (t *Tensor) Clone() *Tensor {
	t.notNil("Clone")
	data := make([]float32, t.size())
	t.CopyValues(data, 0)
	return &Tensor{shape: t.Shape(), data: data}
}

// copyFrom makes t a copy of src, reusing t's storage when it is large
// enough.
func (t *Tensor) copyFrom(src *Tensor) {
	if t.lazy != nil {
		// A lazy destination becomes an ordinary tensor of its own, as a
		// destination too small for src does.
		t.lazy, t.off, t.data = nil, 0, nil
	}
	n := src.size()
	if cap(t.data) < n {
		t.data = make([]float32, n)
	}
	t.data = t.data[:n]
	src.CopyValues(t.data, 0)
	t.shape = append(t.shape[:0], src.shape...)
}

// Dense returns a 2-D tensor's values as a new gonum matrix. A 1-D tensor
// becomes a single row. It panics for other ranks.
func (t *Tensor) Dense() *mat.Dense {
	var r, c int
	switch len(t.shape) {
	case 1:
		r, c = 1, t.shape[0]
	case 2:
		r, c = t.shape[0], t.shape[1]
	default:
		panic(fmt.Sprintf("rnn: Dense: tensor of shape %v is not 1-D or 2-D", t.shape))
	}
	if r == 0 || c == 0 {
		panic(fmt.Sprintf("rnn: Dense: gonum matrices cannot be empty (shape %v)", t.shape))
	}
	data := t.values()
	v := make([]float64, len(data))
	for i, x := range data {
		v[i] = float64(x)
	}
	return mat.NewDense(r, c, v)
}

// String prints the shape and up to the first six values.
func (t *Tensor) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Tensor%v[", t.shape)
	const show = 6
	var head [show]float32
	n := min(t.size(), show)
	t.CopyValues(head[:n], 0)
	for i, v := range head[:n] {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%g", v)
	}
	if more := t.size() - n; more > 0 {
		fmt.Fprintf(&b, " … (%d more)", more)
	}
	b.WriteByte(']')
	return b.String()
}

// Ints returns the values rounded to the nearest integers, for tensors that
// hold class ids or indices (the results of ArgMax, labels as ids).
func (t *Tensor) Ints() []int {
	data := t.values()
	out := make([]int, len(data))
	for i, v := range data {
		if v < 0 {
			out[i] = int(v - 0.5)
		} else {
			out[i] = int(v + 0.5)
		}
	}
	return out
}
