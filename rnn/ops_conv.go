package rnn

import (
	"fmt"

	"github.com/gornn/gornn/rnn/internal/parallel"
)

// BiasAdd adds the bias b, of shape [c], to every position of x, whose last
// dimension is c, like tf.nn.bias_add (x is NHWC after a convolution, or
// [batch,c] after a product).
func BiasAdd(x, b *Node) *Node {
	const name = "BiasAdd"
	g, err := floatOperandsOfKnownRank(name, x, b)
	if err != nil {
		return failed(g, name, err, x, b)
	}
	if len(b.shape) != 1 || len(x.shape) < 1 || !dimsCompatible(x.shape[len(x.shape)-1], b.shape[0]) {
		return failedf(g, name, []*Node{x, b}, "bias of shape %s does not match the last dimension of %s",
			formatShape(b.shape), formatShape(x.shape))
	}
	shape, err := broadcastShape(x.shape, b.shape)
	if err != nil {
		return failed(g, name, err, x, b)
	}
	return newOp(g, name, binaryOp{kind: binAdd}, []*Node{x, b}, shape, Float32, nil)
}

// convGeometry is one convolution or pooling window layout, with
// TensorFlow's padding: "VALID" uses only whole windows; "SAME" gives
// ceil(in/stride) outputs and pads with zeros (-Inf for pooling) split
// evenly, the odd one at the end.
type convGeometry struct {
	n, h, w, c     int // input NHWC
	kh, kw         int // window
	sh, sw         int // strides
	oh, ow         int // output height and width
	padTop, padLft int
}

// outSize returns the output length and the padding before, for one
// spatial dimension.
func outSize(in, k, stride int, same bool) (out, before int) {
	if same {
		out = (in + stride - 1) / stride
		total := max((out-1)*stride+k-in, 0)
		return out, total / 2
	}
	if in < k {
		return 0, 0
	}
	return (in-k)/stride + 1, 0
}

// parseWindow checks NHWC strides and ksize in TensorFlow's form [1, h,
// w, 1] (or just [h, w]) and the padding's name.
func parseWindow(what string, v []int) (int, int, error) {
	switch {
	case len(v) == 4 && v[0] == 1 && v[3] == 1 && v[1] > 0 && v[2] > 0:
		return v[1], v[2], nil
	case len(v) == 2 && v[0] > 0 && v[1] > 0:
		return v[0], v[1], nil
	}
	return 0, 0, fmt.Errorf("%s %v: want [1, height, width, 1] with positive sizes (NHWC)", what, v)
}

func parsePadding(padding string) (bool, error) {
	switch padding {
	case "SAME":
		return true, nil
	case "VALID":
		return false, nil
	}
	return false, fmt.Errorf("padding %q: want \"SAME\" or \"VALID\"", padding)
}

// staticOut is outSize on static dimensions, None when unknown.
func staticOut(in, k, stride int, same bool) int {
	if in < 0 {
		return None
	}
	out, _ := outSize(in, k, stride, same)
	return out
}

// Conv2D convolves a batch of images x [batch, height, width, inChannels]
// with filters w [fh, fw, inChannels, outChannels], like tf.nn.conv2d(x,
// w, strides=[1, s, s, 1], padding="SAME" or "VALID") in NHWC. The result
// is [batch, outHeight, outWidth, outChannels]. It runs as a matrix
// product of the images' patches with the filters, one image per core at
// a time.
func Conv2D(x, w *Node, strides []int, padding string) *Node {
	const name = "Conv2D"
	g, err := floatOperandsOfKnownRank(name, x, w)
	if err != nil {
		return failed(g, name, err, x, w)
	}
	sh, sw, err := parseWindow("strides", strides)
	if err != nil {
		return failed(g, name, err, x, w)
	}
	same, err := parsePadding(padding)
	if err != nil {
		return failed(g, name, err, x, w)
	}
	if len(x.shape) != 4 || len(w.shape) != 4 {
		return failedf(g, name, []*Node{x, w}, "input %s must be [batch,height,width,channels] and filter %s [height,width,in,out]",
			formatShape(x.shape), formatShape(w.shape))
	}
	if !shapeKnown(w.shape) {
		return failedf(g, name, []*Node{x, w}, "filter shape %s must be known", formatShape(w.shape))
	}
	if !dimsCompatible(x.shape[3], w.shape[2]) {
		return failedf(g, name, []*Node{x, w}, "input %s has %d channels, filter %s expects %d",
			formatShape(x.shape), x.shape[3], formatShape(w.shape), w.shape[2])
	}
	shape := []int{x.shape[0], staticOut(x.shape[1], w.shape[0], sh, same), staticOut(x.shape[2], w.shape[1], sw, same), w.shape[3]}
	if shape[1] == 0 || shape[2] == 0 {
		return failedf(g, name, []*Node{x, w}, "filter %s is larger than the input %s with VALID padding",
			formatShape(w.shape), formatShape(x.shape))
	}
	return newOp(g, name, &convOp{sh: sh, sw: sw, same: same}, []*Node{x, w}, shape, Float32, nil)
}

