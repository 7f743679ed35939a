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
// Other ops: Sub, Mul, Concat, Sigmoid, Tanh, Relu, Softmax, ReduceSum,
// ReduceMeanAxis, ReduceSumAxis, Const, GetVariable. Other optimizers:
// MomentumOptimizer, AdamOptimizer, RMSPropOptimizer, with TensorFlow's
// update rules and defaults. Initializers: RandomNormal, GlorotUniform,
// Zeros, Constant, TensorInit.
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
// Nothing a user does should panic out of this package (except MustRun and
// MustRunList, which exist to panic). An op built from incompatible
// operands — MatMul of [?,28] and [64,128], say — returns a node carrying
// an *OpError that names the op and both shapes; every node built from it
// carries the same error, and Session.Run and Graph.Err return it. Feeding
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
// then one element-wise pass, keeping what backward needs); when the steps'
// inputs are the parts of one Split, as in the tutorial, StaticRNN also
// computes the input half of all steps' gates in one large product. A
// session
// keeps each node's buffers between runs and reuses them while shapes
// repeat, and during runs without a backward pass it hands big buffers
// back as soon as their last reader is done, so an evaluation over tens
// of thousands of images does not hold every intermediate at once. Large
// matrix products and LSTM steps over big batches are split over all
// cores, and during a backward pass the LSTM's weight gradients accumulate
// on a second goroutine while the pass follows the recurrence.
//
// The package has no exported generic types or functions and no exported
// interfaces, so that the Go interpreter yaegi can use all of it.
package rnn
