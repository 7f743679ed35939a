package main

import (
	"fmt"
	"sync"
)

type stats struct {
	mu        sync.Mutex
	perWorker map[int]int
	maxActive int
	active    int
}

func (s *stats) start() {
	s.mu.Lock()
	s.active++
	if s.active > s.maxActive {
		s.maxActive = s.active
	}
	s.mu.Unlock()
}

func (s *stats) finish(worker int) {
	s.mu.Lock()
	s.active--
	s.perWorker[worker]++
	s.mu.Unlock()
}

func main() {
	const workers, tasks = 3, 12
	st := &stats{perWorker: map[int]int{}}
	limit := make(chan struct{}, workers)
	var wg sync.WaitGroup
	results := make([]int, tasks)
	for t := 0; t < tasks; t++ {
		wg.Add(1)
		limit <- struct{}{}
		go func(t int) {
			defer wg.Done()
			defer func() { <-limit }()
			st.start()
			results[t] = t * t
			st.finish(t % workers)
		}(t)
	}
	wg.Wait()
	fmt.Println(results)
	fmt.Println("never more than", workers, "at once:", st.maxActive <= workers)
	fmt.Println("tasks per worker slot:", st.perWorker)
}
