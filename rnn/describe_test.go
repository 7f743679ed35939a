package rnn

import (
	"fmt"
	"testing"
)

// TestDescriptions: what a notebook shows for the values a model is made
// of is one readable line, not the pointers inside.
func TestDescriptions(t *testing.T) {
	g := NewGraph()
	x := g.Placeholder(Float32, -1, 3)
	w := g.GetVariable("w", GlorotUniform(3, 2))
	cost := ReduceMean(Square(MatMul(x, w)))
	adam := AdamOptimizer(0.001)
	train := adam.Minimize(cost)
	lstm := BasicLSTMCell(128, 1)
	tests := []struct {
		value any
		want  string
	}{
		{NewGraph(), "Graph(0 nodes, 0 variables)"},
		{g, fmt.Sprintf("Graph(%d nodes, 1 variable: w)", len(g.Nodes()))},
		{g.NewSession(), fmt.Sprintf("Session(Graph(%d nodes, 1 variable: w))", len(g.Nodes()))},
		{GlorotUniform(3, 2), "GlorotUniform(shape=[3,2])"},
		{Zeros(4), "Zeros(shape=[4])"},
		{Constant(0.5, 2, 2), "Constant(0.5, shape=[2,2])"},
		{RandomNormal(1), "RandomNormal(shape=[1])"},
		{TensorInit(nil), "TensorInit(nil)"},
		{adam, "AdamOptimizer(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08)"},
		{GradientDescentOptimizer(0.5), "GradientDescentOptimizer(learning_rate=0.5)"},
		{MomentumOptimizer(0.1, 0.9), "MomentumOptimizer(learning_rate=0.1, momentum=0.9)"},
		{train, fmt.Sprintf("Node(%q, op=%s, shape=[], dtype=float32)", train.Name(), train.Op())},
		{lstm, "BasicLSTMCell(units=128, forget_bias=1)"},
		{GRUCell(8), "GRUCell(units=8)"},
		{MultiRNNCell([]RNNCell{GRUCell(2), GRUCell(3)}), "MultiRNNCell([GRUCell(units=2), GRUCell(units=3)])"},
		{DropoutWrapper(lstm, nil, nil), "DropoutWrapper(BasicLSTMCell(units=128, forget_bias=1), input_keep=none, output_keep=none)"},
		{(*Graph)(nil), "<nil graph>"},
		{(*Session)(nil), "<nil session>"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(tt.value); got != tt.want {
			t.Errorf("%T: got %s, want %s", tt.value, got, tt.want)
		}
	}
}
