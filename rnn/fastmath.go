package rnn

import "math"

// The LSTM evaluates five sigmoids or tanhs per unit and step; through
// float64 math.Exp and math.Tanh they cost more than the matrix products.
// These float32 versions (range reduction and the minimax polynomials of
// the Cephes library's expf and tanhf) are within a few units in the last
// place of float32.

const (
	expHi  = 88.37626
	expLo  = -87.33654
	log2e  = 1.44269504088896341
	ln2Hi  = 0.693359375
	ln2Lo  = -2.12194440e-4
	tanhLo = 0.625
)

// exp32 returns e^x in float32.
func exp32(x float32) float32 {
	if x > expHi {
		return float32(math.Inf(1))
	}
	if x < expLo {
		return 0
	}
	t := x * log2e
	var n int32
	if t >= 0 {
		n = int32(t + 0.5)
	} else {
		n = int32(t - 0.5)
	}
	fn := float32(n)
	r := x - fn*ln2Hi - fn*ln2Lo
	p := float32(1.9875691500e-4)
	p = p*r + 1.3981999507e-3
	p = p*r + 8.3334519073e-3
	p = p*r + 4.1665795894e-2
	p = p*r + 1.6666665459e-1
	p = p*r + 5.0000001201e-1
	p = p*r*r + r + 1
	// n is in [-126, 128): scale by 2^n in two halves to stay normal.
	h := n / 2
	return p * math.Float32frombits(uint32(h+127)<<23) * math.Float32frombits(uint32(n-h+127)<<23)
}

// sigmoid32 returns 1/(1+e^-x) in float32.
func sigmoid32(x float32) float32 { return 1 / (1 + exp32(-x)) }

// tanh32 returns tanh(x) in float32.
func tanh32(x float32) float32 {
	a := x
	if a < 0 {
		a = -a
	}
	if a < tanhLo {
		z := x * x
		p := float32(-5.70498872745e-3)
		p = p*z + 2.06390887954e-2
		p = p*z - 5.37397155531e-2
		p = p*z + 1.33314422036e-1
		p = p*z - 3.33332819422e-1
		return p*z*x + x
	}
	if a > 9 {
		if x < 0 {
			return -1
		}
		return 1
	}
	y := 1 - 2/(exp32(2*a)+1)
	if x < 0 {
		return -y
	}
	return y
}

// sigmoidSlice sets dst[i] = sigmoid(src[i] + bias); dst and src may be
// the same slice.
func sigmoidSlice(dst, src []float32, bias float32) {
	src = src[:len(dst)]
	done := 0
	if vectorMath && len(dst) >= 8 {
		done = len(dst) &^ 7
		sigmoid8AVX2(&dst[0], &src[0], done, bias)
	}
	for i := done; i < len(dst); i++ {
		dst[i] = sigmoid32(src[i] + bias)
	}
}

// tanhSlice sets dst[i] = tanh(src[i]); dst and src may be the same slice.
func tanhSlice(dst, src []float32) {
	src = src[:len(dst)]
	done := 0
	if vectorMath && len(dst) >= 8 {
		done = len(dst) &^ 7
		tanh8AVX2(&dst[0], &src[0], done)
	}
	for i := done; i < len(dst); i++ {
		dst[i] = tanh32(src[i])
	}
}
