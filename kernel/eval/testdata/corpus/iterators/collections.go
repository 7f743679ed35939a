package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

type List[T any] struct {
	head *node[T]
	size int
}

type node[T any] struct {
	val  T
	next *node[T]
}

func (l *List[T]) Push(v T) {
	l.head = &node[T]{v, l.head}
	l.size++
}

func (l *List[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for n := l.head; n != nil; n = n.next {
			if !yield(n.val) {
				return
			}
		}
	}
}

func (l *List[T]) Indexed() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		i := 0
		for v := range l.All() {
			if !yield(i, v) {
				return
			}
			i++
		}
	}
}

func Filter[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func Take[T any](seq iter.Seq[T], n int) iter.Seq[T] {
	return func(yield func(T) bool) {
		if n <= 0 {
			return
		}
		i := 0
		for v := range seq {
			if !yield(v) {
				return
			}
			i++
			if i == n {
				return
			}
		}
	}
}

func Fib() iter.Seq[int] {
	return func(yield func(int) bool) {
		a, b := 0, 1
		for {
			if !yield(a) {
				return
			}
			a, b = b, a+b
		}
	}
}

func main() {
	var l List[string]
	for _, w := range strings.Fields("one two three four five") {
		l.Push(w)
	}
	for i, v := range l.Indexed() {
		fmt.Println(i, v)
	}
	long := slices.Collect(Filter(l.All(), func(s string) bool { return len(s) > 3 }))
	fmt.Println(long, l.size)
	fmt.Println(slices.Collect(Take(Fib(), 10)))
	for v := range Fib() {
		if v > 50 {
			fmt.Println("first fib over 50:", v)
			break
		}
	}
	m := map[string]int{"x": 1, "y": 2, "z": 3}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		fmt.Print(k, "=", m[k], " ")
	}
	fmt.Println()
	for i, s := range slices.Backward([]string{"a", "b", "c"}) {
		fmt.Print(i, s, " ")
	}
	fmt.Println()
	for i := range 3 {
		fmt.Print(i)
	}
	fmt.Println()
}
