package rnn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestDropout(t *testing.T) {
	g := NewGraph()
	g.SetRandomSeed(3)
	x := g.Placeholder(Float32, None, 100)
	keep := g.Placeholder(Float32)
	d := Dropout(x, keep)
	r := g.Const(randomTensor(rand.New(rand.NewPCG(1, 2)), 100))
	grad := Gradients(ReduceSum(Mul(d, r)), []*Node{x})[0]
	ones := NewTensor(50, 100)
	for i := range ones.data {
		ones.data[i] = 1 + float32(i%7)
	}
	s := g.NewSession()
	for _, p := range []float32{0.8, 0.5, 0.25} {
		vals := s.MustRunList([]*Node{d, grad}, Feeds{x: ones, keep: Scalar(p)})
		out, dx := vals[0], vals[1]
		kept := 0
		for i, v := range out.data {
			switch {
			case v == 0:
				if dx.data[i] != 0 {
					t.Fatalf("keep %g: element %d dropped but its gradient is %g", p, i, dx.data[i])
				}
			case math.Abs(float64(v-ones.data[i]/p)) < 1e-5*float64(v):
				kept++
				want := r.op.(constOp).value.data[i%100] / p
				if math.Abs(float64(dx.data[i]-want)) > 1e-5 {
					t.Fatalf("keep %g: gradient %g at %d, want r/keep = %g", p, dx.data[i], i, want)
				}
			default:
				t.Fatalf("keep %g: element %d is %g, want 0 or %g", p, i, v, ones.data[i]/p)
			}
		}
		// 5000 draws: the kept fraction is within 5 standard deviations.
		frac, sd := float64(kept)/5000, math.Sqrt(float64(p*(1-p))/5000)
		if math.Abs(frac-float64(p)) > 5*sd {
			t.Errorf("keep %g: kept %.3f of the elements", p, frac)
		}
	}
	// keepProb 1 passes x through.
	if out := s.MustRun(d, Feeds{x: ones, keep: Scalar(1)}); fmt.Sprint(out.data) != fmt.Sprint(ones.data) {
		t.Error("keepProb 1 changed the values")
	}
	// Each run draws a new mask; a new session with the same seed repeats
	// the sequence.
	feeds := Feeds{x: ones, keep: Scalar(0.5)}
	a1, a2 := s.MustRun(d, feeds), s.MustRun(d, feeds)
	if fmt.Sprint(a1.data) == fmt.Sprint(a2.data) {
		t.Error("two runs drew the same mask")
	}
	s2 := g.NewSession()
	for _, p := range []float32{0.8, 0.5, 0.25} {
		s2.MustRun(d, Feeds{x: ones, keep: Scalar(p)})
	}
	s2.MustRun(d, Feeds{x: ones, keep: Scalar(1)})
	if b1 := s2.MustRun(d, feeds); fmt.Sprint(a1.data) != fmt.Sprint(b1.data) {
		t.Error("the same seed gave another mask in a new session")
	}
	for _, bad := range []*Tensor{Scalar(0), Scalar(1.5), TensorFrom([]float32{0.5, 0.5})} {
		if _, err := s.Run(d, Feeds{x: ones, keep: bad}); err == nil || !strings.Contains(err.Error(), "keepProb") {
			t.Errorf("keepProb %v: %v", bad, err)
		}
	}
}
