package main

import (
	"fmt"
	"math"
)

type Point struct {
	X, Y float64
}

func (p Point) Dist(q Point) float64 {
	return math.Hypot(q.X-p.X, q.Y-p.Y)
}

type Rect struct {
	Min, Max Point
}

func (r Rect) Width() float64  { return r.Max.X - r.Min.X }
func (r Rect) Height() float64 { return r.Max.Y - r.Min.Y }
func (r Rect) Area() float64   { return r.Width() * r.Height() }

// Scale grows the rectangle in place, so it needs a pointer receiver.
func (r *Rect) Scale(f float64) {
	r.Max.X = r.Min.X + r.Width()*f
	r.Max.Y = r.Min.Y + r.Height()*f
}

func (r Rect) String() string {
	return fmt.Sprintf("Rect[(%g,%g)-(%g,%g)]", r.Min.X, r.Min.Y, r.Max.X, r.Max.Y)
}

func main() {
	r := Rect{Min: Point{1, 1}, Max: Point{4, 5}}
	fmt.Println(r, "area", r.Area())
	fmt.Println("diagonal", r.Min.Dist(r.Max))

	r.Scale(2)
	fmt.Println("scaled:", r, "area", r.Area())

	p := &r.Min
	p.X = 0
	fmt.Printf("%v\n%+v\n", r, r.Min)

	copyOfR := r
	copyOfR.Min.Y = -10
	fmt.Println(r.Min.Y, copyOfR.Min.Y, r == copyOfR)

	anon := struct {
		Name string
		Tags []string
	}{"config", []string{"a", "b"}}
	fmt.Printf("%+v\n", anon)
}
