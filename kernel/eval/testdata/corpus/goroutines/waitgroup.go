package main

import (
	"fmt"
	"sync"
)

func square(n int) int { return n * n }

func main() {
	nums := []int{2, 3, 4, 5, 6}
	results := make([]int, len(nums))

	var wg sync.WaitGroup
	for i, n := range nums {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = square(n) // each goroutine writes its own slot
		}()
	}
	wg.Wait()
	fmt.Println("squares:", results)

	sum := 0
	for _, r := range results {
		sum += r
	}
	fmt.Println("sum:", sum)

	// A goroutine that reports back on a channel when it is done.
	done := make(chan string)
	go func() {
		total := 0
		for i := 1; i <= 100; i++ {
			total += i
		}
		done <- fmt.Sprintf("background sum is %d", total)
	}()
	fmt.Println(<-done)
}
