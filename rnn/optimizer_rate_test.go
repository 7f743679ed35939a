package rnn

import (
	"math"
	"strings"
	"testing"
)

// quadratic returns a graph with w = 1 and cost = sum(w²)/2, whose
// gradient is w: one gradient-descent step at rate lr leaves w = 1 - lr.
func quadratic() (*Graph, *Node, *Node) {
	g := NewGraph()
	w := g.Variable(Constant(1, 1))
	return g, w, Mul(ReduceSum(Square(w)), g.Const(Scalar(0.5)))
}

func wAfter(t *testing.T, s *Session, w *Node) float64 {
	t.Helper()
	return s.MustRun(w, nil).Value()
}

func TestLearningRateChangedAfterMinimize(t *testing.T) {
	g, w, cost := quadratic()
	opt := GradientDescentOptimizer(0.5)
	train := opt.Minimize(cost)
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	s.MustRun(train, nil)
	if got := wAfter(t, s, w); math.Abs(got-0.5) > 1e-6 {
		t.Fatalf("w = %g after a step at 0.5, want 0.5", got)
	}
	opt.LearningRate = 0.25 // applies from the next step
	s.MustRun(train, nil)
	if got := wAfter(t, s, w); math.Abs(got-0.375) > 1e-6 {
		t.Errorf("w = %g after a step at the new rate 0.25, want 0.375", got)
	}
	opt.LearningRate = -1
	if _, err := s.Run(train, nil); err == nil || !strings.Contains(err.Error(), "positive") {
		t.Errorf("negative rate: %v", err)
	}
	opt.LearningRate = 0.1
	opt.LearningRateNode = g.Const(Scalar(0.1))
	if _, err := s.Run(train, nil); err == nil || !strings.Contains(err.Error(), "Minimize") {
		t.Errorf("LearningRateNode set after Minimize: %v, want an error saying to call Minimize again", err)
	}
}

func TestLearningRateNodeAndGlobalStep(t *testing.T) {
	g, w, cost := quadratic()
	lr := g.Placeholder(Float32)
	opt := MomentumOptimizer(0, 0)
	opt.LearningRateNode = lr
	step := g.Variable(Zeros(), Trainable(false))
	opt.GlobalStep = step
	train := opt.Minimize(cost)
	if err := train.Err(); err != nil {
		t.Fatal(err)
	}
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	s.MustRun(train, Feeds{lr: Scalar(0.5)})
	s.MustRun(train, Feeds{lr: Scalar(0.5)})
	if got := wAfter(t, s, w); math.Abs(got-0.25) > 1e-6 {
		t.Errorf("w = %g after two steps at a fed 0.5, want 0.25", got)
	}
	if got := s.MustRun(step, nil).Value(); got != 2 {
		t.Errorf("global step %g after two steps, want 2", got)
	}
	if _, err := s.Run(train, nil); err == nil || !strings.Contains(err.Error(), "not fed") {
		t.Errorf("rate placeholder not fed: %v", err)
	}
	if step.Trainable() || !w.Trainable() {
		t.Errorf("Trainable: step %v, w %v", step.Trainable(), w.Trainable())
	}
}

func TestExponentialDecay(t *testing.T) {
	g := NewGraph()
	step := g.Variable(Zeros(), Trainable(false))
	smooth := ExponentialDecay(0.1, step, 10, 0.5, false)
	stairs := ExponentialDecay(0.1, step, 10, 0.5, true)
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	for _, at := range []float32{0, 5, 10, 25} {
		if err := s.Assign(step, Scalar(at)); err != nil {
			t.Fatal(err)
		}
		v := s.MustRunList([]*Node{smooth, stairs}, nil)
		want := 0.1 * math.Pow(0.5, float64(at)/10)
		wantStairs := 0.1 * math.Pow(0.5, math.Floor(float64(at)/10))
		if math.Abs(v[0].Value()-want) > 1e-7 || math.Abs(v[1].Value()-wantStairs) > 1e-7 {
			t.Errorf("step %g: %g and %g, want %g and %g", at, v[0].Value(), v[1].Value(), want, wantStairs)
		}
	}
}

func TestNonTrainableVariables(t *testing.T) {
	g := NewGraph()
	w := g.Variable(Constant(1, 1))
	frozen := g.GetVariable("frozen", Constant(1, 1), Trainable(false))
	cost := ReduceSum(Mul(w, frozen))
	s := g.NewSession()
	train := GradientDescentOptimizer(0.5).Minimize(cost)
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	s.MustRun(train, nil)
	if got := s.MustRunList([]*Node{w, frozen}, nil); got[0].Value() != 0.5 || got[1].Value() != 1 {
		t.Errorf("after a step: w %g (want 0.5), frozen %g (want 1)", got[0].Value(), got[1].Value())
	}
	if err := GradientDescentOptimizer(0.5).Minimize(ReduceSum(frozen)).Err(); err == nil || !strings.Contains(err.Error(), "no trainable variable") {
		t.Errorf("Minimize over only a frozen variable: %v", err)
	}
}

func TestClipByGlobalNormAndApplyGradients(t *testing.T) {
	g := NewGraph()
	a := g.Variable(TensorInit(TensorFrom([]float32{3, 0})))
	b := g.Variable(TensorInit(TensorFrom([]float32{4})))
	cost := Mul(Add(ReduceSum(Square(a)), ReduceSum(Square(b))), g.Const(Scalar(0.5)))
	vars := []*Node{a, b}
	clipped, norm := ClipByGlobalNorm(Gradients(cost, vars), 1)
	train := GradientDescentOptimizer(1).ApplyGradients(clipped, vars)
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	vals := s.MustRunList(append([]*Node{norm}, clipped...), nil)
	// The gradients are (3, 0) and (4): norm 5, clipped to (0.6, 0), (0.8).
	if math.Abs(vals[0].Value()-5) > 1e-6 || math.Abs(float64(vals[1].data[0])-0.6) > 1e-6 || math.Abs(vals[2].Value()-0.8) > 1e-6 {
		t.Fatalf("norm %v, clipped %v %v", vals[0], vals[1], vals[2])
	}
	s.MustRun(train, nil)
	got := s.MustRunList(vars, nil)
	if math.Abs(float64(got[0].data[0])-2.4) > 1e-6 || math.Abs(got[1].Value()-3.2) > 1e-6 {
		t.Errorf("after one clipped step: %v %v, want [2.4 0] [3.2]", got[0], got[1])
	}
	if err := GradientDescentOptimizer(1).ApplyGradients(clipped[:1], vars).Err(); err == nil || !strings.Contains(err.Error(), "1 gradients for 2 variables") {
		t.Errorf("mismatched lists: %v", err)
	}
}