// convOp is a 2-D convolution. Forward and backward run one image per
// piece of a parallel job, with a patch matrix per participant.
type convOp struct {
	sh, sw int
	same   bool
}

func (op *convOp) geometry(x, w []int) (convGeometry, error) {
	if len(x) != 4 || len(w) != 4 || x[3] != w[2] {
		return convGeometry{}, fmt.Errorf("input %s and filter %s do not convolve", formatShape(x), formatShape(w))
	}
	cg := convGeometry{n: x[0], h: x[1], w: x[2], c: x[3], kh: w[0], kw: w[1], sh: op.sh, sw: op.sw}
	cg.oh, cg.padTop = outSize(cg.h, cg.kh, cg.sh, op.same)
	cg.ow, cg.padLft = outSize(cg.w, cg.kw, cg.sw, op.same)
	if cg.oh == 0 || cg.ow == 0 {
		return cg, fmt.Errorf("filter %s is larger than the input %s with VALID padding", formatShape(w), formatShape(x))
	}
	return cg, nil
}

// im2col writes image img's patches as rows of col: row oy·ow+ox holds the
// window at (oy, ox), in the filter's (fy, fx, channel) order, zero where
// it hangs over the edge.
func (cg *convGeometry) im2col(x []float32, img int, col []float32) {
	k := cg.kh * cg.kw * cg.c
	base := img * cg.h * cg.w * cg.c
	for oy := 0; oy < cg.oh; oy++ {
		for ox := 0; ox < cg.ow; ox++ {
			row := col[(oy*cg.ow+ox)*k : (oy*cg.ow+ox+1)*k]
			for fy := 0; fy < cg.kh; fy++ {
				iy := oy*cg.sh - cg.padTop + fy
				seg := row[fy*cg.kw*cg.c : (fy+1)*cg.kw*cg.c]
				if iy < 0 || iy >= cg.h {
					clear(seg)
					continue
				}
				ix0 := ox*cg.sw - cg.padLft
				if ix0 >= 0 && ix0+cg.kw <= cg.w {
					// The whole row of the window is inside: one copy.
					src := base + (iy*cg.w+ix0)*cg.c
					copy(seg, x[src:src+cg.kw*cg.c])
					continue
				}
				for fx := 0; fx < cg.kw; fx++ {
					ix := ix0 + fx
					dst := seg[fx*cg.c : (fx+1)*cg.c]
					if ix < 0 || ix >= cg.w {
						clear(dst)
						continue
					}
					src := base + (iy*cg.w+ix)*cg.c
					copy(dst, x[src:src+cg.c])
				}
			}
		}
	}
}

// col2im adds the patch gradients dcol into image img's gradient dx.
func (cg *convGeometry) col2im(dcol []float32, img int, dx []float32) {
	k := cg.kh * cg.kw * cg.c
	base := img * cg.h * cg.w * cg.c
	for oy := 0; oy < cg.oh; oy++ {
		for ox := 0; ox < cg.ow; ox++ {
			row := dcol[(oy*cg.ow+ox)*k : (oy*cg.ow+ox+1)*k]
			for fy := 0; fy < cg.kh; fy++ {
				iy := oy*cg.sh - cg.padTop + fy
				if iy < 0 || iy >= cg.h {
					continue
				}
				for fx := 0; fx < cg.kw; fx++ {
					ix := ox*cg.sw - cg.padLft + fx
					if ix < 0 || ix >= cg.w {
						continue
					}
					src := row[(fy*cg.kw+fx)*cg.c : (fy*cg.kw+fx+1)*cg.c]
					dst := dx[base+(iy*cg.w+ix)*cg.c:]
					for c, v := range src {
						dst[c] += v
					}
				}
			}
		}
	}
}

// convJob is one forward or backward pass of a convOp over the images.
type convJob struct {
	cg       convGeometry
	x, w     []float32
	out      []float32 // forward
	g        []float32 // backward: the output's gradient
	dx, dw   []float32 // backward; dw holds one partial sum per participant
	col      []float32 // one patch matrix per participant
	dcol     []float32 // backward: one per participant
	backward bool
	ctx      interface{ Err() error }
}

