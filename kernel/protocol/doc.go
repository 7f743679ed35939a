// Package protocol holds the Jupyter messaging protocol (version 5.3) as Go
// data: the message envelope, its wire framing with HMAC signatures, and the
// content of the requests and replies a kernel handles.
//
// It knows nothing about sockets or about the language being run; the
// transport package moves the frames built here, and the dispatch package
// interprets their content.
package protocol
