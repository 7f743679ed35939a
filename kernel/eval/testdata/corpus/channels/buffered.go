package main

import "fmt"

func main() {
	ch := make(chan string, 3)
	ch <- "a"
	ch <- "b"
	fmt.Println("len", len(ch), "cap", cap(ch))
	ch <- "c"
	close(ch)

	for s := range ch {
		fmt.Print(s, " ")
	}
	fmt.Println()

	v, ok := <-ch
	fmt.Printf("after close: %q %v\n", v, ok)

	// A semaphore made of a buffered channel.
	sem := make(chan struct{}, 2)
	results := make(chan int, 5)
	for i := 1; i <= 5; i++ {
		go func(n int) {
			sem <- struct{}{}
			defer func() { <-sem }()
			results <- n * 10
		}(i)
	}
	total := 0
	for i := 0; i < 5; i++ {
		total += <-results
	}
	fmt.Println("total", total)

	var nilCh chan int
	select {
	case v := <-nilCh:
		fmt.Println("never", v)
	default:
		fmt.Println("a nil channel is never ready")
	}
}
