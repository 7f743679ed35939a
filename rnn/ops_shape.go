package rnn

import "fmt"

// Transpose permutes the dimensions of x: dimension i of the result is
// dimension perm[i] of x, like tf.transpose(x, perm). Without perm the
// dimensions are reversed.
func Transpose(x *Node, perm ...int) *Node {
	g, err := operands("Transpose", x)
	if err == nil {
		err = requireRank("Transpose", x)
	}
	if err != nil {
		return failed(g, "Transpose", err, x)
	}
	r := len(x.shape)
	if len(perm) == 0 {
		for i := r - 1; i >= 0; i-- {
			perm = append(perm, i)
		}
	}
	if len(perm) != r {
		return failedf(g, "Transpose", []*Node{x}, "permutation %v has %d entries for shape %s of rank %d",
			perm, len(perm), formatShape(x.shape), r)
	}
	used := make([]bool, r)
	shape := make([]int, r)
	for i, p := range perm {
		if p < 0 || p >= r || used[p] {
			return failedf(g, "Transpose", []*Node{x}, "%v is not a permutation of 0..%d", perm, r-1)
		}
		used[p] = true
		shape[i] = x.shape[p]
	}
	return newOp(g, "Transpose", transposeOp{perm: append([]int(nil), perm...)}, []*Node{x}, shape, x.dtype, nil)
}

type transposeOp struct{ perm []int }

// walkTranspose calls visit(outOffset, inOffset, length, inStride) for each
// run of the output's last dimension; the run reads the input with stride
// inStride.
func walkTranspose(inShape, perm []int, visit func(o, i, n, stride int)) {
	r := len(inShape)
	if r == 0 {
		visit(0, 0, 1, 1)
		return
	}
	var inBuf, outBuf, strideBuf, idxBuf [maxStackRank]int
	inStrides := inBuf[:0]
	if r <= maxStackRank {
		inStrides = inBuf[:r]
	} else {
		inStrides = make([]int, r)
	}
	s := 1
	for d := r - 1; d >= 0; d-- {
		inStrides[d] = s
		s *= inShape[d]
	}
	if s == 0 {
		return
	}
	outShape, strides := outBuf[:0], strideBuf[:0] // strides: input stride of each output dimension
	if r <= maxStackRank {
		outShape, strides = outBuf[:r], strideBuf[:r]
	} else {
		outShape, strides = make([]int, r), make([]int, r)
	}
	for i, p := range perm {
		outShape[i] = inShape[p]
		strides[i] = inStrides[p]
	}
	last := outShape[r-1]
	idx := idxBuf[:0]
	if r <= maxStackRank {
		idx = idxBuf[:r-1]
	} else {
		idx = make([]int, r-1)
	}
	o, in := 0, 0
	for {
		visit(o, in, last, strides[r-1])
		o += last
		d := r - 2
		for ; d >= 0; d-- {
			idx[d]++
			in += strides[d]
			if idx[d] < outShape[d] {
				break
			}
			in -= strides[d] * outShape[d]
			idx[d] = 0
		}
		if d < 0 {
			return
		}
	}
}

func (op transposeOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	if len(x.shape) != len(op.perm) {
		return fmt.Errorf("input of shape %s does not have rank %d", formatShape(x.shape), len(op.perm))
	}
	var buf [maxStackRank]int
	shape := append(buf[:0], x.shape...)
	for i, p := range op.perm {
		shape[i] = x.shape[p]
	}
	out := e.output(n, shape...)
	src, dst := x.data, out.data
	walkTranspose(x.shape, op.perm, func(o, i, cnt, stride int) {
		if stride == 1 {
			copy(dst[o:o+cnt], src[i:i+cnt])
			return
		}
		for k := 0; k < cnt; k++ {
			dst[o+k] = src[i+k*stride]
		}
	})
	return nil
}

func (op transposeOp) backward(e *execution, n *Node) error {
	x := n.inputs[0]
	if !e.needsGrad(x) {
		return nil
	}
	g, dx := e.grad(n).data, e.grad(x).data
	walkTranspose(e.value(x).shape, op.perm, func(o, i, cnt, stride int) {
		for k := 0; k < cnt; k++ {
			dx[i+k*stride] += g[o+k]
		}
	})
	return nil
}

