package main

import (
	"errors"
	"fmt"
)

type Stack[T any] struct {
	items []T
}

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, error) {
	var zero T
	if len(s.items) == 0 {
		return zero, errors.New("empty stack")
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, nil
}

func (s *Stack[T]) Len() int { return len(s.items) }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.Key, p.Val) }

func MakePairs[K comparable, V any](keys []K, val func(K) V) []Pair[K, V] {
	ps := make([]Pair[K, V], len(keys))
	for i, k := range keys {
		ps[i] = Pair[K, V]{k, val(k)}
	}
	return ps
}

func main() {
	var ints Stack[int]
	for i := 1; i <= 3; i++ {
		ints.Push(i * i)
	}
	for ints.Len() > 0 {
		v, _ := ints.Pop()
		fmt.Print(v, " ")
	}
	_, err := ints.Pop()
	fmt.Println("|", err)

	words := &Stack[string]{}
	words.Push("hello")
	words.Push("generics")
	top, _ := words.Pop()
	fmt.Println(top, words.Len())

	pairs := MakePairs([]string{"a", "bb", "ccc"}, func(s string) int { return len(s) })
	fmt.Println(pairs)
	fmt.Println(pairs[1].Key, pairs[1].Val)
}
