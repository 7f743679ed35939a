package rnn

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Dropout keeps each element of x with probability keepProb, scaled by
// 1/keepProb so that the expected sum stays, and sets the others to zero,
// like tf.nn.dropout(x, keep_prob). keepProb is a node holding one value,
// usually a placeholder fed Scalar(0.8) while training and Scalar(1) to
// evaluate (which passes x through unchanged). Each run draws a new mask;
// the masks are reproducible from the graph's SetRandomSeed, a stream per
// Dropout node and session. The gradient goes through the kept elements,
// with the same scale.
func Dropout(x, keepProb *Node) *Node {
	const name = "Dropout"
	g, err := operands(name, x, keepProb)
	if err == nil {
		err = requireFloat(name, x, keepProb)
	}
	if err != nil {
		return failed(g, name, err, x, keepProb)
	}
	if !keepProb.unknownRank && shapeKnown(keepProb.shape) && shapeSize(keepProb.shape) != 1 {
		return failedf(g, name, []*Node{x, keepProb}, "keepProb must be a scalar (one value), has shape %s", formatShape(keepProb.shape))
	}
	return derived(newOp(g, name, dropoutOp{}, []*Node{x, keepProb}, append([]int(nil), x.shape...), Float32, nil), x)
}

// dropoutOp keeps its mask (0 or 1/keep per element) for backward.
type dropoutOp struct{}

// randomStream returns n's random stream in this session: fixed by the
// graph's seed and n's position, or fresh without a seed.
func (e *execution) randomStream(n *Node) *rand.Rand {
	st := e.s.state(n)
	if st.rng == nil {
		g := n.g
		g.mu.Lock()
		seed, seeded := g.seed, g.seeded
		g.mu.Unlock()
		if !seeded {
			seed = uint64(time.Now().UnixNano()) ^ rand.Uint64()
		}
		st.rng = rand.New(rand.NewPCG(seed, 0x7f4a7c159e3779b9^uint64(n.id)))
	}
	return st.rng
}

func (dropoutOp) forward(e *execution, n *Node) error {
	x, kp := e.value(n.inputs[0]), e.value(n.inputs[1])
	if len(kp.data) != 1 {
		return fmt.Errorf("keepProb must be a scalar (one value), was fed shape %s", formatShape(kp.shape))
	}
	keep := kp.data[0]
	if !(keep > 0 && keep <= 1) {
		return fmt.Errorf("keepProb must be in (0, 1], got %g", keep)
	}
	out := e.output(n, x.shape...).data
	mask := e.scratch(n, 0, len(x.data))
	if keep == 1 {
		for i := range mask {
			mask[i] = 1
		}
		copy(out, x.data)
		return nil
	}
	rng := e.randomStream(n)
	scale := 1 / keep
	for i, v := range x.data {
		m := float32(0)
		if rng.Float32() < keep {
			m = scale
		}
		mask[i] = m
		out[i] = v * m
	}
	return nil
}

func (dropoutOp) backward(e *execution, n *Node) error {
	xn := n.inputs[0]
	if !e.needsGrad(xn) {
		return nil
	}
	mask := e.s.state(n).aux[0]
	g, dx := e.grad(n).data, e.grad(xn).data
	for i, v := range g {
		dx[i] += v * mask[i]
	}
	return nil
}
