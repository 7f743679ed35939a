package repl

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/gornn/gornn/kernel/eval"
)

// The REPL must outlive a bug in the evaluation core: a panic in one of
// its calls becomes an InternalError (or an empty answer) instead of
// ending the process and the session the user built.

// safeExecute runs code on sess, turning a panic into an InternalError.
func safeExecute(ctx context.Context, sess *eval.Session, code string) (res *eval.Result) {
	defer func() {
		if p := recover(); p != nil {
			res = &eval.Result{Err: internalError(p)}
		}
	}()
	res = sess.Execute(ctx, code)
	if res == nil {
		res = &eval.Result{}
	}
	return res
}

// internalError describes a panic of the evaluation core.
func internalError(p any) *eval.Error {
	msg := fmt.Sprint(p)
	return &eval.Error{
		Name:      "InternalError",
		Message:   msg,
		Traceback: []string{"InternalError: " + msg, "the interpreter failed; the stack follows", string(debug.Stack())},
	}
}

// safeComplete asks sess for completions; a panic means none.
func safeComplete(sess *eval.Session, code string, cursor int) (matches []string, start, end int) {
	defer func() {
		if recover() != nil {
			matches, start, end = nil, cursor, cursor
		}
	}()
	return sess.Complete(code, cursor)
}

// safeIsComplete asks sess whether code is complete; a panic counts as
// complete, so that running the cell reports what is wrong.
func safeIsComplete(sess *eval.Session, code string) (status, indent string) {
	defer func() {
		if recover() != nil {
			status, indent = "complete", ""
		}
	}()
	return sess.IsComplete(code)
}

// safeInspect asks sess for documentation; a panic means none.
func safeInspect(sess *eval.Session, code string, cursor int) (doc string, found bool) {
	defer func() {
		if recover() != nil {
			doc, found = "", false
		}
	}()
	return sess.Inspect(code, cursor)
}
