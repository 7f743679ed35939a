package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}
func (s *Stack[T]) Len() int { return len(s.items) }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func MaxBy[T any, K cmp.Ordered](xs []T, key func(T) K) T {
	best := xs[0]
	for _, x := range xs[1:] {
		if key(x) > key(best) {
			best = x
		}
	}
	return best
}

type Celsius float64

func main() {
	fmt.Println(Sum([]int{1, 2, 3}), Sum([]float64{1.5, 2.25}), Sum([]Celsius{10, 20.5}))
	words := []string{"go", "generics", "are", "fun"}
	fmt.Println(Map(words, strings.ToUpper), Map(words, func(s string) int { return len(s) }))
	fmt.Println(Filter([]int{1, 2, 3, 4, 5, 6}, func(n int) bool { return n%2 == 0 }))
	var st Stack[string]
	for _, w := range words {
		st.Push(w)
	}
	for st.Len() > 0 {
		w, _ := st.Pop()
		fmt.Print(w, " ")
	}
	fmt.Println()
	_, ok := st.Pop()
	fmt.Println("empty pop ok:", ok)
	pairs := []Pair[string, int]{{"a", 3}, {"b", 9}, {"c", 1}}
	fmt.Println(MaxBy(pairs, func(p Pair[string, int]) int { return p.Val }))
	slices.SortFunc(pairs, func(a, b Pair[string, int]) int { return cmp.Compare(a.Val, b.Val) })
	fmt.Printf("%v %+v\n", pairs, pairs[0])
	fmt.Println(slices.Max([]int{4, 9, 2}), min(3, 1, 2), slices.Index(words, "are"))
}
