package rnn

import "fmt"

// binaryKind selects the element-wise function of a binaryOp.
type binaryKind int

const (
	binAdd binaryKind = iota
	binSub
	binMul
	binEqual
	binDiv
)

var binaryNames = [...]string{binAdd: "Add", binSub: "Sub", binMul: "Mul", binEqual: "Equal", binDiv: "Div"}

// binaryOp is an element-wise op of two operands, broadcast as NumPy and
// TensorFlow do (see broadcastShape). The common case, where the small
// operand has the shape of the other's trailing dimensions and is
// repeated (a bias added to every row), has loops of its own.
type binaryOp struct {
	kind binaryKind
}

func newBinary(kind binaryKind, a, b *Node) *Node {
	name := binaryNames[kind]
	g, err := operands(name, a, b)
	if err != nil {
		return failed(g, name, err, a, b)
	}
	if kind == binEqual {
		if a.dtype != b.dtype {
			return failedf(g, name, []*Node{a, b}, "operands have types %s and %s", a.dtype, b.dtype)
		}
	} else if err := requireFloat(name, a, b); err != nil {
		return failed(g, name, err, a, b)
	}
	dtype := Float32
	if kind == binEqual {
		dtype = Bool
	}
	if anyUnknownRank(a, b) {
		return derived(newOp(g, name, binaryOp{kind: kind}, []*Node{a, b}, nil, dtype, nil), a, b)
	}
	shape, err := broadcastShape(a.shape, b.shape)
	if err != nil {
		return failed(g, name, err, a, b)
	}
	return newOp(g, name, binaryOp{kind: kind}, []*Node{a, b}, shape, dtype, nil)
}

// Add returns a + b element-wise, like a + b in TensorFlow. The shapes
// broadcast as in NumPy: aligned at their last dimensions, each pair of
// dimensions must be equal or one of them 1 (or missing), so a scalar
// goes with anything, a bias [n] is added to every row of [batch,n], and
// [batch,1] goes with [batch,n].
func Add(a, b *Node) *Node { return newBinary(binAdd, a, b) }

// Sub returns a - b element-wise, with Add's broadcasting.
func Sub(a, b *Node) *Node { return newBinary(binSub, a, b) }

// Mul returns a * b element-wise, with Add's broadcasting, like
// tf.multiply.
func Mul(a, b *Node) *Node { return newBinary(binMul, a, b) }

// Div returns a / b element-wise, with Add's broadcasting, like a / b or
// tf.divide on floats.
func Div(a, b *Node) *Node { return newBinary(binDiv, a, b) }

// Equal returns 1 where a and b are equal and 0 elsewhere, as a Bool node,
// like tf.equal.
func Equal(a, b *Node) *Node { return newBinary(binEqual, a, b) }

// operandsAtRunTime checks the run-time shapes and returns the values with
// the larger one first; swapped reports that b is the larger one.
func broadcastValues(a, b *Tensor) (big, small *Tensor, swapped bool, err error) {
	big, small = a, b
	if len(b.shape) > len(a.shape) {
		big, small, swapped = b, a, true
	}
	off := len(big.shape) - len(small.shape)
	for i, d := range small.shape {
		if big.shape[off+i] != d {
			return nil, nil, false, fmt.Errorf("shapes %s and %s are incompatible", formatShape(a.shape), formatShape(b.shape))
		}
	}
	return big, small, swapped, nil
}

func (op binaryOp) forward(e *execution, n *Node) error {
	big, small, swapped, err := broadcastValues(e.value(n.inputs[0]), e.value(n.inputs[1]))
	if err != nil {
		return op.forwardGeneral(e, n)
	}
	out := e.output(n, big.shape...)
	bd, sd, od := big.data, small.data, out.data
	m := len(sd)
	if m == 0 {
		return nil
	}
	reps := len(bd) / m
	if len(bd) < parallelElementwise || reps < 2 {
		op.apply(swapped, bd, sd, od)
		return nil
	}
	// A bias added to every row of a big batch: rows in blocks on all cores.
	return e.parallelBinary(reps, binaryRows{op: op, swapped: swapped, bd: bd, sd: sd, od: od})
}

