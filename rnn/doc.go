// Package rnn is a small TensorFlow-1-style graph library on float32
// tensors: build a graph of placeholders, variables and ops, then run
// parts of it in a Session that feeds the placeholders, holds the
// variables and trains them. It is made to reproduce the TensorFlow
// tutorial "LSTM on MNIST" line by line, from Go or from a Go notebook.
//
// # From TensorFlow to rnn
//
//	TensorFlow (the tutorial)                      rnn
//	tf.placeholder(tf.float32, [None, 28, 28])     rnn.Placeholder(rnn.Float32, rnn.None, 28, 28)
//	tf.Variable(tf.random_normal([28, 128]))       rnn.Variable(rnn.RandomNormal(28, 128))
//	tf.random_normal(shape)                        rnn.RandomNormal(shape...)
//	tf.set_random_seed(s)                          rnn.SetRandomSeed(s)
//	tf.transpose(x, [1, 0, 2])                     rnn.Transpose(x, 1, 0, 2)
//	tf.reshape(x, [-1, 28])                        rnn.Reshape(x, -1, 28)
//	tf.matmul(x, w) + b                            rnn.Add(rnn.MatMul(x, w), b)
//	tf.split(h, 28, 0)                             rnn.Split(h, 28, 0)
//	with tf.variable_scope(name, reuse=AUTO_REUSE) rnn.VariableScope(name, func() { ... })
//	tf.contrib.rnn.BasicLSTMCell(128, 1.0)         rnn.BasicLSTMCell(128, 1.0)
//	tf.contrib.rnn.static_rnn(cell, xs)            outputs, state := rnn.StaticRNN(cell, xs)
//	state.h of an LSTM's final state               state.(rnn.LSTMState).H
//	tf.contrib.rnn.GRUCell(64)                     rnn.GRUCell(64)
//	tf.contrib.rnn.MultiRNNCell([c1, c2])          rnn.MultiRNNCell([]rnn.RNNCell{c1, c2})
//	tf.contrib.rnn.DropoutWrapper(cell,            rnn.DropoutWrapper(cell, inKeep, outKeep)
//	    input_keep_prob=a, output_keep_prob=b)         (scalar nodes; nil: no dropout)
//	class MyCell(tf.nn.rnn_cell.RNNCell)           any type with Call(x *rnn.Node, s rnn.State) (*rnn.Node, rnn.State)
//	static_rnn(cell, xs, sequence_length=l,        rnn.StaticRNN(cell, xs, rnn.SequenceLength(l),
//	    initial_state=s)                               rnn.InitialState(s))
//	static_bidirectional_rnn(fw, bw, xs)           outputs, fwState, bwState := rnn.StaticBidirectionalRNN(fw, bw, xs)
//	tf.nn.dynamic_rnn(cell, x, sequence_length=l)  outputs, state := rnn.DynamicRNN(cell, x, rnn.SequenceLength(l))
//	tf.nn.softmax_cross_entropy_with_logits(       rnn.SoftmaxCrossEntropyWithLogits(y, pred)
//	    labels=y, logits=pred)
//	tf.reduce_mean(x)                              rnn.ReduceMean(x)
//	tf.train.GradientDescentOptimizer(0.001)       rnn.GradientDescentOptimizer(0.001)
//	optimizer.minimize(cost)                       rnn.GradientDescentOptimizer(0.001).Minimize(cost)
//	tf.equal(a, b)                                 rnn.Equal(a, b)
//	tf.argmax(pred, 1)                             rnn.ArgMax(pred, 1)
//	tf.cast(corr, tf.float32)                      rnn.Cast(corr, rnn.Float32)
//	tf.Session()                                   rnn.NewSession()
//	tf.global_variables_initializer()              rnn.GlobalVariablesInitializer()
//	sess.run(op, feed_dict={x: xs, y: ys})         sess.Run(op, rnn.Feeds{x: xs, y: ys}) or sess.MustRun(...)
//	sess.run([cost, accr], feed_dict=...)          sess.RunList([]*rnn.Node{cost, accr}, feeds)
//	tf.train.Saver().save / restore                sess.Save(path) / sess.Restore(path)
//	tf.gradients(cost, xs)                         rnn.Gradients(cost, xs)
//	tf.reset_default_graph()                       rnn.ResetDefaultGraph()
//	input_data.read_data_sets("data/", one_hot=True)  mnist.ReadDataSets("data/", true) (package rnn/mnist)
//	mnist.train.next_batch(16)                     mnist.Train.NextBatch(16)
//	batch_xs.reshape((16, 28, 28))                 batch_xs.Reshape(16, 28, 28)
//
// Beyond the tutorial, for TensorFlow's other example programs:
//
//	TensorFlow                                     rnn
//	tf.placeholder(tf.float32) (any shape)         rnn.Placeholder(rnn.Float32)
//	tf.placeholder(tf.int32, [None])               rnn.Placeholder(rnn.Int32, rnn.None)
//	tf.log, tf.exp, -x, tf.square, tf.sqrt, tf.abs rnn.Log, rnn.Exp, rnn.Neg, rnn.Square, rnn.Sqrt, rnn.Abs
//	tf.pow(x, 2), x / y, tf.floor(x)               rnn.Pow(x, 2), rnn.Div(x, y), rnn.Floor(x)
//	tf.reduce_max(x), tf.reduce_max(x, 1)          rnn.ReduceMax(x), rnn.ReduceMaxAxis(x, 1)
//	tf.reduce_sum(x, 1), tf.reduce_mean(x, 1)      rnn.ReduceSumAxis(x, 1), rnn.ReduceMeanAxis(x, 1)
//	tf.unstack(x, n, axis), tf.stack(xs, axis)     rnn.Unstack(x, n, axis), rnn.Stack(xs, axis)
//	tf.gather(p, ids)                              rnn.Gather(p, ids)
//	tf.nn.embedding_lookup(p, ids)                 rnn.EmbeddingLookup(p, ids)
//	tf.nn.bias_add(x, b)                           rnn.BiasAdd(x, b)
//	tf.nn.conv2d(x, w, [1,s,s,1], 'SAME')          rnn.Conv2D(x, w, []int{1, s, s, 1}, "SAME")
//	tf.nn.max_pool(x, [1,k,k,1], [1,s,s,1], 'SAME') rnn.MaxPool(x, []int{1, k, k, 1}, []int{1, s, s, 1}, "SAME")
//	tf.nn.dropout(x, keep_prob)                    rnn.Dropout(x, keepProb)
//	tf.Variable(init, trainable=False)             rnn.Variable(init, rnn.Trainable(false))
//	GradientDescentOptimizer(lr_tensor)            opt.LearningRateNode = lr (before Minimize)
//	opt.minimize(cost, global_step=step)           opt.GlobalStep = step (before Minimize)
//	tf.train.exponential_decay(lr, step, n, r)     rnn.ExponentialDecay(lr, step, n, r, false)
//	tf.clip_by_global_norm(grads, 5.0)             grads, norm := rnn.ClipByGlobalNorm(grads, 5)
//	opt.apply_gradients(zip(grads, vars))          opt.ApplyGradients(grads, vars)
//	tf.clip_by_value(t, 1e-10, 1.0)                rnn.ClipByValue(t, 1e-10, 1)
//	tf.shape(x)                                    rnn.Shape(x) (Int32, [rank])
//	tf.shape(x)[0]                                 rnn.Unstack(rnn.Shape(x), rank, 0)[0]
//	tf.range(start, limit, delta)                  rnn.Range(start, limit, delta) (Go numbers or scalar nodes)
//
// Binary ops (Add, Sub, Mul, Div, Equal) broadcast as NumPy and TensorFlow
// do: a scalar goes with anything, a bias [n] with every row of [batch,n],
// [batch,1] with [batch,n]. A training op reads its optimizer's
// LearningRate at each step, so changing it after Minimize takes effect.
//
// Other ops: Sub, Mul, Concat, Sigmoid, Tanh, Relu, Softmax, ReduceSum,
// Const, GetVariable. Other optimizers: MomentumOptimizer, AdamOptimizer,
// RMSPropOptimizer, with TensorFlow's update rules and defaults.
// Initializers: RandomNormal, GlorotUniform, Zeros, Constant, TensorInit.
//
// # Recurrent cells
//
// StaticRNN, StaticBidirectionalRNN and DynamicRNN take any RNNCell:
// BasicLSTMCell (state LSTMState), GRUCell (state *Node, its output),
// MultiRNNCell (state MultiState, one per layer), DropoutWrapper (the
// wrapped cell's state), or a type of one's own, even one defined in a
// notebook cell. A nil State is a cell's zero state. With SequenceLength,
// states must be made of *Node, LSTMState, MultiState or []*Node, so that
// each example's last valid state can be picked. GRUCell is TensorFlow's
// GRU, which applies its reset gate before the recurrent product;
// PyTorch's nn.GRU applies it after, so it is a different cell (see GRU).
//
// # Graphs
//
// The package-level Placeholder, Variable, VariableScope,
// GlobalVariablesInitializer and NewSession use the default graph;
// NewGraph returns an independent graph with the same functions as
// methods. Ops are functions of their operand nodes and join the operands'
// graph; operands from two graphs are an error.
//
// # Errors
//
// An op built from incompatible operands — MatMul of [?,28] and [64,128],
// say — is an error where it is built, with an *OpError that names the op
// and both shapes. By default the op returns a node carrying the error:
// Node.Err, Graph.Err and Err report it at once, every node built from it
// carries the same error, and Session.Run returns it. With
// SetPanicOnBuildError(true), which the notebook kernel and rnnrepl set,
// the op also panics with the *OpError, as TensorFlow raises at graph
// construction, so that the cell that made the mistake stops there and
// shows it. Apart from that mode, MustRun and MustRunList (which exist to
// panic) and Tensor methods given impossible arguments (a Reshape that
// does not fit, an index out of range: they panic with the method, the
// arguments and the shape, as slices do), nothing a user does panics out
// of this package. Feeding
// a tensor of the wrong shape, leaving a placeholder unfed or running
// before the variables are initialized are errors of Run. A Run stops
// promptly when its context (RunContext, or SetDefaultContext for Run) is
// cancelled, with an error that satisfies errors.Is(err, context.Canceled).
//
// # Execution
//
// Gradients are computed when a training op or a Gradients node runs: the
// forward pass keeps each node's value, the backward pass walks the nodes
// between the variables and the cost in reverse order. The LSTM time step
// is a single fused op (the four gates from one pass of matrix products,
// then one element-wise pass, keeping what backward needs), and so is the
// GRU's. When the steps' inputs are views of one matrix — the parts of one
// Split, as in the tutorial, the steps of one Unstack along the time axis
// (as TensorFlow-Examples feed their RNNs, and as DynamicRNN does), or
// the outputs of the layer below in a
// MultiRNNCell, dropout wrappers included — StaticRNN runs an LSTM's (or
// a GRU's) whole sequence as one op: the batch is cut into row pieces that
// go through all the steps on their own core with no hand-off between
// steps, the weights are packed once per pass, the element-wise part of a
// step is one vector pass (AVX-512F or AVX2, else Go), and backward leaves
// the gates' gradients of all steps in one buffer, from which the weights'
// gradients are a few large products. The LSTM computes the input half of
// every step's gates as one large product first; the GRU multiplies each
// step's concat([x, h]) by its whole kernel, keeping every piece's data in
// its core's cache, and keeps those operands so that each kernel's
// gradient is one product. Each step's output and state stay nodes of
// their own, with the same values.
//
// A session keeps each node's buffers between runs and reuses them while
// shapes repeat: a training step allocates nothing once the first steps
// have sized everything, when its cost is fetched with Session.RunInto
// (Run returns a new tensor). A run without a backward pass over a big
// batch (the tutorial's accuracy over 55,000 images fed at once) goes
// through the graph in chunks of examples when every op on the way keeps
// examples apart, so that it needs the memory of one chunk, and the
// results are assembled as if it had run at once. A big data set can stay
// compact until then: a LazyTensor's values come from a function, and a
// run that feeds it converts only the examples of the run or of each
// chunk (package mnist keeps its images as bytes this way, a quarter of
// the memory of float32 values).
//
// Matrix products go through SIMD kernels (AVX2 and FMA where the CPU has
// them) and large ones, and every op over a big batch, are shared out over
// all cores by worker goroutines that stay ready between the parallel
// parts of a step. Conv2D is a product of each image's patches with the
// filters through the same kernels, and it and MaxPool take one image per
// core at a time; evaluations through them, Dropout, Unstack and
// EmbeddingLookup run in chunks too.
//
// The package has no exported generic types or functions, and its one
// exported interface, RNNCell, has only exported methods, so that the Go
// interpreter yaegi can use all of it and interpreted types can implement
// RNNCell.
package rnn