// Do runs image i on participant worker.
func (j *convJob) Do(worker, i int) error {
	if err := j.ctx.Err(); err != nil {
		return err
	}
	cg := &j.cg
	p := cg.oh * cg.ow
	k := cg.kh * cg.kw * cg.c
	o := len(j.w) / k
	col := j.col[worker*p*k : (worker+1)*p*k]
	cg.im2col(j.x, i, col)
	if !j.backward {
		gemmSerial(false, false, p, o, k, col, k, j.w, o, 0, j.out[i*p*o:], o)
		return nil
	}
	g := j.g[i*p*o : (i+1)*p*o]
	if j.dw != nil {
		gemmSerial(true, false, k, o, p, col, k, g, o, 1, j.dw[worker*k*o:], o)
	}
	if j.dx != nil {
		dcol := j.dcol[worker*p*k : (worker+1)*p*k]
		gemmSerial(false, true, p, k, o, g, o, j.w, o, 0, dcol, k)
		cg.col2im(dcol, i, j.dx)
	}
	return nil
}

func (op *convOp) forward(e *execution, n *Node) error {
	x, w := e.value(n.inputs[0]), e.value(n.inputs[1])
	cg, err := op.geometry(x.shape, w.shape)
	if err != nil {
		return err
	}
	o := w.shape[3]
	out := e.output(n, cg.n, cg.oh, cg.ow, o)
	workers := parallel.Workers(cg.n)
	p, k := cg.oh*cg.ow, cg.kh*cg.kw*cg.c
	j := &e.s.conv
	*j = convJob{cg: cg, x: x.data, w: w.data, out: out.data, col: e.scratch(n, 0, workers*p*k), ctx: e.ctx}
	err = parallel.Run(cg.n, j)
	*j = convJob{} // drop the references to this run's buffers
	if !e.training() {
		e.dropScratch(n)
	}
	return err
}

func (op *convOp) backward(e *execution, n *Node) error {
	xn, wn := n.inputs[0], n.inputs[1]
	x, w := e.value(xn), e.value(wn)
	cg, err := op.geometry(x.shape, w.shape)
	if err != nil {
		return err
	}
	o := w.shape[3]
	workers := parallel.Workers(cg.n)
	p, k := cg.oh*cg.ow, cg.kh*cg.kw*cg.c
	j := &e.s.conv
	*j = convJob{cg: cg, x: x.data, w: w.data, g: e.grad(n).data, col: e.scratch(n, 0, workers*p*k), backward: true, ctx: e.ctx}
	defer func() { *j = convJob{} }()
	if e.needsGrad(wn) {
		j.dw = e.scratch(n, 1, workers*k*o)
		clear(j.dw)
	}
	if e.needsGrad(xn) {
		j.dx = e.grad(xn).data
		j.dcol = e.scratch(n, 2, workers*p*k)
	}
	if err := parallel.Run(cg.n, j); err != nil {
		return err
	}
	if j.dw != nil {
		dw := e.grad(wn).data
		for wk := 0; wk < workers; wk++ {
			for i, v := range j.dw[wk*k*o : (wk+1)*k*o] {
				dw[i] += v
			}
		}
	}
	return nil
}

// MaxPool takes the maximum over windows of ksize, moved by strides, of
// each channel of x [batch, height, width, channels], like
// tf.nn.max_pool(x, ksize=[1, k, k, 1], strides=[1, s, s, 1], padding) in
// NHWC. With "SAME" padding, positions outside the image never win. The
// gradient goes to the first largest element of each window.
func MaxPool(x *Node, ksize, strides []int, padding string) *Node {
	const name = "MaxPool"
	g, err := floatOperandsOfKnownRank(name, x)
	if err != nil {
		return failed(g, name, err, x)
	}
	kh, kw, err := parseWindow("ksize", ksize)
	if err != nil {
		return failed(g, name, err, x)
	}
	sh, sw, err := parseWindow("strides", strides)
	if err != nil {
		return failed(g, name, err, x)
	}
	same, err := parsePadding(padding)
	if err != nil {
		return failed(g, name, err, x)
	}
	if len(x.shape) != 4 {
		return failedf(g, name, []*Node{x}, "input %s must be [batch,height,width,channels]", formatShape(x.shape))
	}
	shape := []int{x.shape[0], staticOut(x.shape[1], kh, sh, same), staticOut(x.shape[2], kw, sw, same), x.shape[3]}
	if shape[1] == 0 || shape[2] == 0 {
		return failedf(g, name, []*Node{x}, "window %dx%d is larger than the input %s with VALID padding", kh, kw, formatShape(x.shape))
	}
	return newOp(g, name, poolOp{kh: kh, kw: kw, sh: sh, sw: sw, same: same}, []*Node{x}, shape, Float32, nil)
}

// poolOp is a max pooling. Backward finds each window's winner again
// rather than keeping indices from forward.
type poolOp struct {
	kh, kw, sh, sw int
	same           bool
}

