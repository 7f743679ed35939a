package rnn

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// reference is testdata/reference.json, written by gen_reference.py with
// PyTorch in float64.
type reference struct {
	Batch, Nsteps, Diminput, Dimhidden, Dimoutput int
	SgdLR                                         float64 `json:"sgd_lr"`
	Params                                        map[string]refTensor
	X, Y                                          refTensor
	H                                             []float64
	LSTMOutputsFirst                              []float64 `json:"lstm_outputs_first"`
	LSTMOutputsLast                               []float64 `json:"lstm_outputs_last"`
	LSTMStateC                                    []float64 `json:"lstm_state_c"`
	LSTMStateH                                    []float64 `json:"lstm_state_h"`
	Logits, Losses                                []float64
	Cost                                          float64
	Grads                                         map[string][]float64
	GradX                                         []float64 `json:"grad_x"`
	CostAfterSGDStep                              float64   `json:"cost_after_sgd_step"`
}

type refTensor struct {
	Shape []int
	Data  []float64
}

func (r refTensor) tensor() *Tensor {
	t := NewTensor(r.Shape...)
	for i, v := range r.Data {
		t.data[i] = float32(v)
	}
	return t
}

// closeToReference applies the tolerance rule of the reference test: each
// element may differ from PyTorch's float64 value by 1e-5 times the
// largest magnitude in that tensor (relative agreement at the tensor's
// scale, so that values near zero are not held to an impossible standard).
func closeToReference(t *testing.T, what string, got []float32, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d values, reference has %d", what, len(got), len(want))
		return
	}
	scale := 0.0
	for _, v := range want {
		scale = max(scale, math.Abs(v))
	}
	worst, at := 0.0, 0
	for i, v := range want {
		if d := math.Abs(float64(got[i]) - v); d > worst {
			worst, at = d, i
		}
	}
	if worst > 1e-5*scale {
		t.Errorf("%s: element %d is %g, reference %g (difference %.3g > 1e-5 × %.3g)", what, at, got[at], want[at], worst, scale)
	}
}

func TestTutorialModelMatchesPyTorch(t *testing.T) {
	raw, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatalf("testdata/reference.json: %v", err)
	}
	g := NewGraph()
	m := buildTutorial(g, ref.Nsteps, ref.Diminput, ref.Dimhidden, ref.Dimoutput, GradientDescentOptimizer(ref.SgdLR))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	kernel := g.VariableByName("basic/basic_lstm_cell/kernel")
	bias := g.VariableByName("basic/basic_lstm_cell/bias")
	vars := map[string]*Node{
		"W_hidden": m.weights["hidden"], "b_hidden": m.biases["hidden"],
		"kernel": kernel, "bias": bias,
		"W_out": m.weights["out"], "b_out": m.biases["out"],
	}
	for name, v := range vars {
		if err := s.Assign(v, ref.Params[name].tensor()); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	feeds := Feeds{m.x: ref.X.tensor(), m.y: ref.Y.tensor()}
	outs := m.out["LSTM_O"].([]*Node)
	state := m.out["LSTM_S"].(LSTMState)
	losses := m.cost.inputs[0]
	names := []string{"W_hidden", "b_hidden", "kernel", "bias", "W_out", "b_out"}
	wrt := []*Node{m.x}
	for _, n := range names {
		wrt = append(wrt, vars[n])
	}
	fetches := append([]*Node{m.out["H"].(*Node), outs[0], outs[len(outs)-1], state.C, state.H, m.pred, losses, m.cost},
		Gradients(m.cost, wrt)...)
	vals, err := s.RunList(fetches, feeds)
	if err != nil {
		t.Fatal(err)
	}
	closeToReference(t, "H", vals[0].data, ref.H)
	closeToReference(t, "LSTM_O[0]", vals[1].data, ref.LSTMOutputsFirst)
	closeToReference(t, "LSTM_O[-1]", vals[2].data, ref.LSTMOutputsLast)
	closeToReference(t, "LSTM_S.C", vals[3].data, ref.LSTMStateC)
	closeToReference(t, "LSTM_S.H", vals[4].data, ref.LSTMStateH)
	closeToReference(t, "logits", vals[5].data, ref.Logits)
	closeToReference(t, "losses", vals[6].data, ref.Losses)
	closeToReference(t, "cost", vals[7].data, []float64{ref.Cost})
	closeToReference(t, "d cost/d x", vals[8].data, ref.GradX)
	for i, n := range names {
		closeToReference(t, "d cost/d "+n, vals[9+i].data, ref.Grads[n])
	}

	// One gradient-descent step through the training op.
	s.MustRun(m.optm, feeds)
	after := s.MustRun(m.cost, feeds)
	closeToReference(t, "cost after one SGD step", after.data, []float64{ref.CostAfterSGDStep})
}
