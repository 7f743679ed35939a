package rnn

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	gemmpkg "github.com/gornn/gornn/rnn/internal/gemm"
)

// Feeds maps placeholders to the tensors they take in one Run, like
// TensorFlow's feed_dict. Fed tensors are read, never written.
type Feeds map[*Node]*Tensor

// Session runs parts of a graph and holds the values of its variables,
// like tf.Session. Buffers of intermediate values are kept between runs
// and reused while shapes repeat. A session runs one call at a time;
// concurrent calls wait for each other.
type Session struct {
	g      *Graph
	mu     sync.Mutex
	states []*nodeState
	plans  map[string]*plan
	plans1 map[*Node]*plan // plans of single fetches, found without building a key
	pool   bufferPool
	exec   execution // the run in progress; runs are serialized by mu

	sideWork sideWorker         // weight gradients accumulated beside the backward pass
	rows     rowJob             // splits big ops into row blocks over the cores
	seq      seqRun             // the sequence op's pass in progress
	gru      gruSeqRun          // the GRU sequence op's pass in progress
	packed   [2]gemmpkg.PackedB // a sequence's kernel, packed for its products
	conv     convJob            // the Conv2D pass in progress
	pooling  poolJob            // the MaxPool pass in progress
}

// NewSession returns a session on the graph. Variables start
// uninitialized: run GlobalVariablesInitializer (or Restore) first.
func (g *Graph) NewSession() *Session {
	return &Session{g: g, plans: map[string]*plan{}, plans1: map[*Node]*plan{}}
}

// NewSession returns a session on the default graph.
func NewSession() *Session { return DefaultGraph().NewSession() }

// Graph returns the graph the session runs.
func (s *Session) Graph() *Graph { return s.g }

// state returns the session's state of n, creating it on first use.
func (s *Session) state(n *Node) *nodeState {
	if n.id >= len(s.states) {
		grown := make([]*nodeState, n.id+1, 2*(n.id+1))
		copy(grown, s.states)
		s.states = grown
	}
	st := s.states[n.id]
	if st == nil {
		st = &nodeState{}
		s.states[n.id] = st
	}
	return st
}

// Run computes fetch with the given feeds and returns its value, or nil
// for ops without a value (a training op, the initializer). It uses the
// context set by SetDefaultContext.
func (s *Session) Run(fetch *Node, feeds Feeds) (*Tensor, error) {
	return s.RunContext(DefaultContext(), fetch, feeds)
}

