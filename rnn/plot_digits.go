package rnn

import (
	"fmt"
	"image"
	"image/color"
	imagedraw "image/draw"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Layout of PlotDigits, in pixels.
const (
	digitScale     = 3   // each image pixel becomes a 3x3 block
	digitPad       = 10  // space around each cell
	digitLabelH    = 18  // height of the label line under a digit
	digitTitleH    = 30  // height of the title line
	maxDigitsShown = 256 // more would make an image nobody can read
)

// PlotDigits draws images as a grid of cols columns (10 when cols is zero
// or less). images holds one image per row: [n, 784] (square images
// flattened) or [n, 28, 28]; a single [784] or [28, 28] image works too.
// Under each image it writes the true label, and for a wrong prediction
// "label → prediction" in red with a red frame. labels and predictions
// may be nil or shorter than n. Values are scaled so that the tensor's
// smallest (or 0) is white and its largest is black, which suits both
// 0..1 and 0..255 pixel data. At most 256 images are drawn. Input it
// cannot draw gives an image that says what is wrong.
func PlotDigits(images *Tensor, labels, predictions []int, cols int) image.Image {
	n, h, w, err := digitGeometry(images)
	if err != nil {
		return plotMessage("PlotDigits: " + err.Error())
	}
	shown := min(n, maxDigitsShown)
	if cols <= 0 {
		cols = 10
	}
	cols = min(cols, shown)
	rows := (shown + cols - 1) / cols
	cellW := w*digitScale + 2*digitPad
	cellH := h*digitScale + digitLabelH + 2*digitPad
	width, height := max(cols*cellW, 360), digitTitleH+rows*cellH

	c, dc := plotPixelCanvas(width, height)
	wrong := 0
	for i := 0; i < shown; i++ {
		if i < len(labels) && i < len(predictions) && labels[i] != predictions[i] {
			wrong++
		}
	}
	title := fmt.Sprintf("%d digits", shown)
	if shown == 1 {
		title = "1 digit"
	}
	if shown < n {
		title = fmt.Sprintf("first %d of %d digits", shown, n)
	}
	if len(predictions) > 0 {
		title += fmt.Sprintf(": label → prediction, %d wrong in red", wrong)
	}
	plotPixelText(dc, height, width/2, digitTitleH/2, title, 13, color.Black)

	canvas := c.Image().(imagedraw.Image)
	// A lazy tensor's values are converted for the plot, not kept.
	data := images.values()
	lo, hi := digitRange(data)
	for i := 0; i < shown; i++ {
		x0 := (i%cols)*cellW + digitPad
		y0 := digitTitleH + (i/cols)*cellH + digitPad
		pixels := data[i*h*w : (i+1)*h*w]
		drawDigit(canvas, x0, y0, w, h, pixels, lo, hi)
		// A faint frame shows where each image ends on the white page.
		drawFrame(canvas, image.Rect(x0-1, y0-1, x0+w*digitScale+1, y0+h*digitScale+1), 1, color.Gray{Y: 0xd0})
		if i >= len(labels) {
			continue
		}
		text, col := fmt.Sprint(labels[i]), color.Color(color.Gray{Y: 0x30})
		if i < len(predictions) && predictions[i] != labels[i] {
			text, col = fmt.Sprintf("%d → %d", labels[i], predictions[i]), plotWrongColor
			frame := image.Rect(x0-3, y0-3, x0+w*digitScale+3, y0+h*digitScale+3)
			drawFrame(canvas, frame, 2, plotWrongColor)
		}
		plotPixelText(dc, height, x0+w*digitScale/2, y0+h*digitScale+digitLabelH/2+3, text, 12, col)
	}
	return c.Image()
}

// digitGeometry reads the number of images and their height and width
// from the tensor's shape.
func digitGeometry(t *Tensor) (n, h, w int, err error) {
	if t == nil {
		return 0, 0, 0, fmt.Errorf("no images (nil tensor)")
	}
	s := t.Shape()
	switch len(s) {
	case 1:
		n, h, w = 1, isqrt(s[0]), isqrt(s[0])
	case 2:
		n, h, w = s[0], isqrt(s[1]), isqrt(s[1])
		if h*w != s[1] && s[0] == s[1] { // a single [h, w] image
			n, h, w = 1, s[0], s[1]
		}
		if h*w != s[1] && n != 1 {
			return 0, 0, 0, fmt.Errorf("rows of %d values in shape %v are not square images", s[1], s)
		}
	case 3:
		n, h, w = s[0], s[1], s[2]
	default:
		return 0, 0, 0, fmt.Errorf("shape %v is not [n, h*w], [n, h, w] or one image", s)
	}
	if h*w == 0 || n*h*w != t.Size() {
		return 0, 0, 0, fmt.Errorf("shape %v holds no square images", s)
	}
	if n == 0 {
		return 0, 0, 0, fmt.Errorf("no images (shape %v)", s)
	}
	return n, h, w, nil
}

// isqrt returns the integer square root of n when n is a perfect square,
// and 0 otherwise.
func isqrt(n int) int {
	r := int(math.Sqrt(float64(n)) + 0.5)
	if r*r != n {
		return 0
	}
	return r
}

// digitRange is the value range mapped to white..black: from min(0,
// smallest) to the largest finite value.
func digitRange(data []float32) (lo, hi float32) {
	for _, v := range data {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			continue
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	if hi <= lo {
		hi = lo + 1
	}
	return lo, hi
}

// drawDigit paints one image as dark ink on white, each pixel a
// digitScale-sized block, with its top left corner at (x0, y0).
func drawDigit(dst imagedraw.Image, x0, y0, w, h int, pixels []float32, lo, hi float32) {
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := (pixels[y*w+x] - lo) / (hi - lo)
			if !(v >= 0) { // NaN too
				v = 0
			}
			ink := color.Gray{Y: 255 - uint8(min(v, 1)*255+0.5)}
			block := image.Rect(x0+x*digitScale, y0+y*digitScale, x0+(x+1)*digitScale, y0+(y+1)*digitScale)
			imagedraw.Draw(dst, block, image.NewUniform(ink), image.Point{}, imagedraw.Src)
		}
	}
}

