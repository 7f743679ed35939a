package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

type Shape interface {
	Area() float64
	fmt.Stringer
}

type Sq struct{ S float64 }

func (s Sq) Area() float64  { return s.S * s.S }
func (s Sq) String() string { return fmt.Sprintf("Sq(%g)", s.S) }

type Circ struct{ R float64 }

func (c Circ) Area() float64  { return 3 * c.R * c.R }
func (c Circ) String() string { return fmt.Sprintf("Circ(%g)", c.R) }

func Largest[S Shape](shapes []S) S {
	return slices.MaxFunc(shapes, func(a, b S) int { return cmp.Compare(a.Area(), b.Area()) })
}

func Describe[T fmt.Stringer](xs []T) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = x.String()
	}
	return strings.Join(parts, ", ")
}

type Cache[K comparable, V any] struct {
	data  map[K]V
	order []K
	limit int
}

func NewCache[K comparable, V any](limit int) *Cache[K, V] {
	return &Cache[K, V]{data: make(map[K]V), limit: limit}
}

func (c *Cache[K, V]) Put(k K, v V) {
	if _, ok := c.data[k]; !ok {
		c.order = append(c.order, k)
	}
	c.data[k] = v
	if len(c.order) > c.limit {
		oldest := c.order[0]
		c.order = c.order[1:]
		delete(c.data, oldest)
	}
}

func (c *Cache[K, V]) Get(k K) (V, bool) {
	v, ok := c.data[k]
	return v, ok
}

type Result[T any] struct {
	Val T
	Err error
}

func Try[T any](f func() (T, error)) Result[T] {
	v, err := f()
	return Result[T]{v, err}
}

func (r Result[T]) OrElse(d T) T {
	if r.Err != nil {
		return d
	}
	return r.Val
}

type Number interface{ ~int | ~float64 }

func SumBy[T any, N Number](xs []T, f func(T) N) N {
	var s N
	for _, x := range xs {
		s += f(x)
	}
	return s
}

func main() {
	sqs := []Sq{{2}, {5}, {3}}
	fmt.Println(Largest(sqs), Describe(sqs))
	shapes := []Shape{Sq{2}, Circ{2}, Sq{1}}
	fmt.Println(Largest(shapes), Describe(shapes))
	fmt.Printf("%.1f\n", SumBy(shapes, Shape.Area))
	c := NewCache[string, int](2)
	c.Put("a", 1)
	c.Put("b", 2)
	c.Put("a", 10)
	c.Put("c", 3)
	_, okA := c.Get("a")
	vb, okB := c.Get("b")
	fmt.Println(okA, vb, okB, c.order)
	r1 := Try(func() (int, error) { return 42, nil })
	r2 := Try(func() (string, error) { return "", errors.New("boom") })
	fmt.Println(r1.OrElse(0), r2.OrElse("default"), r2.Err)
	fmt.Printf("%v %+v\n", r1, r2)
	words := []string{"kiwi", "fig", "banana"}
	fmt.Println(SumBy(words, func(s string) int { return len(s) }))
}
