package gemm

// genericKernel is the portable micro-kernel, 4×8 tiles in plain Go.
var genericKernel = microKernel{name: "generic 4x8", mr: 4, nr: 8, tile: tile4x8Generic}

// tile4x8Generic implements tileFunc for mr = 4, nr = 8 in plain Go.
func tile4x8Generic(kc, panels int, a, b []float32, bstride int, c []float32, ldc int, alpha, beta float32, loadC bool) {
	for t := range panels {
		one4x8(kc, a[t*4*kc:], b, bstride, c[t*4*ldc:], ldc, alpha, beta, loadC)
	}
}

// one4x8 computes a single 4×8 tile. The accumulators live in an array
// rather than in 32 scalar variables: the compiler cannot keep 32 floats
// in registers, and spilling scalars it had hoisted costs more than
// updating an array that stays in L1. Conversions to array pointers let
// the compiler drop bounds checks inside the loop.
func one4x8(kc int, a, b []float32, bstride int, c []float32, ldc int, alpha, beta float32, loadC bool) {
	var acc [4][8]float32
	a = a[:4*kc]
	for p := range kc {
		bp := (*[8]float32)(b[p*bstride : p*bstride+8])
		ap := (*[4]float32)(a[p*4 : p*4+4])
		for i := range 4 {
			ai := ap[i]
			r := &acc[i]
			r[0] += ai * bp[0]
			r[1] += ai * bp[1]
			r[2] += ai * bp[2]
			r[3] += ai * bp[3]
			r[4] += ai * bp[4]
			r[5] += ai * bp[5]
			r[6] += ai * bp[6]
			r[7] += ai * bp[7]
		}
	}
	for i := range 4 {
		row := (*[8]float32)(c[i*ldc : i*ldc+8])
		if loadC {
			for j, v := range acc[i] {
				row[j] = alpha*v + beta*row[j]
			}
			continue
		}
		for j, v := range acc[i] {
			row[j] = alpha * v
		}
	}
}
