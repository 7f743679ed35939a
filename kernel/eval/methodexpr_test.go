package eval

import "testing"

// Method expressions of cells' types are functions taking the receiver
// first, as in Go.
func TestMethodExpressions(t *testing.T) {
	point := "type Point struct{ X, Y int }\n" +
		"func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }\n" +
		"func (p *Point) Scale(k int) { p.X *= k; p.Y *= k }\n" +
		"func (p Point) Sum(xs ...int) int { s := p.X + p.Y; for _, x := range xs { s += x }; return s }"
	runPanicCases(t, []panicCase{
		{"value receiver", []string{point, "add := Point.Add\nadd(Point{1, 2}, Point{3, 4})"}, "{4 6}"},
		{"pointer receiver", []string{point, "q := Point{1, 2}\nscale := (*Point).Scale\nscale(&q, 3)\nq"}, "{3 6}"},
		{"value method through the pointer type", []string{point, "(*Point).Add(&Point{1, 1}, Point{1, 1})"}, "{2 2}"},
		{"variadic", []string{point, "sum := Point.Sum\nsum(Point{1, 2}, 3, 4)"}, "10"},
		{"in a slice of functions", []string{point, "fs := []func(Point, Point) Point{Point.Add}\nfs[0](Point{1, 0}, Point{0, 1})"}, "{1 1}"},
		{"inside a function", []string{point, "func apply(f func(*Point, int), p *Point) { f(p, 2) }", "p := &Point{2, 3}\napply((*Point).Scale, p)\n*p"}, "{4 6}"},
	})
}
