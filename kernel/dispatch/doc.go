// Package dispatch is the core of the Jupyter kernel: one handler per
// message type, the busy/idle status around every request, the execution
// counter, history, input requests, interrupts and shutdown.
//
// It talks to the transport through the small Sender interface and to the
// language through the Interpreter interface, so it knows neither sockets
// nor the interpreter that runs the code.
package dispatch
