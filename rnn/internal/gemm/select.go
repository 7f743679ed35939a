package gemm

import (
	"fmt"
	"os"
	"strings"
)

// kernelPath is one micro-kernel this build has, with the CPU features it
// needs and whether the running CPU has them.
type kernelPath struct {
	kernel *microKernel
	needs  string // CPU features, "" for the portable kernel
	runs   bool
}

// KernelEnv names the environment variable that narrows the kernel choice
// for comparisons on one machine: "avx2" or "generic" picks that kernel
// when the CPU runs it (any other value, or none, picks the widest).
const KernelEnv = "GORNN_GEMM"

// active is the micro-kernel Sgemm uses: the widest this CPU runs, unless
// KernelEnv asks for a narrower one.
var active = selectKernel(os.Getenv(KernelEnv))

func selectKernel(want string) *microKernel {
	want = strings.ToLower(strings.TrimSpace(want))
	for _, p := range paths {
		if p.runs && want != "" && strings.HasPrefix(p.kernel.name, want+" ") {
			return p.kernel
		}
	}
	for _, p := range paths {
		if p.runs {
			return p.kernel
		}
	}
	panic("gemm: no kernel runs on this CPU")
}

// Kernel describes the micro-kernel in use and the others this build has,
// for programs that report what they ran on, such as the benchmarks: for
// example "avx512 8x32 (of: avx512 8x32, avx2 4x24, generic 4x8)".
func Kernel() string {
	var all []string
	for _, p := range paths {
		if p.runs {
			all = append(all, p.kernel.name)
		}
	}
	return fmt.Sprintf("%s (of: %s)", active.name, strings.Join(all, ", "))
}