// parallelElementwise is the size from which an element-wise op is shared
// out over the cores.
const parallelElementwise = 1 << 20

// apply computes od = bd op sd, with sd repeated over bd (swapped: sd op bd).
func (op binaryOp) apply(swapped bool, bd, sd, od []float32) {
	m := len(sd)
	// One loop per kind, so that the inner loops stay simple.
	switch {
	case op.kind == binAdd:
		// A copy, then addTo's vector loop: the same sums.
		for base := 0; base < len(bd); base += m {
			o := od[base : base+m]
			copy(o, bd[base:base+m])
			addTo(o, sd)
		}
	case op.kind == binMul:
		for base := 0; base < len(bd); base += m {
			x, o := bd[base:base+m], od[base:base+m]
			for j, v := range sd {
				o[j] = x[j] * v
			}
		}
	case op.kind == binSub && swapped:
		for base := 0; base < len(bd); base += m {
			x, o := bd[base:base+m], od[base:base+m]
			for j, v := range sd {
				o[j] = v - x[j]
			}
		}
	case op.kind == binSub:
		for base := 0; base < len(bd); base += m {
			x, o := bd[base:base+m], od[base:base+m]
			for j, v := range sd {
				o[j] = x[j] - v
			}
		}
	case op.kind == binDiv && swapped:
		for base := 0; base < len(bd); base += m {
			x, o := bd[base:base+m], od[base:base+m]
			for j, v := range sd {
				o[j] = v / x[j]
			}
		}
	case op.kind == binDiv:
		for base := 0; base < len(bd); base += m {
			x, o := bd[base:base+m], od[base:base+m]
			for j, v := range sd {
				o[j] = x[j] / v
			}
		}
	case op.kind == binEqual:
		for base := 0; base < len(bd); base += m {
			x, o := bd[base:base+m], od[base:base+m]
			for j, v := range sd {
				o[j] = 0
				if x[j] == v {
					o[j] = 1
				}
			}
		}
	}
}

func (op binaryOp) backward(e *execution, n *Node) error {
	if op.kind == binEqual {
		return nil
	}
	a, b := n.inputs[0], n.inputs[1]
	av, bv := e.value(a), e.value(b)
	if _, _, _, err := broadcastValues(av, bv); err != nil || op.kind == binDiv {
		return op.backwardGeneral(e, n)
	}
	g := e.grad(n).data
	for side, in := range n.inputs {
		if !e.needsGrad(in) {
			continue
		}
		dst := e.grad(in).data
		m := len(dst)
		if m == 0 {
			continue
		}
		sign := float32(1)
		if op.kind == binSub && side == 1 {
			sign = -1
		}
		var other []float32
		if op.kind == binMul {
			other = bv.data
			if side == 1 {
				other = av.data
			}
		}
		// dst repeats every m elements of g when it is the small operand.
		for base := 0; base < len(g); base += m {
			gb := g[base : base+m]
			switch {
			case op.kind == binAdd:
				addTo(dst, gb)
			case op.kind == binSub:
				for j, v := range gb {
					dst[j] += sign * v
				}
			case op.kind == binMul:
				if len(other) == len(g) {
					ob := other[base : base+m]
					for j, v := range gb {
						dst[j] += v * ob[j]
					}
				} else {
					// other is the small operand, repeating every len(other).
					k := len(other)
					for j, v := range gb {
						dst[j] += v * other[(base+j)%k]
					}
				}
			}
		}
	}
	return nil
}

// MatMul returns the matrix product a·b of a [m,k] and b [k,n], like
// tf.matmul.
func MatMul(a, b *Node) *Node {
	g, err := operands("MatMul", a, b)
	if err != nil {
		return failed(g, "MatMul", err, a, b)
	}
	if err := requireFloat("MatMul", a, b); err != nil {
		return failed(g, "MatMul", err, a, b)
	}
	as, bs := matrixShape(a), matrixShape(b)
	if len(as) != 2 || len(bs) != 2 {
		return failedf(g, "MatMul", []*Node{a, b}, "operands must be matrices, got shapes %s and %s",
			nodeShape(a), nodeShape(b))
	}
	if !dimsCompatible(as[1], bs[0]) {
		return failedf(g, "MatMul", []*Node{a, b}, "shapes %s x %s: inner dimensions %d and %d differ",
			formatShape(as), formatShape(bs), as[1], bs[0])
	}
	return newOp(g, "MatMul", matMulOp{}, []*Node{a, b}, []int{as[0], bs[1]}, Float32, nil)
}

