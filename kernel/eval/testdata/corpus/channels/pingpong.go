package main

import "fmt"

type ball struct{ hits int }

// player hits the ball it receives on in back on out.
func player(name string, in <-chan *ball, out chan<- *ball, done chan<- string, max int) {
	for b := range in {
		b.hits++
		if b.hits >= max {
			done <- fmt.Sprintf("%s made the last hit (%d)", name, b.hits)
			return
		}
		fmt.Println(name, b.hits)
		out <- b
	}
}

func main() {
	toPing, toPong := make(chan *ball), make(chan *ball)
	done := make(chan string)
	go player("ping", toPing, toPong, done, 7)
	go player("pong", toPong, toPing, done, 7)
	toPing <- new(ball)
	fmt.Println(<-done)

	// Direction-typed channels in a request/response pair.
	type request struct {
		n     int
		reply chan int
	}
	reqs := make(chan request)
	go func() {
		for r := range reqs {
			r.reply <- r.n * 2
		}
	}()
	for i := 1; i <= 3; i++ {
		reply := make(chan int)
		reqs <- request{i, reply}
		fmt.Println("doubled", i, "->", <-reply)
	}
	close(reqs)
}
