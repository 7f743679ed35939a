package rnn

import (
	"fmt"
	"strconv"
	"strings"
)

// The String methods of this file give the values a notebook shows
// when a cell ends with them: one line with the kind, shape and names
// that matter, instead of the pointers and buffers inside.

// String describes the graph by its size and its variables' names, e.g.
// Graph(12 nodes, 2 variables: w, b).
func (g *Graph) String() string {
	if g == nil {
		return "<nil graph>"
	}
	g.mu.Lock()
	nodes := len(g.nodes)
	names := make([]string, len(g.variables))
	for i, v := range g.variables {
		names[i] = v.name
	}
	err := g.firstErr
	g.mu.Unlock()
	s := fmt.Sprintf("Graph(%s, %s", plural(nodes, "node"), plural(len(names), "variable"))
	if len(names) > 0 {
		const shown = 6
		if len(names) > shown {
			names = append(names[:shown], "…")
		}
		s += ": " + strings.Join(names, ", ")
	}
	s += ")"
	if err != nil {
		s += " error: " + err.Error()
	}
	return s
}

// String describes the session by the graph it runs, e.g.
// Session(Graph(12 nodes, 2 variables: w, b)).
func (s *Session) String() string {
	if s == nil {
		return "<nil session>"
	}
	return "Session(" + s.g.String() + ")"
}

// String describes the initializer as the call that makes it, e.g.
// GlorotUniform(shape=[3,2]).
func (in Initializer) String() string {
	shape := formatShape(in.shape)
	switch in.kind {
	case initZeros:
		return "Zeros(shape=" + shape + ")"
	case initConstant:
		return "Constant(" + strconv.FormatFloat(float64(in.value), 'g', -1, 32) + ", shape=" + shape + ")"
	case initNormal:
		return "RandomNormal(shape=" + shape + ")"
	case initGlorotUniform:
		return "GlorotUniform(shape=" + shape + ")"
	case initTensor:
		if in.tensor == nil {
			return "TensorInit(nil)"
		}
		return "TensorInit(shape=" + shape + ")"
	}
	return "Initializer(shape=" + shape + ")"
}

// String describes the optimizer by its rule and hyper-parameters, e.g.
// AdamOptimizer(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08).
func (o *Optimizer) String() string {
	if o == nil {
		return "<nil optimizer>"
	}
	name := "Optimizer"
	if int(o.kind) < len(optimizerNames) {
		name = optimizerNames[o.kind] + "Optimizer"
	}
	params := []string{"learning_rate=" + num(o.LearningRate)}
	if o.LearningRateNode != nil {
		params[0] = "learning_rate=" + o.LearningRateNode.Name()
	}
	switch o.kind {
	case optMomentum:
		params = append(params, "momentum="+num(o.Momentum))
	case optAdam:
		params = append(params, "beta1="+num(o.Beta1), "beta2="+num(o.Beta2), "epsilon="+num(o.Epsilon))
	case optRMSProp:
		params = append(params, "decay="+num(o.Decay), "momentum="+num(o.Momentum), "epsilon="+num(o.Epsilon))
	}
	if o.GlobalStep != nil {
		params = append(params, "global_step="+o.GlobalStep.Name())
	}
	return name + "(" + strings.Join(params, ", ") + ")"
}

// String describes the cell by its size and, once it was used, its
// kernel's name, e.g. BasicLSTMCell(units=128, forget_bias=1).
func (c *LSTMCell) String() string {
	if c == nil {
		return "<nil LSTM cell>"
	}
	return fmt.Sprintf("BasicLSTMCell(units=%d, forget_bias=%s%s)", c.Units, num(c.ForgetBias), kernelName(c.kernel))
}

// String describes the cell by its size, e.g. GRUCell(units=128).
func (c *GRU) String() string {
	if c == nil {
		return "<nil GRU cell>"
	}
	return fmt.Sprintf("GRUCell(units=%d%s)", c.Units, kernelName(c.gateKernel))
}

// String lists the stacked cells, first layer first.
func (c *MultiCell) String() string {
	if c == nil {
		return "<nil multi cell>"
	}
	layers := make([]string, len(c.Cells))
	for i, cell := range c.Cells {
		layers[i] = fmt.Sprint(cell)
	}
	return "MultiRNNCell([" + strings.Join(layers, ", ") + "])"
}

// String describes the wrapped cell and its keep probabilities' nodes.
func (c *DropoutCell) String() string {
	if c == nil {
		return "<nil dropout cell>"
	}
	keep := func(n *Node) string {
		if n == nil {
			return "none"
		}
		return n.Name()
	}
	return fmt.Sprintf("DropoutWrapper(%v, input_keep=%s, output_keep=%s)", c.Cell, keep(c.InputKeep), keep(c.OutputKeep))
}

// kernelName is ", kernel=NAME" for a cell whose variables exist.
func kernelName(n *Node) string {
	if n == nil {
		return ""
	}
	return ", kernel=" + n.name
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
