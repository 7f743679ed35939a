package main

import (
	"cmp"
	"fmt"
)

type Ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~float32 | ~float64 | ~string
}

func MaxOf[T Ordered](first T, rest ...T) T {
	m := first
	for _, v := range rest {
		if v > m {
			m = v
		}
	}
	return m
}

func Clamp[T cmp.Ordered](v, lo, hi T) T {
	return min(max(v, lo), hi)
}

// Keys returns the keys of m in no particular order.
func Keys[M ~map[K]V, K comparable, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

type Tree[T cmp.Ordered] struct {
	Left, Right *Tree[T]
	Val         T
}

func (t *Tree[T]) Insert(v T) *Tree[T] {
	if t == nil {
		return &Tree[T]{Val: v}
	}
	if cmp.Less(v, t.Val) {
		t.Left = t.Left.Insert(v)
	} else {
		t.Right = t.Right.Insert(v)
	}
	return t
}

func (t *Tree[T]) Walk(visit func(T)) {
	if t == nil {
		return
	}
	t.Left.Walk(visit)
	visit(t.Val)
	t.Right.Walk(visit)
}

func main() {
	fmt.Println(MaxOf(3, 9, 2), MaxOf("pear", "apple", "zucchini"), MaxOf(1.5))
	fmt.Println(Clamp(15, 0, 10), Clamp(-2.5, -1.0, 1.0), Clamp("m", "a", "k"))
	fmt.Println(len(Keys(map[string]bool{"x": true, "y": false})))

	var root *Tree[int]
	for _, v := range []int{50, 30, 70, 20, 40, 60, 80} {
		root = root.Insert(v)
	}
	var sorted []int
	root.Walk(func(v int) { sorted = append(sorted, v) })
	fmt.Println(sorted)
	fmt.Println(cmp.Compare(1, 2), cmp.Compare("b", "a"))
}
