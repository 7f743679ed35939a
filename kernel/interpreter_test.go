package kernel

import (
	"context"
	"log"
	"testing"

	"github.com/gornn/gornn/kernel/eval"
)

// A cell sent while the interpreter is still starting can be interrupted.
func TestInterruptWhileStarting(t *testing.T) {
	it := newInterpreter(log.Default()) // never started: its session never appears
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := it.Execute(ctx, "1", nil)
	if err == nil || err.Name != "Interrupted" {
		t.Fatalf("error %+v, want Interrupted", err)
	}
}

func TestConvertError(t *testing.T) {
	if convertError(nil) != nil {
		t.Error("nil error converted to non-nil")
	}
	got := convertError(&eval.Error{Name: "Panic", Message: "boom"})
	if got.Name != "Panic" || got.Value != "boom" || len(got.Traceback) != 1 || got.Traceback[0] != "Panic: boom" {
		t.Errorf("without traceback: %+v", got)
	}
	tb := []string{"cell:1:2: boom", "    x", "     ^"}
	if got := convertError(&eval.Error{Name: "CompileError", Message: "boom", Traceback: tb}); len(got.Traceback) != 3 {
		t.Errorf("traceback not kept: %+v", got)
	}
}
