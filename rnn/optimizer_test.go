package rnn

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestOptimizersFollowTensorFlowRules runs each optimizer on a cost whose
// gradient changes each step (cost = sum(w·w·c), gradient 2·w·c) and
// compares the variable with the update rules of TensorFlow's optimizers
// computed in float64.
func TestOptimizersFollowTensorFlowRules(t *testing.T) {
	start := []float64{0.5, -1.5, 2}
	coef := []float64{1, 0.3, -0.2}
	type rule func(w, g []float64, step int, slots [][]float64)
	cases := []struct {
		name string
		opt  *Optimizer
		rule rule
	}{
		{"GradientDescent", GradientDescentOptimizer(0.1), func(w, g []float64, _ int, _ [][]float64) {
			for i := range w {
				w[i] -= 0.1 * g[i]
			}
		}},
		{"Momentum", MomentumOptimizer(0.1, 0.9), func(w, g []float64, _ int, s [][]float64) {
			for i := range w {
				s[0][i] = 0.9*s[0][i] + g[i]
				w[i] -= 0.1 * s[0][i]
			}
		}},
		{"Adam", AdamOptimizer(0.05), func(w, g []float64, step int, s [][]float64) {
			t := float64(step)
			lr := 0.05 * math.Sqrt(1-math.Pow(0.999, t)) / (1 - math.Pow(0.9, t))
			for i := range w {
				s[0][i] = 0.9*s[0][i] + 0.1*g[i]
				s[1][i] = 0.999*s[1][i] + 0.001*g[i]*g[i]
				w[i] -= lr * s[0][i] / (math.Sqrt(s[1][i]) + 1e-8)
			}
		}},
		{"RMSProp", RMSPropOptimizer(0.01), func(w, g []float64, _ int, s [][]float64) {
			for i := range w {
				if s[0][i] == 0 {
					s[0][i] = 1 // TensorFlow starts the mean square at one
				}
				s[0][i] = 0.9*s[0][i] + 0.1*g[i]*g[i]
				s[1][i] = 0*s[1][i] + 0.01*g[i]/math.Sqrt(s[0][i]+1e-10)
				w[i] -= s[1][i]
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGraph()
			init := NewTensor(3)
			c := NewTensor(3)
			for i := range start {
				init.data[i], c.data[i] = float32(start[i]), float32(coef[i])
			}
			w := g.Variable(TensorInit(init))
			cost := ReduceSum(Mul(Mul(w, w), g.Const(c)))
			train := tc.opt.Minimize(cost)
			s := g.NewSession()
			s.MustRun(g.GlobalVariablesInitializer(), nil)
			want := append([]float64(nil), start...)
			slots := [][]float64{make([]float64, 3), make([]float64, 3)}
			for step := 1; step <= 5; step++ {
				if out := s.MustRun(train, nil); out != nil {
					t.Fatalf("training op returned a value %v", out)
				}
				grad := make([]float64, 3)
				for i := range want {
					grad[i] = 2 * want[i] * coef[i]
				}
				tc.rule(want, grad, step, slots)
			}
			got := s.MustRun(w, nil)
			for i := range want {
				if math.Abs(float64(got.data[i])-want[i]) > 1e-5*(1+math.Abs(want[i])) {
					t.Errorf("w[%d] = %v after 5 steps, want %v", i, got.data[i], want[i])
				}
			}
		})
	}
}

func TestMinimizeErrors(t *testing.T) {
	g := NewGraph()
	x := g.Placeholder(Float32, 3)
	if err := GradientDescentOptimizer(0.1).Minimize(ReduceSum(x)).Err(); err == nil || !containsAll(err.Error(), "no trainable variable") {
		t.Errorf("Minimize without variables: %v", err)
	}
	w := g.Variable(Zeros(3))
	if err := GradientDescentOptimizer(-1).Minimize(ReduceSum(Mul(x, w))).Err(); err == nil || !containsAll(err.Error(), "learning rate") {
		t.Errorf("negative learning rate: %v", err)
	}
}

func TestRandomSeedMakesInitializationReproducible(t *testing.T) {
	values := func(seed int64) []float32 {
		g := NewGraph()
		g.SetRandomSeed(seed)
		v := g.Variable(RandomNormal(100, 100))
		s := g.NewSession()
		s.MustRun(g.GlobalVariablesInitializer(), nil)
		return s.MustRun(v, nil).Data()
	}
	a, b, c := values(7), values(7), values(8)
	same, differ := true, false
	for i := range a {
		same = same && a[i] == b[i]
		differ = differ || a[i] != c[i]
	}
	if !same {
		t.Error("same seed gave different values")
	}
	if !differ {
		t.Error("different seeds gave the same values")
	}
	var mean, sq float64
	for _, v := range a {
		mean += float64(v)
		sq += float64(v) * float64(v)
	}
	mean /= float64(len(a))
	std := math.Sqrt(sq/float64(len(a)) - mean*mean)
	if math.Abs(mean) > 0.05 || math.Abs(std-1) > 0.05 {
		t.Errorf("RandomNormal: mean %.3f std %.3f over %d values, want 0 and 1", mean, std, len(a))
	}
}

func TestInitializers(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(1)
	glorot := g.Variable(GlorotUniform(256, 512))
	zeros := g.Variable(Zeros(4))
	five := g.Variable(Constant(5, 2, 2))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	limit := float32(math.Sqrt(6.0 / (256 + 512)))
	var biggest float32
	for _, v := range s.MustRun(glorot, nil).Data() {
		biggest = max(biggest, float32(math.Abs(float64(v))))
	}
	if biggest > limit || biggest < 0.95*limit {
		t.Errorf("GlorotUniform: largest |value| %v, want just under %v", biggest, limit)
	}
	for _, v := range s.MustRun(zeros, nil).Data() {
		if v != 0 {
			t.Errorf("Zeros gave %v", v)
		}
	}
	for _, v := range s.MustRun(five, nil).Data() {
		if v != 5 {
			t.Errorf("Constant(5) gave %v", v)
		}
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// TestGradientDescentStepBits checks that a plain gradient descent step
// gives exactly w - lr·g in float32, element by element, over lengths
// that leave every remainder of the vector loop.
func TestGradientDescentStepBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 3, 4, 7, 8, 15, 16, 33, 517} {
		g := NewGraph()
		w0, c := NewTensor(n), NewTensor(n)
		for i := range n {
			w0.data[i], c.data[i] = rng.Float32()*4-2, rng.Float32()*4-2
		}
		w := g.Variable(TensorInit(w0))
		const lr = 0.0123
		train := GradientDescentOptimizer(lr).Minimize(ReduceSum(Mul(w, g.Const(c))))
		s := g.NewSession()
		s.MustRun(g.GlobalVariablesInitializer(), nil)
		s.MustRun(train, nil)
		got := s.MustRun(w, nil)
		for i := range n {
			if want := w0.data[i] - float32(lr)*c.data[i]; got.data[i] != want {
				t.Fatalf("n = %d: w[%d] = %v after a step, want %v", n, i, got.data[i], want)
			}
		}
	}
}
