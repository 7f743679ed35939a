package eval_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gornn/gornn/display"
	"github.com/gornn/gornn/kernel/eval"
	"github.com/gornn/gornn/kernel/preload"
)

// BenchmarkCellTinyRun measures one sess.Run of the linear-regression
// example's training op from a notebook cell's loop, as the kernel runs
// it: with gornn's packages and cell hook, the feeds built per call. The
// loop runs b.N steps in one cell, so the cell's own cost is spread over
// them. The goal is under 25 µs per Run.
func BenchmarkCellTinyRun(b *testing.B) {
	s, err := eval.New(preload.Options(eval.Options{}, display.Frontend{}))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, cell := range []string{
		`import "github.com/gornn/gornn/rnn"`,
		`train_X := []float32{3.3, 4.4, 5.5, 6.71, 6.93, 4.168, 9.779, 6.182}
train_Y := []float32{1.7, 2.76, 2.09, 3.19, 1.694, 1.573, 3.366, 2.596}
X := rnn.Placeholder(rnn.Float32)
Y := rnn.Placeholder(rnn.Float32)
W := rnn.Variable(rnn.Constant(0.3))
b := rnn.Variable(rnn.Constant(-0.2))
pred := rnn.Add(rnn.Mul(X, W), b)
cost := rnn.Div(rnn.ReduceSum(rnn.Pow(rnn.Sub(pred, Y), 2)), rnn.Const(rnn.Scalar(float32(2*17))))
optimizer := rnn.GradientDescentOptimizer(0.01).Minimize(cost)
sess := rnn.NewSession()
sess.MustRun(rnn.GlobalVariablesInitializer(), nil)`,
	} {
		if r := s.Execute(ctx, cell); r.Err != nil {
			b.Fatalf("%s: %v", cell, r.Err)
		}
	}
	// The notebook's loop, without the epoch loop around it.
	loop := `for i := 0; i < %d; i++ {
	x, y := train_X[i%%8], train_Y[i%%8]
	sess.MustRun(optimizer, rnn.Feeds{X: rnn.Scalar(x), Y: rnn.Scalar(y)})
}`
	b.ResetTimer()
	if r := s.Execute(ctx, fmt.Sprintf(loop, b.N)); r.Err != nil {
		b.Fatal(r.Err)
	}
}