// matrixShape is n's static shape, taken as [?,?] when its rank is
// unknown, since MatMul's result is a matrix in any case.
func matrixShape(n *Node) []int {
	if n.unknownRank {
		return []int{None, None}
	}
	return n.shape
}

type matMulOp struct{}

func (matMulOp) forward(e *execution, n *Node) error {
	a, b := e.value(n.inputs[0]), e.value(n.inputs[1])
	if len(a.shape) != 2 || len(b.shape) != 2 || a.shape[1] != b.shape[0] {
		return fmt.Errorf("shapes %s x %s do not multiply", formatShape(a.shape), formatShape(b.shape))
	}
	m, k, nn := a.shape[0], a.shape[1], b.shape[1]
	out := e.output(n, m, nn)
	return e.matmul(false, false, m, nn, k, a.data, k, b.data, nn, 0, out.data, nn)
}

func (matMulOp) backward(e *execution, n *Node) error {
	a, b := n.inputs[0], n.inputs[1]
	av, bv := e.value(a), e.value(b)
	m, k, nn := av.shape[0], av.shape[1], bv.shape[1]
	g := e.grad(n).data
	if e.needsGrad(a) {
		if err := e.matmul(false, true, m, k, nn, g, nn, bv.data, nn, 1, e.grad(a).data, k); err != nil {
			return err
		}
	}
	if e.needsGrad(b) {
		gemm(true, false, k, nn, m, 1, av.data, k, g, nn, 1, e.grad(b).data, nn)
	}
	return nil
}

// unaryKind selects the function of a unaryOp.
type unaryKind int

const (
	unSigmoid unaryKind = iota
	unTanh
	unRelu
)

var unaryNames = [...]string{unSigmoid: "Sigmoid", unTanh: "Tanh", unRelu: "Relu"}

// unaryOp is an element-wise activation whose derivative can be computed
// from its output.
type unaryOp struct{ kind unaryKind }

func unary(kind unaryKind, x *Node) *Node {
	name := unaryNames[kind]
	g, err := operands(name, x)
	if err != nil {
		return failed(g, name, err, x)
	}
	if err := requireFloat(name, x); err != nil {
		return failed(g, name, err, x)
	}
	return derived(newOp(g, name, unaryOp{kind}, []*Node{x}, append([]int(nil), x.shape...), Float32, nil), x)
}

// Sigmoid returns 1/(1+exp(-x)) element-wise, like tf.sigmoid.
func Sigmoid(x *Node) *Node { return unary(unSigmoid, x) }

// Tanh returns tanh(x) element-wise, like tf.tanh.
func Tanh(x *Node) *Node { return unary(unTanh, x) }

// Relu returns max(x, 0) element-wise, like tf.nn.relu.
func Relu(x *Node) *Node { return unary(unRelu, x) }

func (op unaryOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	out := e.output(n, x.shape...)
	o := out.data
	switch op.kind {
	case unSigmoid:
		for i, v := range x.data {
			o[i] = sigmoid32(v)
		}
	case unTanh:
		for i, v := range x.data {
			o[i] = tanh32(v)
		}
	case unRelu:
		for i, v := range x.data {
			o[i] = max(v, 0)
		}
	}
	return nil
}

func (op unaryOp) backward(e *execution, n *Node) error {
	x := n.inputs[0]
	if !e.needsGrad(x) {
		return nil
	}
	y := e.value(n).data
	g := e.grad(n).data
	dx := e.grad(x).data
	switch op.kind {
	case unSigmoid:
		for i, v := range g {
			dx[i] += v * y[i] * (1 - y[i])
		}
	case unTanh:
		for i, v := range g {
			dx[i] += v * (1 - y[i]*y[i])
		}
	case unRelu:
		for i, v := range g {
			if y[i] > 0 {
				dx[i] += v
			}
		}
	}
	return nil
}
