// Package rnn is a small TensorFlow-1-style graph library: build a graph of
// placeholders, variables and ops, then run parts of it in a Session that
// feeds the placeholders, keeps the variables and trains them by gradient
// descent.
//
// It is made to reproduce the TensorFlow tutorial "LSTM on MNIST" line by
// line, from Go or from a Go notebook.
package rnn