// Reshape gives x a new shape with the same number of elements, like
// tf.reshape; one dimension may be -1 and is then inferred. The value
// shares x's storage.
func Reshape(x *Node, shape ...int) *Node {
	g, err := operands("Reshape", x)
	if err != nil {
		return failed(g, "Reshape", err, x)
	}
	target := append([]int(nil), shape...)
	infer := 0
	for _, d := range target {
		if d == -1 {
			infer++
		} else if d < 0 {
			return failedf(g, "Reshape", []*Node{x}, "shape %v has a negative dimension", shape)
		}
	}
	if infer > 1 {
		return failedf(g, "Reshape", []*Node{x}, "shape %v has more than one -1", shape)
	}
	static := append([]int(nil), target...)
	if x.unknownRank {
		// Checked when the graph runs.
	} else if shapeKnown(x.shape) {
		s, err := resolveShape(target, shapeSize(x.shape))
		if err != nil {
			return failedf(g, "Reshape", []*Node{x}, "cannot reshape %s: %v", formatShape(x.shape), err)
		}
		static = s
	} else if infer == 0 {
		// The input's known dimensions must divide the fixed target size.
		known := 1
		for _, d := range x.shape {
			if d > 0 {
				known *= d
			}
		}
		if total := shapeSize(target); known > 0 && total%known != 0 {
			return failedf(g, "Reshape", []*Node{x}, "cannot reshape %s into %s", formatShape(x.shape), formatShape(target))
		}
	}
	return newOp(g, "Reshape", reshapeOp{shape: target}, []*Node{x}, static, x.dtype, nil)
}

type reshapeOp struct{ shape []int }

func (reshapeOp) aliasesInput() bool { return true }

func (op reshapeOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	var buf [maxStackRank]int
	s, err := resolveShapeInto(buf[:0], op.shape, len(x.data))
	if err != nil {
		return fmt.Errorf("cannot reshape %s: %v", formatShape(x.shape), err)
	}
	e.alias(n, x.data, s)
	return nil
}

func (reshapeOp) backward(e *execution, n *Node) error {
	x := n.inputs[0]
	if !e.needsGrad(x) {
		return nil
	}
	dx := e.grad(x).data
	for i, v := range e.grad(n).data {
		dx[i] += v
	}
	return nil
}

// Split cuts x into num equal parts along axis, like tf.split(x, num,
// axis). Parts along axis 0 share x's storage.
func Split(x *Node, num, axis int) []*Node {
	g, err := operands("Split", x)
	if err == nil {
		err = requireRank("Split", x)
	}
	if err != nil {
		return []*Node{failed(g, "Split", err, x)}
	}
	ax, ok := normAxis(axis, len(x.shape))
	if !ok {
		return []*Node{failedf(g, "Split", []*Node{x}, "axis %d out of range for shape %s", axis, formatShape(x.shape))}
	}
	if num <= 0 {
		return []*Node{failedf(g, "Split", []*Node{x}, "number of parts must be positive, got %d", num)}
	}
	d := x.shape[ax]
	if d >= 0 && d%num != 0 {
		return []*Node{failedf(g, "Split", []*Node{x}, "dimension %d of shape %s (%d) does not divide into %d equal parts",
			ax, formatShape(x.shape), d, num)}
	}
	parts := make([]*Node, num)
	for i := range parts {
		shape := append([]int(nil), x.shape...)
		if d >= 0 {
			shape[ax] = d / num
		}
		parts[i] = newOp(g, "Split", splitOp{index: i, num: num, axis: ax}, []*Node{x}, shape, x.dtype, nil)
	}
	return parts
}

// splitOp is one part of a split.
type splitOp struct{ index, num, axis int }

func (op splitOp) aliasesInput() bool { return op.axis == 0 }

// geometry returns, for the input shape, the number of outer blocks, the
// length of one block and the offset and length of this part in a block.
func (op splitOp) geometry(shape []int) (outer, block, off, length int, err error) {
	if op.axis >= len(shape) || shape[op.axis]%op.num != 0 {
		return 0, 0, 0, 0, fmt.Errorf("input of shape %s does not split into %d parts along axis %d",
			formatShape(shape), op.num, op.axis)
	}
	outer = 1
	for _, d := range shape[:op.axis] {
		outer *= d
	}
	inner := 1
	for _, d := range shape[op.axis+1:] {
		inner *= d
	}
	part := shape[op.axis] / op.num
	block = shape[op.axis] * inner
	length = part * inner
	off = op.index * length
	return outer, block, off, length, nil
}

