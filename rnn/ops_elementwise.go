package rnn

import (
	"fmt"
	"math"
)

// broadcastShape works out the static shape of an element-wise op under
// NumPy's rules: shapes are aligned at their last dimensions, and each pair
// of dimensions must be equal or one of them 1 (a missing dimension counts
// as 1). An unknown dimension goes with anything: the run checks it.
func broadcastShape(a, b []int) ([]int, error) {
	r := max(len(a), len(b))
	out := make([]int, r)
	for i := 0; i < r; i++ {
		da, db := 1, 1
		if k := len(a) - r + i; k >= 0 {
			da = a[k]
		}
		if k := len(b) - r + i; k >= 0 {
			db = b[k]
		}
		switch {
		case da == 1:
			out[i] = db
		case db == 1:
			out[i] = da
		case da < 0 && db < 0:
			out[i] = None
		case da < 0:
			out[i] = db
		case db < 0 || da == db:
			out[i] = da
		default:
			return nil, fmt.Errorf("shapes %s and %s are incompatible: dimension %d is %d in one and %d in the other (aligned at the last dimension, sizes must be equal or 1)",
				formatShape(a), formatShape(b), i, da, db)
		}
	}
	return out, nil
}

// bcast is a general broadcast at run time: the output shape and, for each
// operand, its stride along each output dimension (0 where it repeats).
type bcast struct {
	rank        int
	out, sa, sb [maxStackRank]int
}

// makeBcast checks the run-time shapes of a and b under broadcastShape's
// rules.
func makeBcast(a, b []int) (bcast, error) {
	var bc bcast
	r := max(len(a), len(b))
	if r > maxStackRank {
		return bc, fmt.Errorf("broadcasting is limited to %d dimensions, got shapes %s and %s", maxStackRank, formatShape(a), formatShape(b))
	}
	bc.rank = r
	strideA, strideB := 1, 1
	for i := r - 1; i >= 0; i-- {
		da, db := 1, 1
		if k := len(a) - r + i; k >= 0 {
			da = a[k]
		}
		if k := len(b) - r + i; k >= 0 {
			db = b[k]
		}
		switch {
		case da == db:
			bc.out[i] = da
		case da == 1:
			bc.out[i] = db
		case db == 1:
			bc.out[i] = da
		default:
			return bc, fmt.Errorf("shapes %s and %s do not broadcast: dimension %d is %d in one and %d in the other",
				formatShape(a), formatShape(b), i, da, db)
		}
		if da != 1 {
			bc.sa[i] = strideA
		}
		if db != 1 {
			bc.sb[i] = strideB
		}
		strideA *= da
		strideB *= db
	}
	return bc, nil
}

// shape returns the output shape.
func (bc *bcast) shape() []int { return bc.out[:bc.rank] }

// walk calls visit for each run of the output's last dimension, with the
// offsets of the run in the output and in both operands and the operands'
// strides along it.
func (bc *bcast) walk(visit func(o, ia, ib, n, sa, sb int)) {
	r := bc.rank
	if r == 0 {
		visit(0, 0, 0, 1, 0, 0)
		return
	}
	for _, d := range bc.out[:r] {
		if d == 0 {
			return
		}
	}
	last := bc.out[r-1]
	var idx [maxStackRank]int
	o, ia, ib := 0, 0, 0
	for {
		visit(o, ia, ib, last, bc.sa[r-1], bc.sb[r-1])
		o += last
		d := r - 2
		for ; d >= 0; d-- {
			idx[d]++
			ia += bc.sa[d]
			ib += bc.sb[d]
			if idx[d] < bc.out[d] {
				break
			}
			ia -= bc.sa[d] * bc.out[d]
			ib -= bc.sb[d] * bc.out[d]
			idx[d] = 0
		}
		if d < 0 {
			return
		}
	}
}

// forwardGeneral computes a binary op whose operands broadcast in more
// than the trailing-dimensions way.
func (op binaryOp) forwardGeneral(e *execution, n *Node) error {
	av, bv := e.value(n.inputs[0]), e.value(n.inputs[1])
	bc, err := makeBcast(av.shape, bv.shape)
	if err != nil {
		return err
	}
	out := e.output(n, bc.shape()...)
	a, b, od := av.data, bv.data, out.data
	bc.walk(func(o, ia, ib, cnt, sa, sb int) {
		for k := 0; k < cnt; k++ {
			x, y := a[ia+k*sa], b[ib+k*sb]
			var v float32
			switch op.kind {
			case binAdd:
				v = x + y
			case binSub:
				v = x - y
			case binMul:
				v = x * y
			case binDiv:
				v = x / y
			case binEqual:
				if x == y {
					v = 1
				}
			}
			od[o+k] = v
		}
	})
	return nil
}

