package rnn

import (
	"errors"
	"strconv"
	"strings"
	"sync"
)

// Graph holds nodes: placeholders, variables and the ops built on them. A
// graph only grows; a Session runs parts of it. Building is safe from
// several goroutines.
type Graph struct {
	mu        sync.Mutex
	nodes     []*Node
	variables []*Node
	varByName map[string]*Node
	names     map[string]int
	scopes    []string
	firstErr  error
	seed      uint64
	seeded    bool
}

// NewGraph returns an empty graph.
func NewGraph() *Graph {
	return &Graph{varByName: map[string]*Node{}, names: map[string]int{}}
}

var (
	defaultMu    sync.Mutex
	defaultGraph = NewGraph()
)

// DefaultGraph returns the graph that the package-level functions
// (Placeholder, Variable, VariableScope, NewSession, ...) use.
func DefaultGraph() *Graph {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	return defaultGraph
}

// ResetDefaultGraph replaces the default graph with an empty one, like
// tf.reset_default_graph. Nodes and sessions of the old graph keep working.
func ResetDefaultGraph() {
	defaultMu.Lock()
	defaultGraph = NewGraph()
	defaultMu.Unlock()
}

// Err returns the first error recorded while building the graph, or nil.
func (g *Graph) Err() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.firstErr
}

// Nodes returns the graph's nodes in the order they were created.
func (g *Graph) Nodes() []*Node {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]*Node(nil), g.nodes...)
}

// Variables returns the graph's variables in the order they were created.
func (g *Graph) Variables() []*Node {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]*Node(nil), g.variables...)
}

// VariableByName returns the variable with the given full name (for
// example "basic/basic_lstm_cell/kernel"), or nil.
func (g *Graph) VariableByName(name string) *Node {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.varByName[name]
}

// VariableScope runs build with name pushed on the graph's scope, like
// `with tf.variable_scope(name, reuse=tf.AUTO_REUSE)`: variables created
// with GetVariable (as BasicLSTMCell does) are named "name/...", and a
// second scope of the same name reuses them. Op names get the prefix too.
func (g *Graph) VariableScope(name string, build func()) {
	g.mu.Lock()
	g.scopes = append(g.scopes, name)
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.scopes = g.scopes[:len(g.scopes)-1]
		g.mu.Unlock()
	}()
	if build != nil {
		build()
	}
}

// VariableScope runs build inside a variable scope of the default graph;
// see Graph.VariableScope.
func VariableScope(name string, build func()) { DefaultGraph().VariableScope(name, build) }

// scopedLocked returns name prefixed with the current scope. g.mu is held.
func (g *Graph) scopedLocked(name string) string {
	if len(g.scopes) == 0 {
		return name
	}
	return strings.Join(g.scopes, "/") + "/" + name
}

// uniqueNameLocked returns the scoped base name, with a suffix _1, _2, ...
// when it is already taken. g.mu is held.
func (g *Graph) uniqueNameLocked(base string) string {
	name := g.scopedLocked(base)
	if _, taken := g.names[name]; !taken {
		g.names[name] = 1
		return name
	}
	for k := g.names[name]; ; k++ {
		candidate := name + "_" + strconv.Itoa(k)
		if _, taken := g.names[candidate]; !taken {
			g.names[name] = k + 1
			g.names[candidate] = 1
			return candidate
		}
	}
}

// add appends a node to the graph, naming it and recording its error.
// A node whose own op failed (not one that inherits an input's error)
// panics with the error in the mode set by SetPanicOnBuildError.
func (g *Graph) add(n *Node) *Node {
	if g.record(n) && panicOnBuildError.Load() {
		panic(n.err)
	}
	return n
}

// record is add without the panic; it reports whether the node's error
// was made by its own op.
func (g *Graph) record(n *Node) (fresh bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	n.g = g
	n.id = len(g.nodes)
	if n.name == "" {
		n.name = g.uniqueNameLocked(n.opType)
	}
	if n.err != nil {
		var oe *OpError
		if !errors.As(n.err, &oe) {
			n.err = &OpError{Op: n.opType, Node: n.name, Err: n.err}
			fresh = true
		} else if oe.Node == "" {
			oe.Node = n.name
			fresh = true
		}
		if g.firstErr == nil {
			g.firstErr = n.err
		}
	}
	g.nodes = append(g.nodes, n)
	return fresh
}
