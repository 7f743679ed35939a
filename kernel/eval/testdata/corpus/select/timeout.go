package main

import (
	"fmt"
	"time"
)

func slow(d time.Duration, v string) <-chan string {
	ch := make(chan string, 1)
	go func() {
		time.Sleep(d)
		ch <- v
	}()
	return ch
}

func fetch(d time.Duration, limit time.Duration) string {
	select {
	case v := <-slow(d, "data"):
		return "got " + v
	case <-time.After(limit):
		return "timed out after " + limit.String()
	}
}

func main() {
	fmt.Println(fetch(time.Millisecond, 2*time.Second))
	fmt.Println(fetch(2*time.Second, 20*time.Millisecond))

	ticker := time.NewTicker(5 * time.Millisecond)
	defer ticker.Stop()
	ticks := 0
	for range ticker.C {
		ticks++
		if ticks == 3 {
			break
		}
	}
	fmt.Println("ticks:", ticks)

	timer := time.NewTimer(time.Hour)
	fmt.Println("stopped before firing:", timer.Stop())
}