// backwardGeneral is the gradient of forwardGeneral, and of every Div:
// each operand's gradient sums the output's over the positions where the
// operand was repeated.
func (op binaryOp) backwardGeneral(e *execution, n *Node) error {
	an, bn := n.inputs[0], n.inputs[1]
	av, bv := e.value(an), e.value(bn)
	bc, err := makeBcast(av.shape, bv.shape)
	if err != nil {
		return err
	}
	var da, db []float32
	if e.needsGrad(an) {
		da = e.grad(an).data
	}
	if e.needsGrad(bn) {
		db = e.grad(bn).data
	}
	a, b, g := av.data, bv.data, e.grad(n).data
	bc.walk(func(o, ia, ib, cnt, sa, sb int) {
		for k := 0; k < cnt; k++ {
			gv, i, j := g[o+k], ia+k*sa, ib+k*sb
			var ga, gb float32
			switch op.kind {
			case binAdd:
				ga, gb = gv, gv
			case binSub:
				ga, gb = gv, -gv
			case binMul:
				ga, gb = gv*b[j], gv*a[i]
			case binDiv:
				ga = gv / b[j]
				gb = -ga * a[i] / b[j]
			}
			if da != nil {
				da[i] += ga
			}
			if db != nil {
				db[j] += gb
			}
		}
	})
	return nil
}

// mathKind selects the function of a mathOp.
type mathKind int

const (
	mathLog mathKind = iota
	mathExp
	mathNeg
	mathSquare
	mathSqrt
	mathAbs
	mathPow
	mathFloor
)

var mathNames = [...]string{mathLog: "Log", mathExp: "Exp", mathNeg: "Neg", mathSquare: "Square",
	mathSqrt: "Sqrt", mathAbs: "Abs", mathPow: "Pow", mathFloor: "Floor"}

// mathOp is an element-wise function of one operand; p is Pow's exponent.
type mathOp struct {
	kind mathKind
	p    float64
}

func newMath(kind mathKind, p float64, x *Node) *Node {
	name := mathNames[kind]
	g, err := operands(name, x)
	if err != nil {
		return failed(g, name, err, x)
	}
	if err := requireFloat(name, x); err != nil {
		return failed(g, name, err, x)
	}
	return derived(newOp(g, name, mathOp{kind: kind, p: p}, []*Node{x}, append([]int(nil), x.shape...), Float32, nil), x)
}

// Log returns the natural logarithm of x element-wise, like tf.log: -Inf
// at 0 and NaN below.
func Log(x *Node) *Node { return newMath(mathLog, 0, x) }

// Exp returns e to the power x element-wise, like tf.exp.
func Exp(x *Node) *Node { return newMath(mathExp, 0, x) }

// Neg returns -x element-wise, like -x or tf.negative.
func Neg(x *Node) *Node { return newMath(mathNeg, 0, x) }

// Square returns x·x element-wise, like tf.square.
func Square(x *Node) *Node { return newMath(mathSquare, 0, x) }

// Sqrt returns the square root of x element-wise, like tf.sqrt.
func Sqrt(x *Node) *Node { return newMath(mathSqrt, 0, x) }

// Abs returns |x| element-wise, like tf.abs; its gradient at 0 is 0, as
// TensorFlow's.
func Abs(x *Node) *Node { return newMath(mathAbs, 0, x) }

// Pow returns x to the power p element-wise, like tf.pow(x, p) with a
// constant exponent.
func Pow(x *Node, p float64) *Node { return newMath(mathPow, p, x) }

// Floor returns the largest integer not above x element-wise, like
// tf.floor; its gradient is zero.
func Floor(x *Node) *Node { return newMath(mathFloor, 0, x) }

func (op mathOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	o := e.output(n, x.shape...).data
	switch op.kind {
	case mathLog:
		for i, v := range x.data {
			o[i] = float32(math.Log(float64(v)))
		}
	case mathExp:
		for i, v := range x.data {
			o[i] = float32(math.Exp(float64(v)))
		}
	case mathNeg:
		for i, v := range x.data {
			o[i] = -v
		}
	case mathSquare:
		for i, v := range x.data {
			o[i] = v * v
		}
	case mathSqrt:
		for i, v := range x.data {
			o[i] = float32(math.Sqrt(float64(v)))
		}
	case mathAbs:
		for i, v := range x.data {
			o[i] = float32(math.Abs(float64(v)))
		}
	case mathPow:
		for i, v := range x.data {
			o[i] = float32(math.Pow(float64(v), op.p))
		}
	case mathFloor:
		for i, v := range x.data {
			o[i] = float32(math.Floor(float64(v)))
		}
	}
	return nil
}

func (op mathOp) backward(e *execution, n *Node) error {
	xn := n.inputs[0]
	if !e.needsGrad(xn) {
		return nil
	}
	x, y := e.value(xn).data, e.value(n).data
	g, dx := e.grad(n).data, e.grad(xn).data
	switch op.kind {
	case mathLog:
		for i, v := range g {
			dx[i] += v / x[i]
		}
	case mathExp:
		for i, v := range g {
			dx[i] += v * y[i]
		}
	case mathNeg:
		for i, v := range g {
			dx[i] -= v
		}
	case mathSquare:
		for i, v := range g {
			dx[i] += 2 * v * x[i]
		}
	case mathSqrt:
		for i, v := range g {
			dx[i] += v / (2 * y[i])
		}
	case mathAbs:
		for i, v := range g {
			switch {
			case x[i] > 0:
				dx[i] += v
			case x[i] < 0:
				dx[i] -= v
			}
		}
	case mathPow:
		for i, v := range g {
			dx[i] += v * float32(op.p*math.Pow(float64(x[i]), op.p-1))
		}
	}
	return nil
}
