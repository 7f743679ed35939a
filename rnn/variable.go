package rnn

import "fmt"

// placeholderOp is the op of a placeholder: its value is the fed tensor.
type placeholderOp struct{}

// variableOp is the op of a variable: its value lives in the session.
type variableOp struct{}

// constOp is the op of a constant: its value is fixed in the graph.
type constOp struct{ value *Tensor }

// Placeholder adds an input to the graph whose value is fed at each Run,
// like tf.placeholder(dtype, shape). Use None for dimensions not known in
// advance (the batch size). Without a shape, like tf.placeholder(dtype),
// it takes a tensor of any shape, scalars included. An empty shape means
// the same: the interpreter that runs notebook cells passes an empty
// slice, not nil, for a call without the variadic arguments, so the two
// cannot be told apart.
func (g *Graph) Placeholder(dtype DType, shape ...int) *Node {
	anyShape := len(shape) == 0
	shape = append([]int(nil), shape...)
	for _, d := range shape {
		if d < None {
			return failedf(g, "Placeholder", nil, "shape %v: dimensions must be >= 0 or None (-1)", shape)
		}
	}
	if !dtype.valid() {
		return failedf(g, "Placeholder", nil, "invalid dtype %d", int(dtype))
	}
	return g.add(&Node{opType: "Placeholder", op: placeholderOp{}, shape: shape, dtype: dtype, unknownRank: anyShape})
}

// Placeholder adds a placeholder to the default graph; see
// Graph.Placeholder.
func Placeholder(dtype DType, shape ...int) *Node { return DefaultGraph().Placeholder(dtype, shape...) }

// VariableOption changes how Variable and GetVariable make a variable.
type VariableOption struct {
	notTrainable bool
}

// Trainable(false) makes a variable that Minimize leaves alone, like
// tf.Variable(init, trainable=False): a global step, a running average.
// Variables are trainable by default.
func Trainable(on bool) VariableOption { return VariableOption{notTrainable: !on} }

// trainable reports whether opts leave a variable trainable.
func trainable(opts []VariableOption) bool {
	for _, o := range opts {
		if o.notTrainable {
			return false
		}
	}
	return true
}

// Trainable reports whether n is a variable that Minimize updates.
func (n *Node) Trainable() bool {
	if n == nil {
		return false
	}
	_, isVar := n.op.(variableOp)
	return isVar && n.trainable
}

// Variable adds a variable named "Variable", "Variable_1", ... (inside the
// current scope) that starts from init when the session runs
// GlobalVariablesInitializer, like tf.Variable(init). It is trainable
// unless made with Trainable(false).
func (g *Graph) Variable(init Initializer, opts ...VariableOption) *Node {
	if err := init.check(); err != nil {
		return failed(g, "Variable", err)
	}
	n := &Node{opType: "Variable", op: variableOp{}, shape: init.Shape(), dtype: Float32, init: init, trainable: trainable(opts)}
	g.mu.Lock()
	n.name = g.uniqueNameLocked("Variable")
	g.registerVariableLocked(n)
	g.mu.Unlock()
	return g.add(n)
}

// Variable adds a variable to the default graph; see Graph.Variable.
func Variable(init Initializer, opts ...VariableOption) *Node {
	return DefaultGraph().Variable(init, opts...)
}

// GetVariable returns the variable called name inside the current variable
// scope, creating it from init the first time, like tf.get_variable under
// reuse=tf.AUTO_REUSE. Asking again for an existing variable with another
// shape is an error. Options apply when the variable is created.
func (g *Graph) GetVariable(name string, init Initializer, opts ...VariableOption) *Node {
	if err := init.check(); err != nil {
		return failed(g, "Variable", fmt.Errorf("%s: %w", name, err))
	}
	g.mu.Lock()
	full := g.scopedLocked(name)
	if v, ok := g.varByName[full]; ok {
		g.mu.Unlock()
		if !sameShape(v.shape, init.shape) {
			return failedf(g, "Variable", nil, "variable %s exists with shape %s, asked for %s",
				full, formatShape(v.shape), formatShape(init.shape))
		}
		return v
	}
	n := &Node{opType: "Variable", op: variableOp{}, shape: init.Shape(), dtype: Float32, init: init, trainable: trainable(opts), name: full}
	g.names[full]++
	g.registerVariableLocked(n)
	g.mu.Unlock()
	return g.add(n)
}

// GetVariable gets or creates a variable of the default graph; see
// Graph.GetVariable.
func GetVariable(name string, init Initializer, opts ...VariableOption) *Node {
	return DefaultGraph().GetVariable(name, init, opts...)
}

func (g *Graph) registerVariableLocked(n *Node) {
	n.varIndex = len(g.variables)
	g.variables = append(g.variables, n)
	g.varByName[n.name] = n
}

// Const adds a constant holding a copy of t, like tf.constant.
func (g *Graph) Const(t *Tensor) *Node {
	if t == nil {
		return failedf(g, "Const", nil, "nil tensor")
	}
	c := t.Clone()
	return g.add(&Node{opType: "Const", op: constOp{value: c}, shape: c.Shape(), dtype: Float32})
}

// Const adds a constant to the default graph; see Graph.Const.
func Const(t *Tensor) *Node { return DefaultGraph().Const(t) }

func (placeholderOp) forward(e *execution, n *Node) error {
	t, ok := e.feeds[n]
	if !ok {
		return fmt.Errorf("placeholder of shape %s was not fed (add it to Feeds)", nodeShape(n))
	}
	if t.lazy != nil {
		// A lazy feed is converted into the placeholder's own buffer, for
		// this run (or chunk) only.
		t.CopyValues(e.output(n, t.shape...).data, 0)
		return nil
	}
	e.alias(n, t.data, t.shape)
	return nil
}

func (placeholderOp) backward(*execution, *Node) error { return nil }

func (variableOp) forward(e *execution, n *Node) error {
	st := e.s.state(n)
	if !st.initialized {
		return fmt.Errorf("variable is not initialized: run GlobalVariablesInitializer() (or Restore) first")
	}
	return nil
}

func (variableOp) backward(*execution, *Node) error { return nil }

func (c constOp) forward(e *execution, n *Node) error {
	e.alias(n, c.value.data, c.value.shape)
	return nil
}

func (constOp) backward(*execution, *Node) error { return nil }
