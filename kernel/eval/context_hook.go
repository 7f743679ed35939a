package eval

import (
	"context"

	"github.com/gornn/gornn/rnn"
)

// setDefaultContext hands the cell's context to compiled packages whose
// long calls check it for cancellation: a graph run by package rnn stops
// when the cell is interrupted.
func setDefaultContext(ctx context.Context) { rnn.SetDefaultContext(ctx) }

// A cell that builds an op from incompatible operands stops there, with
// the op's name and shapes, as TensorFlow raises at graph construction;
// Go programs that import rnn keep errors on the nodes.
func init() { rnn.SetPanicOnBuildError(true) }
