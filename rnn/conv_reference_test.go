package rnn

import (
	"encoding/json"
	"os"
	"testing"
)

// convReference is testdata/conv_reference.json, written by
// gen_reference.py with PyTorch in float64: Conv2D and MaxPool cases in
// NHWC with TensorFlow's padding, and the gradients of sum(out · r).
type convReference struct {
	Cases []struct {
		Name, Op, Padding string
		Strides, Ksize    []int
		X, W, R, Out      refTensor
		GradX             []float64 `json:"grad_x"`
		GradW             []float64 `json:"grad_w"`
	}
}

func TestConvAndPoolMatchPyTorch(t *testing.T) {
	raw, err := os.ReadFile("testdata/conv_reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref convReference
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatalf("testdata/conv_reference.json: %v", err)
	}
	if len(ref.Cases) == 0 {
		t.Fatal("no cases")
	}
	for _, tc := range ref.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			g := NewGraph()
			// A batch of unknown size, as a model's input has.
			x := g.Placeholder(Float32, None, tc.X.Shape[1], tc.X.Shape[2], tc.X.Shape[3])
			feeds := Feeds{x: tc.X.tensor()}
			var out *Node
			wrt := []*Node{x}
			switch tc.Op {
			case "conv2d":
				w := g.Placeholder(Float32, tc.W.Shape...)
				feeds[w] = tc.W.tensor()
				wrt = append(wrt, w)
				out = Conv2D(x, w, tc.Strides, tc.Padding)
			case "max_pool":
				out = MaxPool(x, tc.Ksize, tc.Strides, tc.Padding)
			default:
				t.Fatalf("unknown op %q", tc.Op)
			}
			if err := out.Err(); err != nil {
				t.Fatal(err)
			}
			want := tc.Out.Shape
			if s := out.Shape(); s[0] != None || s[1] != want[1] || s[2] != want[2] || s[3] != want[3] {
				t.Errorf("static shape %v, PyTorch's result is %v", s, want)
			}
			cost := ReduceSum(Mul(out, g.Const(tc.R.tensor())))
			vals, err := g.NewSession().RunList(append([]*Node{out}, Gradients(cost, wrt)...), feeds)
			if err != nil {
				t.Fatal(err)
			}
			if !sameShape(vals[0].shape, want) {
				t.Fatalf("shape %v, PyTorch's %v", vals[0].shape, want)
			}
			closeToReference(t, "out", vals[0].data, tc.Out.Data)
			closeToReference(t, "d cost/d x", vals[1].data, tc.GradX)
			if len(vals) > 2 {
				closeToReference(t, "d cost/d w", vals[2].data, tc.GradW)
			}
		})
	}
}
