package rnn

import (
	"fmt"
	"sync/atomic"
)

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

// panicOnBuildError is the mode set by SetPanicOnBuildError.
var panicOnBuildError atomic.Bool

// SetPanicOnBuildError chooses how a graph-building mistake surfaces. Off
// (the default for Go programs), the op returns a node that carries the
// *OpError: Node.Err, Graph.Err and Err report it at once, and every node
// built from it, and every Run that needs it, returns it again. On, the op
// also panics with that *OpError where it is built, as TensorFlow raises
// at graph construction: the notebook kernel and rnnrepl turn it on, so
// that the cell that made the mistake stops there and shows the op's name
// and shapes. The graph records the error either way.
func SetPanicOnBuildError(on bool) { panicOnBuildError.Store(on) }

// PanicOnBuildError reports the mode set by SetPanicOnBuildError.
func PanicOnBuildError() bool { return panicOnBuildError.Load() }

// Err returns the first error recorded while building the default graph,
// or nil; see Graph.Err.
func Err() error { return DefaultGraph().Err() }