// RunContext is Run with an explicit context: cancelling it stops the run
// promptly with an error wrapping ctx.Err().
func (s *Session) RunContext(ctx context.Context, fetch *Node, feeds Feeds) (*Tensor, error) {
	one := [1]*Node{fetch}
	out, err := s.run(ctx, one[:], feeds, nil, nil)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RunInto is Run that stores the value in dst instead of a new tensor,
// reusing dst's storage when it is large enough, in the way gonum's
// methods fill their receivers: a training loop that fetches its cost
// every step then allocates nothing. For an op without a value, dst is
// left as it is.
func (s *Session) RunInto(dst *Tensor, fetch *Node, feeds Feeds) error {
	if dst == nil {
		return fmt.Errorf("rnn: RunInto: nil destination tensor")
	}
	one := [1]*Node{fetch}
	_, err := s.run(DefaultContext(), one[:], feeds, nil, dst)
	return err
}

// RunList computes several fetches in one pass (each node at most once)
// and returns their values in order.
func (s *Session) RunList(fetches []*Node, feeds Feeds) ([]*Tensor, error) {
	return s.RunListContext(DefaultContext(), fetches, feeds)
}

// MustRun is Run that panics with the error; for notebooks and examples.
func (s *Session) MustRun(fetch *Node, feeds Feeds) *Tensor {
	t, err := s.Run(fetch, feeds)
	if err != nil {
		panic(err)
	}
	return t
}

// MustRunList is RunList that panics with the error.
func (s *Session) MustRunList(fetches []*Node, feeds Feeds) []*Tensor {
	t, err := s.RunList(fetches, feeds)
	if err != nil {
		panic(err)
	}
	return t
}

// RunListContext is RunList with an explicit context.
func (s *Session) RunListContext(ctx context.Context, fetches []*Node, feeds Feeds) ([]*Tensor, error) {
	out := make([]*Tensor, len(fetches))
	if _, err := s.run(ctx, fetches, feeds, out, nil); err != nil {
		return nil, err
	}
	return out, nil
}

// run computes fetches and stores copies of their values in out, or, when
// out is nil, copies the first one into into or, when into is nil too,
// returns a copy of it.
func (s *Session) run(ctx context.Context, fetches []*Node, feeds Feeds, out []*Tensor, into *Tensor) (*Tensor, error) {
	if s == nil || s.g == nil {
		return nil, fmt.Errorf("rnn: Run on a nil session (use NewSession)")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if len(fetches) == 0 {
		return nil, fmt.Errorf("rnn: Run: nothing to fetch")
	}
	for i, f := range fetches {
		if f == nil {
			return nil, fmt.Errorf("rnn: Run: fetch %d is nil", i)
		}
		if f.g != s.g {
			return nil, fmt.Errorf("rnn: Run: fetch %d (%s) belongs to another graph than the session's", i, f.name)
		}
		if f.err != nil {
			return nil, f.err
		}
	}
	if err := s.checkFeeds(feeds); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.releaseLazyFeeds(feeds)
	p := s.planFor(fetches)
	if c := p.chunks; c != nil {
		if batch, ok := c.chunkBatch(feeds); ok && batch > evalChunkRows {
			// The chunks' buffers serve this pass only: the runs around it
			// (training steps at a small batch) cannot use them, and two
			// sessions that each kept them would pin tens of MB between
			// accuracy passes.
			held := s.pool.total
			results, err := s.runChunked(ctx, p, c, fetches, feeds, batch)
			s.pool.trimTo(min(held, poolLimit))
			if err != nil {
				return nil, err
			}
			if into != nil && results[0] != nil {
				into.copyFrom(results[0])
				return nil, nil
			}
			if out == nil {
				return results[0], nil
			}
			copy(out, results)
			return nil, nil
		}
	}
	e := &s.exec
	*e = execution{s: s, ctx: ctx, feeds: feeds, plan: p}
	err := e.runPlan()
	*e = execution{}
	s.pool.trim()
	if err != nil {
		return nil, err
	}
	if into != nil {
		if _, ok := fetches[0].op.(valueless); !ok {
			into.copyFrom(&s.state(fetches[0]).val)
		}
		return nil, nil
	}
	var first *Tensor
	for i, f := range fetches {
		if _, ok := f.op.(valueless); ok {
			continue
		}
		v := s.state(f).val.Clone()
		if out != nil {
			out[i] = v
		} else if i == 0 {
			first = v
		}
	}
	return first, nil
}

// releaseLazyFeeds hands back to the pool the large buffers that lazy feeds
// were converted into, once the run's results are copied out: unlike an
// ordinary feed, which its placeholder aliases, such a buffer belongs to
// the session, and one that held a whole data set should not stay pinned
// between runs. Small ones (a training batch) stay for the next run.
func (s *Session) releaseLazyFeeds(feeds Feeds) {
	released := false
	for n, t := range feeds {
		if t.lazy == nil || n.id >= len(s.states) || s.states[n.id] == nil {
			continue
		}
		if st := s.states[n.id]; cap(st.buf) >= releaseMin {
			s.pool.put(st.buf)
			st.buf, st.val.data = nil, nil
			released = true
		}
	}
	if released {
		s.pool.trim()
	}
}

// planFor returns the cached schedule for fetches.
func (s *Session) planFor(fetches []*Node) *plan {
	if len(fetches) == 1 {
		p, ok := s.plans1[fetches[0]]
		if !ok {
			p = makePlan(fetches)
			s.plans1[fetches[0]] = p
		}
		return p
	}
	var b strings.Builder
	for _, f := range fetches {
		b.WriteString(strconv.Itoa(f.id))
		b.WriteByte(',')
	}
	key := b.String()
	p, ok := s.plans[key]
	if !ok {
		p = makePlan(fetches)
		s.plans[key] = p
	}
	return p
}

// checkFeeds verifies that every fed node is a placeholder of the
// session's graph and that each tensor fits its placeholder's shape.
func (s *Session) checkFeeds(feeds Feeds) error {
	for n, t := range feeds {
		if n == nil {
			return fmt.Errorf("rnn: Feeds: nil key")
		}
		if n.g != s.g {
			return fmt.Errorf("rnn: Feeds: %s belongs to another graph than the session's", n.name)
		}
		if _, ok := n.op.(placeholderOp); !ok {
			return fmt.Errorf("rnn: Feeds: %s is a %s, only placeholders can be fed", n.name, n.opType)
		}
		if t == nil {
			return opErrorf("Placeholder", n.name, "fed a nil tensor")
		}
		if t.size() != shapeSize(t.shape) {
			return opErrorf("Placeholder", n.name, "fed tensor has %d values for shape %s", t.size(), formatShape(t.shape))
		}
		if n.unknownRank {
			continue
		}
		if len(t.shape) != len(n.shape) {
			return opErrorf("Placeholder", n.name, "fed a tensor of shape %s (rank %d), want rank %d shape %s",
				formatShape(t.shape), len(t.shape), len(n.shape), formatShape(n.shape))
		}
		for i, d := range n.shape {
			if d >= 0 && t.shape[i] != d {
				return opErrorf("Placeholder", n.name, "fed a tensor of shape %s, want %s (dimension %d differs)",
					formatShape(t.shape), formatShape(n.shape), i)
			}
		}
	}
	return nil
}

// Close drops the session's buffers and variable values.
func (s *Session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.states = nil
	s.plans = map[string]*plan{}
	s.plans1 = map[*Node]*plan{}
	s.pool = bufferPool{}
	return nil
}

// initOp sets the graph's variables to their initial values.
type initOp struct{ g *Graph }

func (initOp) valueless() {}

// GlobalVariablesInitializer returns an op that sets the graph's variables
// to their initial values, like tf.global_variables_initializer. It covers
// every variable that exists when it runs (TensorFlow's covers those that
// existed when it was made), so running it again after adding variables
// initializes those too — and resets the others.
func (g *Graph) GlobalVariablesInitializer() *Node {
	return g.add(&Node{opType: "init", op: initOp{g: g}, dtype: Float32})
}

// GlobalVariablesInitializer returns the initializer of the default
// graph's variables; see Graph.GlobalVariablesInitializer.
func GlobalVariablesInitializer() *Node { return DefaultGraph().GlobalVariablesInitializer() }

func (op initOp) forward(e *execution, n *Node) error {
	for _, v := range op.g.Variables() {
		if err := e.cancelled(); err != nil {
			return err
		}
		t := e.output(v, v.shape...)
		v.init.fill(t.data, v.g.variableRNG(v.varIndex))
		e.s.state(v).initialized = true
	}
	return nil
}

func (initOp) backward(*execution, *Node) error { return nil }

// Assign sets variable v to a copy of t in this session, like
// sess.run(tf.assign(v, t)). t must have v's shape.
func (s *Session) Assign(v *Node, t *Tensor) error {
	if v == nil || t == nil {
		return fmt.Errorf("rnn: Assign: nil variable or tensor")
	}
	if v.g != s.g {
		return fmt.Errorf("rnn: Assign: %s belongs to another graph than the session's", v.name)
	}
	if _, ok := v.op.(variableOp); !ok {
		return fmt.Errorf("rnn: Assign: %s is a %s, not a variable", v.name, v.opType)
	}
	if !sameShape(v.shape, t.shape) || t.size() != shapeSize(t.shape) {
		return fmt.Errorf("rnn: Assign: %s has shape %s, tensor has %s", v.name, formatShape(v.shape), formatShape(t.shape))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e := &execution{s: s, ctx: context.Background(), plan: &plan{}}
	t.CopyValues(e.output(v, v.shape...).data, 0)
	s.state(v).initialized = true
	return nil
}
