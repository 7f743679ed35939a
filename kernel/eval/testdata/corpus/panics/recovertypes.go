package main

import (
	"errors"
	"fmt"
	"runtime"
)

type InvariantError struct {
	What string
}

func (e InvariantError) Error() string { return "invariant violated: " + e.What }

func mustPositive(n int) int {
	if n <= 0 {
		panic(InvariantError{fmt.Sprintf("%d is not positive", n)})
	}
	return n
}

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			switch x := r.(type) {
			case error:
				err = fmt.Errorf("recovered: %w", x)
			case string:
				err = errors.New(x)
			default:
				err = fmt.Errorf("unknown panic: %v", x)
			}
		}
	}()
	return a / b, nil
}

func run(f func()) (msg string) {
	defer func() {
		r := recover()
		if ie, ok := r.(InvariantError); ok {
			msg = "caught " + ie.What
			return
		}
		if r != nil {
			msg = fmt.Sprint("caught other: ", r)
		}
	}()
	f()
	return "no panic"
}

func main() {
	fmt.Println(safeDiv(10, 2))
	q, err := safeDiv(1, 0)
	fmt.Println(q, err)
	var re runtime.Error
	fmt.Println(errors.As(err, &re), re)
	fmt.Println(run(func() { mustPositive(-3) }))
	fmt.Println(run(func() { mustPositive(3) }))
	fmt.Println(run(func() { panic("plain string") }))
	fmt.Println(run(func() { var m map[string]int; m["x"] = 1 }))
	func() {
		defer fmt.Println("deferred 1")
		defer func() {
			fmt.Println("recovered:", recover())
		}()
		defer fmt.Println("deferred 2")
		panic(InvariantError{"nested"})
	}()
	fmt.Println("done")
}
