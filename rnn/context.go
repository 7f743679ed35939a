package rnn

import (
	"context"
	"sync/atomic"
)

// defaultCtx holds the context of Run; an atomic pointer rather than a
// mutex because every Run reads it, and the kernel sets it once per cell.
var defaultCtx atomic.Pointer[context.Context]

func init() {
	bg := context.Background()
	defaultCtx.Store(&bg)
}

// SetDefaultContext sets the context that Session.Run, RunList and MustRun
// use. Cancelling it stops a running graph promptly with an error that
// satisfies errors.Is(err, context.Canceled). A nil ctx restores
// context.Background().
func SetDefaultContext(ctx context.Context) {
	if ctx == nil {
		ctx = context.Background()
	}
	defaultCtx.Store(&ctx)
}

// DefaultContext returns the context set by SetDefaultContext.
func DefaultContext() context.Context { return *defaultCtx.Load() }
