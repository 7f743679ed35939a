package gemm_test

import (
	"fmt"

	"github.com/gornn/gornn/rnn/internal/gemm"
)

// A 2×3 matrix times a 3×2 matrix, and then the same A times the
// transpose of a 2×3 B added to the previous result (beta = 1).
func ExampleSgemm() {
	a := []float32{
		1, 2, 3,
		4, 5, 6,
	}
	b := []float32{
		1, 0,
		0, 1,
		1, 1,
	}
	c := make([]float32, 4)
	gemm.Sgemm(false, false, 2, 2, 3, 1, a, 3, b, 2, 0, c, 2)
	fmt.Println(c)

	bt := []float32{ // the same B, stored transposed
		1, 0, 1,
		0, 1, 1,
	}
	gemm.Sgemm(false, true, 2, 2, 3, 1, a, 3, bt, 3, 1, c, 2)
	fmt.Println(c)
	// Output:
	// [4 5 10 11]
	// [8 10 20 22]
}
