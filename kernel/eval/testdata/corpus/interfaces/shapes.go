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
type Square struct{ Side float64 }
type Triangle struct{ A, B, C float64 }

func (c Circle) Area() float64      { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }
func (s Square) Area() float64      { return s.Side * s.Side }
func (s Square) Perimeter() float64 { return 4 * s.Side }
func (t Triangle) Perimeter() float64 {
	return t.A + t.B + t.C
}
func (t Triangle) Area() float64 {
	s := t.Perimeter() / 2
	return math.Sqrt(s * (s - t.A) * (s - t.B) * (s - t.C))
}

func describe(s Shape) string {
	switch v := s.(type) {
	case Circle:
		return fmt.Sprintf("circle of radius %g", v.R)
	case Square:
		return fmt.Sprintf("square of side %g", v.Side)
	default:
		return fmt.Sprintf("%T", v)
	}
}

func main() {
	shapes := []Shape{Circle{1}, Square{3}, Triangle{3, 4, 5}, Circle{0.5}}
	sort.Slice(shapes, func(i, j int) bool { return shapes[i].Area() < shapes[j].Area() })

	total := 0.0
	for _, s := range shapes {
		fmt.Printf("%-22s area %6.3f perimeter %6.3f\n", describe(s), s.Area(), s.Perimeter())
		total += s.Area()
	}
	fmt.Printf("total area %.4f\n", total)

	if c, ok := shapes[0].(Circle); ok {
		fmt.Println("smallest is a circle with radius", c.R)
	}
	_, isSquare := shapes[0].(Square)
	fmt.Println("smallest is a square:", isSquare)
}
