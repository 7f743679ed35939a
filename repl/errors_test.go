package repl

import (
	"errors"
	"fmt"
	"testing"

	"github.com/gornn/gornn/kernel/eval"
)

func TestCellErrorMessage(t *testing.T) {
	undefined := &eval.Error{Name: "CompileError", Message: "undefined: foo", Line: 2, Column: 5}
	nowhere := &eval.Error{Name: "Interrupted", Message: "execution interrupted"}
	tests := []struct {
		err  *CellError
		want string
	}{
		{&CellError{Cell: 3, Err: undefined}, "cell 3, line 2:5: CompileError: undefined: foo"},
		{&CellError{Cell: 7, Err: nowhere}, "cell 7: Interrupted: execution interrupted"},
		{&CellError{File: "prog.go", Err: undefined}, "prog.go:2:5: CompileError: undefined: foo"},
		{&CellError{File: "stdin", Err: nowhere}, "stdin: Interrupted: execution interrupted"},
		{&CellError{Err: undefined}, "cell:2:5: CompileError: undefined: foo"},
		{&CellError{File: "stdin", FirstLine: 10, Err: undefined}, "stdin:11:5: CompileError: undefined: foo"},
		{&CellError{Err: nowhere}, "Interrupted: execution interrupted"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestIsCellError(t *testing.T) {
	ce := &CellError{Cell: 1, Err: &eval.Error{Name: "Panic", Message: "boom"}}
	if !IsCellError(fmt.Errorf("running: %w", ce)) {
		t.Error("a wrapped CellError is not recognised")
	}
	if IsCellError(errors.New("open x.ipynb: no such file")) {
		t.Error("a file error is taken for a cell's")
	}
	var target *eval.Error
	if !errors.As(ce, &target) || target.Name != "Panic" {
		t.Error("the core's error is not reachable with errors.As")
	}
}
