package rnn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// initKind selects how an Initializer fills a tensor.
type initKind int

const (
	initZeros initKind = iota
	initConstant
	initNormal
	initGlorotUniform
	initTensor
)

// Initializer describes the starting value of a variable: its shape and
// how to fill it. Random initializers draw when the session runs
// GlobalVariablesInitializer, from a stream fixed by the graph's seed
// (SetRandomSeed) and the variable's position in the graph.
type Initializer struct {
	kind   initKind
	shape  []int
	value  float32
	tensor *Tensor
}

// RandomNormal draws from the normal distribution with mean 0 and standard
// deviation 1, like tf.random_normal(shape).
func RandomNormal(shape ...int) Initializer {
	return Initializer{kind: initNormal, shape: append([]int(nil), shape...)}
}

// GlorotUniform draws uniformly from [-l, l] with l = sqrt(6/(fanIn+fanOut)),
// TensorFlow's default for get_variable. For a matrix [in, out] the fans are
// in and out; for other ranks, see glorotFans.
func GlorotUniform(shape ...int) Initializer {
	return Initializer{kind: initGlorotUniform, shape: append([]int(nil), shape...)}
}

// Zeros fills with zeros, like tf.zeros.
func Zeros(shape ...int) Initializer {
	return Initializer{kind: initZeros, shape: append([]int(nil), shape...)}
}

// Constant fills every element with value, like tf.constant_initializer.
func Constant(value float32, shape ...int) Initializer {
	return Initializer{kind: initConstant, value: value, shape: append([]int(nil), shape...)}
}

// TensorInit starts the variable as a copy of t.
func TensorInit(t *Tensor) Initializer {
	if t == nil {
		return Initializer{kind: initTensor, shape: []int{-1}}
	}
	return Initializer{kind: initTensor, tensor: t.Clone(), shape: t.Shape()}
}

// Shape returns the shape of the values the initializer makes.
func (in Initializer) Shape() []int { return append([]int(nil), in.shape...) }

// check reports a shape the initializer cannot fill.
func (in Initializer) check() error {
	if in.kind == initTensor && in.tensor == nil {
		return fmt.Errorf("TensorInit of a nil tensor")
	}
	for _, d := range in.shape {
		if d < 0 {
			return fmt.Errorf("initializer shape %v has a negative dimension", in.shape)
		}
	}
	return nil
}

// fill writes the initial values into data (len = product of shape).
func (in Initializer) fill(data []float32, rng *rand.Rand) {
	switch in.kind {
	case initZeros:
		clear(data)
	case initConstant:
		for i := range data {
			data[i] = in.value
		}
	case initNormal:
		for i := range data {
			data[i] = float32(rng.NormFloat64())
		}
	case initGlorotUniform:
		fanIn, fanOut := glorotFans(in.shape)
		limit := math.Sqrt(6 / float64(fanIn+fanOut))
		if fanIn+fanOut == 0 {
			limit = 0
		}
		for i := range data {
			data[i] = float32((2*rng.Float64() - 1) * limit)
		}
	case initTensor:
		copy(data, in.tensor.data)
	}
}

// glorotFans computes fan-in and fan-out as Keras and TensorFlow do: for a
// matrix the two dimensions; for a vector its length twice; for higher
// ranks the last two dimensions times the receptive field.
func glorotFans(shape []int) (int, int) {
	switch len(shape) {
	case 0:
		return 1, 1
	case 1:
		return shape[0], shape[0]
	case 2:
		return shape[0], shape[1]
	}
	field := 1
	for _, d := range shape[:len(shape)-2] {
		field *= d
	}
	return shape[len(shape)-2] * field, shape[len(shape)-1] * field
}

// SetRandomSeed makes the random initial values of the graph's variables
// reproducible, like tf.set_random_seed: the same seed and graph give the
// same values in every session.
func (g *Graph) SetRandomSeed(seed int64) {
	g.mu.Lock()
	g.seed, g.seeded = uint64(seed), true
	g.mu.Unlock()
}

// SetRandomSeed sets the default graph's random seed; see
// Graph.SetRandomSeed.
func SetRandomSeed(seed int64) { DefaultGraph().SetRandomSeed(seed) }

// variableRNG returns the random stream for the variable at position
// index: fixed by the graph's seed, or fresh each time without one.
func (g *Graph) variableRNG(index int) *rand.Rand {
	g.mu.Lock()
	seed, seeded := g.seed, g.seeded
	g.mu.Unlock()
	if !seeded {
		seed = uint64(time.Now().UnixNano()) ^ rand.Uint64()
	}
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15^uint64(index)))
}
