package rnn

import "fmt"

// Gather takes rows of params by index, like tf.gather(params, indices):
// the result has shape indices.shape + params.shape[1:], and its row at
// position p is params[indices[p]]. indices must be Int32 or Int64 (Cast
// converts float ids); an index out of range is an error of Run.
func Gather(params, indices *Node) *Node { return gather("Gather", params, indices) }

// EmbeddingLookup returns the embedding vectors of ids, rows of params,
// like tf.nn.embedding_lookup(params, ids) with one params matrix: it is
// Gather under TensorFlow's other name. The gradient adds into the rows
// that were looked up.
func EmbeddingLookup(params, ids *Node) *Node { return gather("EmbeddingLookup", params, ids) }

func gather(name string, params, indices *Node) *Node {
	g, err := operands(name, params, indices)
	if err == nil {
		err = requireRank(name, params)
	}
	if err != nil {
		return failed(g, name, err, params, indices)
	}
	if !indices.dtype.integer() {
		return failedf(g, name, []*Node{params, indices}, "indices %s are %s, want int32 or int64 (use Cast)", indices.name, indices.dtype)
	}
	if len(params.shape) == 0 {
		return failedf(g, name, []*Node{params, indices}, "params must have at least one dimension, got a scalar")
	}
	op := gatherOp{}
	if indices.unknownRank {
		return derived(newOp(g, name, op, []*Node{params, indices}, nil, params.dtype, nil), indices)
	}
	shape := append(append([]int(nil), indices.shape...), params.shape[1:]...)
	return newOp(g, name, op, []*Node{params, indices}, shape, params.dtype, nil)
}

// gatherOp copies rows of its first input picked by its second.
type gatherOp struct{}

// rows checks the indices and returns the length of one row of params.
func (gatherOp) rows(params, indices *Tensor) (int, error) {
	if len(params.shape) == 0 {
		return 0, fmt.Errorf("params must have at least one dimension, got a scalar")
	}
	n := params.shape[0]
	for p, v := range indices.data {
		if i := int(v); float32(i) != v || i < 0 || i >= n {
			return 0, fmt.Errorf("index %g at position %d is out of range [0, %d) of params %s",
				v, p, n, formatShape(params.shape))
		}
	}
	return shapeSize(params.shape[1:]), nil
}

func (op gatherOp) forward(e *execution, n *Node) error {
	params, indices := e.value(n.inputs[0]), e.value(n.inputs[1])
	row, err := op.rows(params, indices)
	if err != nil {
		return err
	}
	var buf [maxStackRank]int
	shape := append(append(buf[:0], indices.shape...), params.shape[1:]...)
	out := e.output(n, shape...)
	for p, v := range indices.data {
		i := int(v)
		copy(out.data[p*row:(p+1)*row], params.data[i*row:(i+1)*row])
	}
	return nil
}

func (op gatherOp) backward(e *execution, n *Node) error {
	pn := n.inputs[0]
	if !e.needsGrad(pn) {
		return nil
	}
	params, indices := e.value(pn), e.value(n.inputs[1])
	row, err := op.rows(params, indices)
	if err != nil {
		return err
	}
	g, dp := e.grad(n).data, e.grad(pn).data
	for p, v := range indices.data {
		i := int(v)
		dst := dp[i*row : (i+1)*row]
		for k, gv := range g[p*row : (p+1)*row] {
			dst[k] += gv
		}
	}
	return nil
}
