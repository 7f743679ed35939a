package main

import (
	"fmt"
	"math"
	"sort"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Circle struct{ R float64 }
type Rect struct{ W, H float64 }
type Triangle struct{ A, B, C float64 }

func (c Circle) Area() float64      { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }
func (r Rect) Area() float64        { return r.W * r.H }
func (r Rect) Perimeter() float64   { return 2 * (r.W + r.H) }
func (t *Triangle) Area() float64 {
	s := t.Perimeter() / 2
	return math.Sqrt(s * (s - t.A) * (s - t.B) * (s - t.C))
}
func (t *Triangle) Perimeter() float64 { return t.A + t.B + t.C }
func (r Rect) String() string          { return fmt.Sprintf("Rect(%gx%g)", r.W, r.H) }

func describe(s Shape) string {
	switch v := s.(type) {
	case Circle:
		return fmt.Sprintf("circle of radius %.1f", v.R)
	case Rect:
		if v.W == v.H {
			return "square " + v.String()
		}
		return "rectangle " + v.String()
	case *Triangle:
		return fmt.Sprintf("triangle with sides %v, %v, %v", v.A, v.B, v.C)
	default:
		return "unknown"
	}
}

func main() {
	shapes := []Shape{Circle{1}, Rect{3, 4}, &Triangle{3, 4, 5}, Rect{2, 2}}
	sort.Slice(shapes, func(i, j int) bool { return shapes[i].Area() < shapes[j].Area() })
	for _, s := range shapes {
		fmt.Printf("%-32s area=%6.2f perimeter=%6.2f\n", describe(s), s.Area(), s.Perimeter())
	}
	var total float64
	for _, s := range shapes {
		if st, ok := s.(fmt.Stringer); ok {
			fmt.Println("stringer:", st)
		}
		total += s.Area()
	}
	fmt.Printf("total area %.3f\n", total)
	fmt.Println(shapes[0], len(shapes))
}
