package gemm

// active is the micro-kernel Sgemm uses.
var active = &genericKernel
