// Package modules lets a notebook use Go modules that the kernel does not
// preload: a cell imports a package, the package's module is fetched
// with the go command, as any Go user would fetch it, and the package is
// either compiled into a plugin that the kernel loads, or its source is
// handed to the interpreter.
//
// Each notebook directory keeps a record of the modules its cells use, a
// real go.mod and go.sum in a .gornn folder beside the notebook, so that
// re-opening the notebook and running it again uses the same versions.
// The go command does the work that matters: resolving versions, honouring
// GOPROXY, GOFLAGS, GOPRIVATE, GONOSUMDB and the module cache (so a module
// fetched once loads offline), and checking go.sum.
//
// # Compiled or interpreted
//
// Import, which the kernel calls for a cell's import, does what the
// environment variable GORNN_MODULES (ModeVar) says, read at each import
// so that `%env GORNN_MODULES=interp` in a notebook applies to its later
// imports:
//
//   - auto (the default): compile the package as a plugin when this
//     kernel can load one, and interpret its source otherwise, with a
//     one-line note in the cell's output that says why;
//   - plugin: compile it, or fail with the reason;
//   - interp: interpret its source.
//
// A plugin runs the package at compiled speed: fib(20) of a test module
// runs about as fast as plain compiled Go, against hundreds of times
// slower interpreted (BenchmarkFib). Its build directory is
// .gornn/plugins/KEY, KEY naming the package, the versions of the
// modules it is built with, the Go version and the kernel's build flags;
// it holds a go.mod, the symbol table (written by yaegi's extractor, as
// for the preloaded packages) and plugin.so, which later sessions load
// without building again. The first build takes a minute or more while
// the build cache is cold (the standard library is compiled once more
// for plugins), then seconds.
//
// The Go runtime loads a plugin only if every package it shares with the
// running binary was built from the same source with the same toolchain
// and flags. So the plugin is built by the go command of the kernel's Go
// version (GOTOOLCHAIN=local), with the flags and target settings that
// runtime/debug.ReadBuildInfo reports for the kernel (-trimpath, -race,
// -tags, GOAMD64, ...), and every module the kernel links is pinned at
// the kernel's version (and replacement). The package is interpreted
// instead, in the auto mode, when that cannot be: the kernel was built
// without cgo, on a system without plugins, or by another Go version than
// the go command on PATH; a dependency needs a newer version of a module
// than the kernel has; the package belongs to the kernel's own module.
// A pinned module may be newer than the version the record selects: the
// plugin then runs with the kernel's version.
//
// Plugins cannot be unloaded. A package compiled into a plugin stays in
// the process at the versions it was built with, across %reset. After
// %get changes the version of a module that a plugin loaded, the new
// version cannot be loaded compiled in the same process: the import says
// so and, in the auto mode, interprets the new version; restart the
// kernel to run it compiled.
//
// The symbol table leaves out generic functions and types, as for the
// preloaded packages: a cell cannot call them from a compiled package.
// Interpret the package (GORNN_MODULES=interp) to use them.
//
// # Interpreted source and cgo
//
// The interpreter reads a package's source through FS, which maps the
// import paths that Load resolved to their directories in the module
// cache. A package that needs cgo can only run compiled: when it cannot
// be, it is refused with an error that says that it uses cgo, which an
// interpreter cannot link, and why no plugin could be built.
package modules
