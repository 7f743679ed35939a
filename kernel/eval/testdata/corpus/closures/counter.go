package main

import "fmt"

// counter returns a function that counts how many times it was called.
func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

// adder returns a running sum that starts at start.
func adder(start int) func(int) int {
	sum := start
	return func(x int) int {
		sum += x
		return sum
	}
}

func main() {
	next := counter()
	fmt.Println(next(), next(), next())

	other := counter()
	fmt.Println("a fresh counter starts over:", other())
	fmt.Println("the first goes on:", next())

	acc := adder(10)
	for i := 1; i <= 4; i++ {
		fmt.Printf("after adding %d: %d\n", i, acc(i))
	}
}
