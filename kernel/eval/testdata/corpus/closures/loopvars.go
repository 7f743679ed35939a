package main

import "fmt"

func main() {
	// Since Go 1.22 each iteration has its own i, so every closure
	// remembers a different value.
	var funcs []func() int
	for i := 0; i < 3; i++ {
		funcs = append(funcs, func() int { return i * i })
	}
	for _, f := range funcs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	names := []string{"ada", "grace", "ken"}
	var greeters []func() string
	for _, name := range names {
		greeters = append(greeters, func() string { return "hello, " + name })
	}
	for _, g := range greeters {
		fmt.Println(g())
	}

	// A closure can also change variables of the function around it.
	total := 0
	add := func(xs ...int) {
		for _, x := range xs {
			total += x
		}
	}
	add(1, 2, 3)
	add(10)
	fmt.Println("total:", total)
}
