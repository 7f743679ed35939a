// Package kernel is gornn's Jupyter kernel: it joins the ZeroMQ transport,
// the request dispatcher and the Go evaluation core.
//
// The layers know nothing of the ones above them:
//
//   - kernel/protocol: messages, wire framing and HMAC signatures;
//   - kernel/transport: the five sockets of a connection file;
//   - kernel/dispatch: one handler per message type, talking to the
//     transport through dispatch.Sender and to the language through
//     dispatch.Interpreter;
//   - kernel/eval: the Go interpreter, adapted to dispatch.Interpreter
//     here. It runs with whatever compiled packages Options.Preload adds:
//     the binary passes kernel/preload's, so that neither this package
//     nor the layers below depend on the rnn and display libraries.
//
// Start binds the sockets named by a connection file and begins serving at
// once; the interpreter is created concurrently, so that the front end's
// first kernel_info_request is answered without waiting for it. With
// Options.CaptureStdio the process's stdout and stderr become the running
// cell's stream output, and log lines go to the stderr the process had
// before.
//
// Executed cells are recorded in an SQLite database shared by all kernels
// (DefaultHistoryPath, kernel/history), so that history_request sees
// earlier sessions.
//
// kernel/testdata holds two scripts for Debian's jupyter_client:
// jupyter_client_test.py drives an installed kernel as front ends do, and
// latency.py measures the start and a trivial cell's round trip.
package kernel
