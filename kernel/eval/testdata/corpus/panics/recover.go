package main

import (
	"errors"
	"fmt"
)

// safeDivide turns a division by zero into an error.
func safeDivide(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func mustPositive(n int) int {
	if n < 0 {
		panic(fmt.Sprintf("negative value %d", n))
	}
	return n
}

func try(f func()) (err error) {
	defer func() {
		switch r := recover().(type) {
		case nil:
		case error:
			err = r
		default:
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	f()
	return nil
}

func main() {
	fmt.Println(safeDivide(10, 2))
	fmt.Println(safeDivide(1, 0))

	fmt.Println(try(func() { mustPositive(5) }))
	fmt.Println(try(func() { mustPositive(-3) }))
	fmt.Println(try(func() { panic(errors.New("custom error value")) }))
	fmt.Println(try(func() {
		var m map[string]int
		m["x"] = 1
	}))
	fmt.Println(try(func() {
		xs := []int{1, 2, 3}
		i := 5
		_ = xs[i]
	}))
}
