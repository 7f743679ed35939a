// Package transport serves a Jupyter kernel's five ZeroMQ sockets (shell,
// control, iopub, stdin and heartbeat) as named by a connection file. It
// frames, signs and verifies messages with the protocol package and hands
// every well-formed, correctly signed request to a Handler; it knows
// nothing of what the messages mean.
//
// What it adds to the framing, as jupyter_client's Session and libzmq do
// for Python kernels:
//
//   - Every message sent carries the kernel's own session id, new for
//     each Server, in its header.
//   - A request whose signature was seen before (a replay) is dropped.
//   - IOPub is a publisher of its own on zmq4's ZMTP connections, with a
//     queue per subscriber: a subscriber that stops reading loses
//     messages instead of holding up every other one (pub.go says how).
//   - A socket that keeps failing is retried with a bounded backoff, and
//     each kind of error is logged once.
package transport
