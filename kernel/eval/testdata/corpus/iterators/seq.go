package main

import (
	"fmt"
	"iter"
)

// Countdown yields n, n-1, ..., 1.
func Countdown(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := n; i > 0; i-- {
			if !yield(i) {
				return
			}
		}
	}
}

// Fib yields Fibonacci numbers forever; the caller stops it.
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

func Enumerate[T any](xs []T) iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i, x := range xs {
			if !yield(i, x) {
				return
			}
		}
	}
}

func main() {
	for n := range Countdown(5) {
		fmt.Print(n, " ")
	}
	fmt.Println("liftoff")

	for f := range Fib() {
		if f > 100 {
			break
		}
		fmt.Print(f, " ")
	}
	fmt.Println()

	for i, s := range Enumerate([]string{"a", "b", "c"}) {
		fmt.Printf("%d=%s ", i, s)
	}
	fmt.Println()
}
