package eval

import (
	"context"

	"github.com/gornn/gornn/rnn"
)

// setDefaultContext hands the cell's context to compiled packages whose
// long calls check it for cancellation: a graph run by package rnn stops
// when the cell is interrupted.
func setDefaultContext(ctx context.Context) { rnn.SetDefaultContext(ctx) }
