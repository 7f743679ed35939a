package rnn

import (
	"fmt"
	"strings"
	"testing"
)

// TestTensorMisuseMessages checks that wrong arguments to Tensor's methods
// panic with a message that names the method and the shape, never with a
// bare index or nil-pointer error.
func TestTensorMisuseMessages(t *testing.T) {
	x := NewTensor(2, 3)
	var null *Tensor
	cases := []struct {
		name string
		call func()
		want []string
	}{
		{"Reshape size", func() { x.Reshape(4, 2) }, []string{"Reshape", "[2 3]", "[4 2]"}},
		{"Reshape -1", func() { x.Reshape(-1, 4) }, []string{"Reshape", "-1"}},
		{"At out of range", func() { x.At(2, 0) }, []string{"At", "[2 0]", "[2 3]"}},
		{"At too few indices", func() { x.At(1) }, []string{"At", "1 indices", "[2 3]"}},
		{"Set", func() { x.Set(1, 0, -1) }, []string{"Set", "out of range"}},
		{"Slice", func() { x.Slice(1, 3) }, []string{"Slice", "[1, 3)", "[2 3]"}},
		{"Dim", func() { x.Dim(2) }, []string{"Dim", "axis 2"}},
		{"Value", func() { x.Value() }, []string{"Value", "6 elements"}},
		{"TensorFrom", func() { TensorFrom([]float32{1, 2, 3}, 2, 2) }, []string{"TensorFrom", "3 values"}},
		{"nil At", func() { null.At(0) }, []string{"At", "nil tensor"}},
		{"nil Reshape", func() { null.Reshape(1) }, []string{"Reshape", "nil tensor"}},
		{"nil Value", func() { null.Value() }, []string{"Value", "nil tensor"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var msg string
			func() {
				defer func() { msg = fmt.Sprint(recover()) }()
				tc.call()
			}()
			if msg == "<nil>" {
				t.Fatal("no panic")
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q does not mention %q", msg, w)
				}
			}
			if strings.Contains(msg, "runtime error") {
				t.Errorf("bare runtime error: %q", msg)
			}
		})
	}
}
