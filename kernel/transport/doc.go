// Package transport serves a Jupyter kernel's five ZeroMQ sockets (shell,
// control, iopub, stdin and heartbeat) as named by a connection file. It
// frames, signs and verifies messages with the protocol package and hands
// every well-formed, correctly signed request to a Handler; it knows
// nothing of what the messages mean.
package transport
