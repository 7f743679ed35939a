package kernelspec

import (
	"image"
	"image/color"
	"math"
)

//go:generate go run ./internal/genlogo

// Logo colors: Go's blue and white.
var (
	logoBlue  = color.RGBA{0x00, 0xAD, 0xD8, 0xFF}
	logoWhite = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
)

// DrawLogo draws the kernel's logo at size x size pixels: a recurrence
// loop (the R of RNN) around a node, white on a blue rounded square.
// Edges are anti-aliased by sampling each pixel 4x4 times.
func DrawLogo(size int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	const samples = 4
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var bg, fg int
			for sy := 0; sy < samples; sy++ {
				for sx := 0; sx < samples; sx++ {
					// Unit coordinates in [-1, 1], y pointing up.
					x := (float64(px)+(float64(sx)+0.5)/samples)/float64(size)*2 - 1
					y := 1 - (float64(py)+(float64(sy)+0.5)/samples)/float64(size)*2
					if inRoundedSquare(x, y, 0.94, 0.3) {
						bg++
						if inMark(x, y) {
							fg++
						}
					}
				}
			}
			n := samples * samples
			img.SetRGBA(px, py, blend(bg, fg, n))
		}
	}
	return img
}

// blend mixes blue (bg-fg samples) and white (fg samples) over a
// transparent background (n-bg samples), with premultiplied alpha.
func blend(bg, fg, n int) color.RGBA {
	blue := bg - fg
	ch := func(b, w uint8) uint8 {
		return uint8((blue*int(b) + fg*int(w)) / n)
	}
	return color.RGBA{
		R: ch(logoBlue.R, logoWhite.R),
		G: ch(logoBlue.G, logoWhite.G),
		B: ch(logoBlue.B, logoWhite.B),
		A: uint8(bg * 255 / n),
	}
}

// inRoundedSquare reports whether (x, y) lies in the square of half side
// half with corners rounded by radius r.
func inRoundedSquare(x, y, half, r float64) bool {
	dx := math.Max(math.Abs(x)-(half-r), 0)
	dy := math.Max(math.Abs(y)-(half-r), 0)
	return math.Abs(x) <= half && math.Abs(y) <= half && dx*dx+dy*dy <= r*r
}

// inMark reports whether (x, y) lies in the white mark: a node in the
// middle, and a ring around it open at the top right, ending in an
// arrowhead that points back into the loop.
func inMark(x, y float64) bool {
	r := math.Hypot(x, y)
	if r <= 0.17 {
		return true // the node
	}
	angle := math.Atan2(y, x) // -pi..pi, 0 pointing right
	const ringR, ringW = 0.55, 0.11
	const gapFrom, gapTo = 0.15 * math.Pi, 0.5 * math.Pi
	if math.Abs(r-ringR) <= ringW/2 && (angle < gapFrom || angle > gapTo) {
		return true
	}
	// The arrowhead at the ring's end at gapTo, pointing clockwise
	// (toward gapFrom): a triangle with its base across the ring.
	bx, by := ringR*math.Cos(gapTo), ringR*math.Sin(gapTo)
	// Clockwise tangent at gapTo and outward normal.
	tx, ty := math.Sin(gapTo), -math.Cos(gapTo)
	nx, ny := math.Cos(gapTo), math.Sin(gapTo)
	u := (x-bx)*tx + (y-by)*ty // along the arrow
	v := (x-bx)*nx + (y-by)*ny // across it
	const length, halfBase = 0.24, 0.17
	return u >= 0 && u <= length && math.Abs(v) <= halfBase*(1-u/length)
}