// drawFrame outlines r with lines of the given thickness.
func drawFrame(dst imagedraw.Image, r image.Rectangle, thick int, col color.Color) {
	u := image.NewUniform(col)
	for _, side := range []image.Rectangle{
		image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+thick),
		image.Rect(r.Min.X, r.Max.Y-thick, r.Max.X, r.Max.Y),
		image.Rect(r.Min.X, r.Min.Y, r.Min.X+thick, r.Max.Y),
		image.Rect(r.Max.X-thick, r.Min.Y, r.Max.X, r.Max.Y),
	} {
		imagedraw.Draw(dst, side, u, image.Point{}, imagedraw.Src)
	}
}

// plotPixelCanvas is a white canvas of width x height pixels at plotDPI,
// for pictures laid out in pixels.
func plotPixelCanvas(width, height int) (*vgimg.Canvas, draw.Canvas) {
	c := vgimg.NewWith(vgimg.UseWH(plotPixels(width), plotPixels(height)), vgimg.UseDPI(plotDPI))
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	return c, dc
}

// plotPixels converts pixels to vg lengths at plotDPI.
func plotPixels(px int) vg.Length { return vg.Length(px) * vg.Inch / plotDPI }

// plotPixelText writes text centred on the pixel (x, y) of a canvas
// height pixels tall (vg measures y upwards from the bottom).
func plotPixelText(dc draw.Canvas, height, x, y int, text string, size vg.Length, col color.Color) {
	sty := plotTextStyle(size, col)
	sty.XAlign = draw.XCenter
	sty.YAlign = draw.YCenter
	dc.FillText(sty, vg.Point{X: plotPixels(x), Y: plotPixels(height - y)}, text)
}

// plotMessage is a small image that shows msg, returned by the plot
// helpers for input they cannot draw.
func plotMessage(msg string) image.Image {
	const width, height = 640, 60
	c, dc := plotPixelCanvas(width, height)
	plotPixelText(dc, height, width/2, height/2, msg, 12, plotWrongColor)
	return c.Image()
}
