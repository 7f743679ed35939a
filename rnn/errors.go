package rnn

import "fmt"

// OpError reports a failure of one node, either when the graph is built
// (incompatible shapes, a bad axis) or when it runs (an unfed placeholder,
// a fed tensor of the wrong shape, a cancelled context). Errors from
// building are recorded on the node, passed on to every node built from
// it, and returned again by Session.Run and Graph.Err.
type OpError struct {
	Op   string // op type, e.g. "MatMul"
	Node string // node name, e.g. "basic/MatMul_1"
	Err  error  // what went wrong
}

// Error formats the error as "rnn: <node> (<op>): <what went wrong>".
func (e *OpError) Error() string {
	if e.Node == "" || e.Node == e.Op {
		return fmt.Sprintf("rnn: %s: %v", e.Op, e.Err)
	}
	return fmt.Sprintf("rnn: %s (%s): %v", e.Node, e.Op, e.Err)
}

// Unwrap returns the underlying error, so errors.Is(err, context.Canceled)
// works on errors from a cancelled Run.
func (e *OpError) Unwrap() error { return e.Err }

// opErrorf builds an OpError for op with a formatted message.
func opErrorf(op, node string, format string, args ...any) *OpError {
	return &OpError{Op: op, Node: node, Err: fmt.Errorf(format, args...)}
}
