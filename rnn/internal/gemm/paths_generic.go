//go:build purego || !amd64

package gemm

// paths lists the kernels this build has: the portable one only.
var paths = []kernelPath{{&genericKernel, "", true}}
