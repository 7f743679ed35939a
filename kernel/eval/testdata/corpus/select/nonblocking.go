package main

import "fmt"

func trySend(ch chan int, v int) bool {
	select {
	case ch <- v:
		return true
	default:
		return false
	}
}

func tryReceive(ch chan int) (int, bool) {
	select {
	case v := <-ch:
		return v, true
	default:
		return 0, false
	}
}

func main() {
	ch := make(chan int, 2)
	for i := 1; i <= 4; i++ {
		fmt.Printf("send %d: %v\n", i, trySend(ch, i))
	}
	for i := 0; i < 3; i++ {
		v, ok := tryReceive(ch)
		fmt.Printf("receive: %d %v\n", v, ok)
	}

	// A select loop that drains two queues, preferring high priority.
	high := make(chan string, 5)
	low := make(chan string, 5)
	high <- "h1"
	low <- "l1"
	high <- "h2"
	low <- "l2"
	for {
		select {
		case job := <-high:
			fmt.Println("high:", job)
			continue
		default:
		}
		select {
		case job := <-low:
			fmt.Println("low:", job)
			continue
		default:
		}
		break
	}
	fmt.Println("queues empty")
}
