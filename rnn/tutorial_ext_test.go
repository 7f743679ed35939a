package rnn_test

import (
	"github.com/gornn/gornn/internal/tutorial"
	"github.com/gornn/gornn/rnn"
)

// The package's own tests build the tutorial's graph through
// rnn.BuildTutorial; it is internal/tutorial's Build, which they cannot
// import themselves without a cycle.
func init() {
	rnn.BuildTutorial = func(g *rnn.Graph, nsteps, diminput, dimhidden, dimoutput int, opt *rnn.Optimizer) (
		x, y, pred, cost, optm, accr *rnn.Node, weights, biases map[string]*rnn.Node, out map[string]any) {
		m := tutorial.Build(g, tutorial.Shape{Steps: nsteps, Inputs: diminput, Hidden: dimhidden, Classes: dimoutput}, opt)
		return m.X, m.Y, m.Pred, m.Cost, m.Optm, m.Accr, m.Weights, m.Biases, m.Out
	}
}
