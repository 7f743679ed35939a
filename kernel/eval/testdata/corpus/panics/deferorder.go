package main

import "fmt"

func trace(name string) func() {
	fmt.Println("enter", name)
	return func() { fmt.Println("leave", name) }
}

func deferredLoop() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("deferred", i)
	}
	fmt.Println("loop done")
}

func doubled() (result int) {
	defer func() { result *= 2 }()
	return 21
}

func nested() {
	defer trace("nested")()
	defer func() {
		r := recover()
		fmt.Println("recovered in nested:", r)
	}()
	func() {
		defer fmt.Println("inner defer runs before the panic leaves")
		panic("inner problem")
	}()
	fmt.Println("not reached")
}

func main() {
	defer trace("main")()
	deferredLoop()
	fmt.Println("doubled:", doubled())
	nested()
	fmt.Println("main goes on")
}
