package rnn

import (
	"context"
	"sync"
)

var (
	defaultCtxMu sync.Mutex
	defaultCtx   context.Context = context.Background()
)

// SetDefaultContext sets the context that Session.Run, RunList and MustRun
// use. Cancelling it stops a running graph promptly with an error that
// satisfies errors.Is(err, context.Canceled). A nil ctx restores
// context.Background().
func SetDefaultContext(ctx context.Context) {
	if ctx == nil {
		ctx = context.Background()
	}
	defaultCtxMu.Lock()
	defaultCtx = ctx
	defaultCtxMu.Unlock()
}

// DefaultContext returns the context set by SetDefaultContext.
func DefaultContext() context.Context {
	defaultCtxMu.Lock()
	defer defaultCtxMu.Unlock()
	return defaultCtx
}
