// Package kernel is gornn's Jupyter kernel: it joins the ZeroMQ transport,
// the request dispatcher and the Go evaluation core.
//
// Start binds the sockets named by a connection file and begins serving at
// once; the interpreter is created concurrently, so that the front end's
// first kernel_info_request is answered without waiting for it.
package kernel