func (op splitOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	outer, block, off, length, err := op.geometry(x.shape)
	if err != nil {
		return err
	}
	var buf [maxStackRank]int
	shape := append(buf[:0], x.shape...)
	shape[op.axis] /= op.num
	if op.axis == 0 {
		e.alias(n, x.data[off:off+length:off+length], shape)
		return nil
	}
	out := e.output(n, shape...)
	for b := 0; b < outer; b++ {
		copy(out.data[b*length:(b+1)*length], x.data[b*block+off:b*block+off+length])
	}
	return nil
}

func (op splitOp) backward(e *execution, n *Node) error {
	x := n.inputs[0]
	if !e.needsGrad(x) {
		return nil
	}
	outer, block, off, length, err := op.geometry(e.value(x).shape)
	if err != nil {
		return err
	}
	g, dx := e.grad(n).data, e.grad(x).data
	for b := 0; b < outer; b++ {
		dst := dx[b*block+off : b*block+off+length]
		for i, v := range g[b*length : (b+1)*length] {
			dst[i] += v
		}
	}
	return nil
}

// Concat joins nodes along axis, like tf.concat(nodes, axis). All
// dimensions but axis must agree.
func Concat(nodes []*Node, axis int) *Node {
	if len(nodes) == 0 {
		return failedf(DefaultGraph(), "Concat", nil, "no inputs")
	}
	g, err := operands("Concat", nodes...)
	if err == nil {
		err = requireRank("Concat", nodes...)
	}
	if err != nil {
		return failed(g, "Concat", err, nodes...)
	}
	first := nodes[0]
	r := len(first.shape)
	ax, ok := normAxis(axis, r)
	if !ok {
		return failedf(g, "Concat", nodes, "axis %d out of range for shape %s", axis, formatShape(first.shape))
	}
	shape := append([]int(nil), first.shape...)
	for i, in := range nodes[1:] {
		if len(in.shape) != r {
			return failedf(g, "Concat", nodes, "input %d has shape %s, input 0 has %s: ranks differ",
				i+1, formatShape(in.shape), formatShape(first.shape))
		}
		if in.dtype != first.dtype {
			return failedf(g, "Concat", nodes, "input %d is %s, input 0 is %s", i+1, in.dtype, first.dtype)
		}
		for d := range shape {
			if d == ax {
				if shape[d] < 0 || in.shape[d] < 0 {
					shape[d] = -1
				} else {
					shape[d] += in.shape[d]
				}
				continue
			}
			if !dimsCompatible(shape[d], in.shape[d]) {
				return failedf(g, "Concat", nodes, "input %d has shape %s, input 0 has %s: dimension %d differs",
					i+1, formatShape(in.shape), formatShape(first.shape), d)
			}
			shape[d] = mergeDim(shape[d], in.shape[d])
		}
	}
	return newOp(g, "Concat", concatOp{axis: ax}, append([]*Node(nil), nodes...), shape, first.dtype, nil)
}

type concatOp struct{ axis int }

// layout checks the inputs' run-time shapes and returns the output shape,
// the number of outer blocks and each input's block length, in shapeBuf's
// and lenBuf's storage when they are large enough (so that a step does not
// allocate).
func (op concatOp) layout(e *execution, n *Node, shapeBuf, lenBuf []int) ([]int, int, []int, error) {
	first := e.value(n.inputs[0])
	shape := append(shapeBuf[:0], first.shape...)
	shape[op.axis] = 0
	lengths := lenBuf[:0]
	for range n.inputs {
		lengths = append(lengths, 0)
	}
	outer := 1
	for _, d := range first.shape[:op.axis] {
		outer *= d
	}
	for i, in := range n.inputs {
		v := e.value(in)
		for d := range shape {
			if d != op.axis && v.shape[d] != first.shape[d] {
				return nil, 0, nil, fmt.Errorf("input %d has shape %s, input 0 has %s", i, formatShape(v.shape), formatShape(first.shape))
			}
		}
		shape[op.axis] += v.shape[op.axis]
		if outer > 0 {
			lengths[i] = len(v.data) / outer
		}
	}
	return shape, outer, lengths, nil
}