func (op poolOp) geometry(x []int) (convGeometry, error) {
	if len(x) != 4 {
		return convGeometry{}, fmt.Errorf("input %s is not [batch,height,width,channels]", formatShape(x))
	}
	cg := convGeometry{n: x[0], h: x[1], w: x[2], c: x[3], kh: op.kh, kw: op.kw, sh: op.sh, sw: op.sw}
	cg.oh, cg.padTop = outSize(cg.h, cg.kh, cg.sh, op.same)
	cg.ow, cg.padLft = outSize(cg.w, cg.kw, cg.sw, op.same)
	if cg.oh == 0 || cg.ow == 0 {
		return cg, fmt.Errorf("window %dx%d is larger than the input %s with VALID padding", op.kh, op.kw, formatShape(x))
	}
	return cg, nil
}

// poolImage finds, for every output of image img, the first largest value
// of its window in each channel: at receives its offset in x, best its
// value (both of length channels, reused between windows). emit is called
// with the output's offset once per window.
func (cg *convGeometry) poolImage(x []float32, img int, best []float32, at []int, emit func(o int)) {
	c := cg.c
	for oy := 0; oy < cg.oh; oy++ {
		y0 := max(oy*cg.sh-cg.padTop, 0)
		y1 := min(oy*cg.sh-cg.padTop+cg.kh, cg.h)
		for ox := 0; ox < cg.ow; ox++ {
			x0 := max(ox*cg.sw-cg.padLft, 0)
			x1 := min(ox*cg.sw-cg.padLft+cg.kw, cg.w)
			first := true
			// Channels innermost: each window position is one contiguous
			// run of x.
			for iy := y0; iy < y1; iy++ {
				for ix := x0; ix < x1; ix++ {
					k := ((img*cg.h+iy)*cg.w + ix) * c
					px := x[k : k+c]
					if first {
						copy(best, px)
						for ch := range at {
							at[ch] = k + ch
						}
						first = false
						continue
					}
					for ch, v := range px {
						if v > best[ch] {
							best[ch], at[ch] = v, k+ch
						}
					}
				}
			}
			emit(((img*cg.oh+oy)*cg.ow + ox) * c)
		}
	}
}

// poolJob is one forward or backward pass of a poolOp, one image per
// piece.
type poolJob struct {
	cg      convGeometry
	x       []float32
	out     []float32 // forward
	g, dx   []float32 // backward
	best    []float32 // one row of channels per participant
	at      []int
	workers int
}

// Do pools image i on participant worker.
func (j *poolJob) Do(worker, i int) error {
	c := j.cg.c
	best, at := j.best[worker*c:(worker+1)*c], j.at[worker*c:(worker+1)*c]
	if j.out != nil {
		j.cg.poolImage(j.x, i, best, at, func(o int) { copy(j.out[o:o+c], best) })
		return nil
	}
	j.cg.poolImage(j.x, i, best, at, func(o int) {
		for ch, k := range at {
			j.dx[k] += j.g[o+ch]
		}
	})
	return nil
}

// run runs the job over the images, keeping the per-participant buffers
// of the last job, and j's other fields, only for the duration.
func (j *poolJob) run(next poolJob) error {
	best, at := j.best, j.at
	*j = next
	j.workers = parallel.Workers(j.cg.n)
	size := j.workers * j.cg.c
	if cap(best) < size {
		best, at = make([]float32, size), make([]int, size)
	}
	j.best, j.at = best[:size], at[:size]
	err := parallel.Run(j.cg.n, j)
	*j = poolJob{best: best, at: at}
	return err
}

func (op poolOp) forward(e *execution, n *Node) error {
	x := e.value(n.inputs[0])
	cg, err := op.geometry(x.shape)
	if err != nil {
		return err
	}
	out := e.output(n, cg.n, cg.oh, cg.ow, cg.c).data
	return e.s.pooling.run(poolJob{cg: cg, x: x.data, out: out})
}

func (op poolOp) backward(e *execution, n *Node) error {
	xn := n.inputs[0]
	if !e.needsGrad(xn) {
		return nil
	}
	x := e.value(xn)
	cg, err := op.geometry(x.shape)
	if err != nil {
		return err
	}
	return e.s.pooling.run(poolJob{cg: cg, x: x.data, g: e.grad(n).data, dx: e.grad(xn).data})
}

// floatOperandsOfKnownRank checks what the convolution ops need of their
// inputs: nodes of one graph, of a float type, of a known rank.
func floatOperandsOfKnownRank(name string, inputs ...*Node) (*Graph, error) {
	g, err := operands(name, inputs...)
	if err == nil {
		err = requireFloat(name, inputs...)
	}
	if err == nil {
		err = requireRank(name, inputs...)
	}
	return g, err
}
