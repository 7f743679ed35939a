// Package modules lets a notebook use Go modules that the kernel does not
// preload: a cell imports a package, and the package's module is fetched
// with the go command, as any Go user would fetch it, and its source is
// handed to the interpreter.
//
// Each notebook directory keeps a record of the modules its cells use, a
// real go.mod and go.sum in a .gornn folder beside the notebook, so that
// re-opening the notebook and running it again uses the same versions.
// The go command does the work that matters: resolving versions, honouring
// GOPROXY, GOFLAGS, GOPRIVATE, GONOSUMDB and the module cache (so a module
// fetched once loads offline), and checking go.sum.
//
// The interpreter reads a package's source through FS, which maps the
// import paths that Load resolved to their directories in the module
// cache. Packages that need cgo are refused with an error that says so,
// since an interpreter cannot link C code.
package modules
