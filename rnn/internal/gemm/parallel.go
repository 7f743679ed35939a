package gemm

// splitCount returns how many goroutines should share the problem.
func splitCount(k *microKernel, pr *problem) int {
	return 1
}

func runParallel(k *microKernel, pr *problem, parts int) {
	panic("unreachable")
}