func (op concatOp) forward(e *execution, n *Node) error {
	var sb [maxStackRank]int
	var lb [8]int
	shape, outer, lengths, err := op.layout(e, n, sb[:], lb[:])
	if err != nil {
		return err
	}
	out := e.output(n, shape...)
	pos := 0
	for b := 0; b < outer; b++ {
		for i, in := range n.inputs {
			l := lengths[i]
			copy(out.data[pos:pos+l], e.value(in).data[b*l:(b+1)*l])
			pos += l
		}
	}
	return nil
}

func (op concatOp) backward(e *execution, n *Node) error {
	var sb [maxStackRank]int
	var lb [8]int
	_, outer, lengths, err := op.layout(e, n, sb[:], lb[:])
	if err != nil {
		return err
	}
	g := e.grad(n).data
	pos := 0
	for b := 0; b < outer; b++ {
		for i, in := range n.inputs {
			l := lengths[i]
			if e.needsGrad(in) {
				dx := e.grad(in).data[b*l : (b+1)*l]
				for k, v := range g[pos : pos+l] {
					dx[k] += v
				}
			}
			pos += l
		}
	}
	return nil
}

// Cast converts x to dtype, like tf.cast: Bool, Int64 and Int32 values
// become float32 0/1 and whole numbers; to Int64 or Int32 rounds toward
// zero; to Bool is 1
// for every non-zero value. Gradients pass through casts between float32
// types.
func Cast(x *Node, dtype DType) *Node {
	g, err := operands("Cast", x)
	if err != nil {
		return failed(g, "Cast", err, x)
	}
	if !dtype.valid() {
		return failedf(g, "Cast", []*Node{x}, "invalid dtype %d", int(dtype))
	}
	convert := (dtype.integer() && x.dtype == Float32) || (dtype == Bool && x.dtype != Bool)
	return derived(newOp(g, "Cast", castOp{to: dtype, convert: convert}, []*Node{x}, append([]int(nil), x.shape...), dtype, nil), x)
}

type castOp struct {
	to      DType
	convert bool
}

func (op castOp) aliasesInput() bool { return !op.convert }

func (op castOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	if !op.convert {
		e.alias(n, x.data, x.shape)
		return nil
	}
	out := e.output(n, x.shape...)
	for i, v := range x.data {
		switch op.to {
		case Int64, Int32:
			out.data[i] = float32(int64(v))
		case Bool:
			out.data[i] = 0
			if v != 0 {
				out.data[i] = 1
			}
		}
	}
	return nil
}

func (op castOp) backward(e *execution, n *Node) error {
	x := n.inputs[0]
	if op.to != Float32 || x.dtype != Float32 || !e.needsGrad(x) {
		return nil
	}
	dx := e.grad(x).data
	for i, v := range e.grad(n).data {
		dx[i] += v
	}
	return nil
}

// Shape returns x's shape when the graph runs, as an Int32 1-D tensor,
// like tf.shape(x): unlike Node.Shape, it knows the dimensions that are
// None until a tensor is fed, such as the batch size. Its length is x's
// rank (None when the rank is unknown). Unstack picks a dimension out of
// it, as tf.shape(x)[0] does: rnn.Unstack(rnn.Shape(x), rank, 0)[0].
func Shape(x *Node) *Node {
	g, err := operands("Shape", x)
	if err != nil {
		return failed(g, "Shape", err, x)
	}
	shape := []int{None}
	if !x.unknownRank {
		shape[0] = len(x.shape)
	}
	return newOp(g, "Shape", shapeOp{}, []*Node{x}, shape, Int32, nil)
}

// shapeOp computes Shape.
type shapeOp struct{}

func (shapeOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	out := e.output(n, len(x.shape)).data
	for i, d := range x.shape {
		out[i] = float32(d)
	}
	return nil
}

// backward does nothing: a shape has no gradient.
func (shapeOp) backward(*execution, *Node) error { return nil }
