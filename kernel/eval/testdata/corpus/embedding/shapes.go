package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

type Named struct{ Name string }

func (n Named) Label() string { return "<" + n.Name + ">" }

type Shape interface {
	Area() float64
	Label() string
}

type Rect struct {
	Named
	W, H float64
}

type Circle struct {
	*Named
	R float64
}

func (r Rect) Area() float64   { return r.W * r.H }
func (c Circle) Area() float64 { return math.Pi * c.R * c.R }
func (c Circle) Label() string { return "circle " + c.Named.Label() }

type ByArea []Shape

func (a ByArea) Len() int           { return len(a) }
func (a ByArea) Less(i, j int) bool { return a[i].Area() < a[j].Area() }
func (a ByArea) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }

type Group struct {
	Shapes []Shape
	Tags   map[string]bool
}

func (g Group) Total() (sum float64) {
	for _, s := range g.Shapes {
		sum += s.Area()
	}
	return
}

func (g *Group) Add(s ...Shape) *Group {
	g.Shapes = append(g.Shapes, s...)
	return g
}

func main() {
	g := &Group{Tags: map[string]bool{"demo": true}}
	g.Add(Rect{Named{"r1"}, 2, 3}).Add(Circle{&Named{"c1"}, 1}, Rect{Named: Named{"sq"}, W: 2, H: 2})
	sort.Sort(ByArea(g.Shapes))
	var labels []string
	for _, s := range g.Shapes {
		labels = append(labels, fmt.Sprintf("%s=%.2f", s.Label(), s.Area()))
	}
	fmt.Println(strings.Join(labels, " "))
	fmt.Printf("%.3f %v\n", g.Total(), g.Tags)
	r := Rect{Named{"x"}, 1, 1}
	fmt.Println(r.Name, r.Label(), r.Named.Name)
	c := Circle{&Named{"y"}, 2}
	c.Name = "z"
	fmt.Println(c.Label(), c.Named.Name)
	var s Shape = r
	if rr, ok := s.(Rect); ok {
		fmt.Println("rect", rr.W, rr.Label())
	}
	switch v := s.(type) {
	case Circle:
		fmt.Println("circle", v.R)
	case Rect:
		fmt.Println("rect again", v.H)
	}
	areas := map[string]float64{}
	for _, sh := range g.Shapes {
		areas[sh.Label()] = math.Round(sh.Area()*100) / 100
	}
	fmt.Println(areas)
}
