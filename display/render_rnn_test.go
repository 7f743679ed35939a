package display_test

import (
	"strings"
	"testing"

	"github.com/gornn/gornn/display"
	"github.com/gornn/gornn/rnn"
)

// The package's own types reach Render through their methods: a tensor
// becomes a table, the plot helpers' results pictures.
func TestRenderRNNValues(t *testing.T) {
	tests := []struct {
		name string
		v    any
		mime string
		want string // substring of the MIME entry (for text types)
	}{
		{"tensor", rnn.TensorFrom([]float32{1, 2, 3, 4}, 2, 2), display.MIMEHTML, "Tensor shape [2, 2]"},
		{"nil tensor", (*rnn.Tensor)(nil), display.MIMEHTML, "nil *rnn.Tensor"},
		{"learning curves", rnn.PlotLearningCurves([]float64{1, 0.5}, []float64{0.8, 0.9}, nil), display.MIMEPNG, ""},
		{"confusion", rnn.PlotConfusion([]int{0, 1}, []int{0, 0}, 2), display.MIMESVG, "Confusion matrix: 1 of 2 right"},
		{"graph", rnn.NewGraph(), display.MIMEText, "Graph(0 nodes, 0 variables)"},
		{"session", rnn.NewGraph().NewSession(), display.MIMEText, "Session(Graph(0 nodes, 0 variables))"},
		{"initializer", rnn.GlorotUniform(28, 128), display.MIMEText, "GlorotUniform(shape=[28,128])"},
		{"optimizer", rnn.GradientDescentOptimizer(0.1), display.MIMEText, "GradientDescentOptimizer(learning_rate=0.1)"},
		{"placeholder", rnn.NewGraph().Placeholder(rnn.Float32, -1, 28), display.MIMEText, `Node("Placeholder", op=Placeholder, shape=[?,28], dtype=float32)`},
		{"cell", rnn.BasicLSTMCell(128, 1), display.MIMEText, "BasicLSTMCell(units=128, forget_bias=1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := display.Render(tt.v)
			got, ok := d.Data[tt.mime].(string)
			if !ok {
				t.Fatalf("no %s in the bundle", tt.mime)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("%s lacks %q", tt.mime, tt.want)
			}
			if _, ok := d.Data[display.MIMEText].(string); !ok {
				t.Error("no text/plain in the bundle")
			}
		})
	}
}
