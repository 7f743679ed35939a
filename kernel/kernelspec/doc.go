// Package kernelspec installs and removes gornn's Jupyter kernel
// specification: a directory holding kernel.json and the logos that
// Jupyter front ends look up to start the kernel.
package kernelspec
