package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

func generate(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 1; i <= n; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func square(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			select {
			case out <- v * v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int, 10)
	for _, c := range cs {
		wg.Add(1)
		go func(c <-chan int) {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}(c)
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

// delays are the workers' times, far apart from the deadline of 2s.
var delays = []time.Duration{0, 10 * time.Millisecond, 20 * time.Millisecond, 20 * time.Second, 20 * time.Second}

type result struct {
	id  int
	err error
}

func worker(ctx context.Context, id int) error {
	select {
	case <-time.After(delays[id]):
		if id == 2 {
			return fmt.Errorf("worker %d: %w", id, errors.ErrUnsupported)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sum := 0
	for v := range merge(square(ctx, generate(ctx, 5)), square(ctx, generate(ctx, 3))) {
		sum += v
	}
	fmt.Println("sum of squares:", sum)

	ctx2, cancel2 := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel2()
	results := make(chan result)
	for id := 1; id <= 4; id++ {
		go func() { results <- result{id, worker(ctx2, id)} }()
	}
	byID := map[int]error{}
	for range 4 {
		r := <-results
		byID[r.id] = r.err
	}
	for id := 1; id <= 4; id++ {
		err := byID[id]
		switch {
		case err == nil:
			fmt.Println(id, "ok")
		case errors.Is(err, context.DeadlineExceeded):
			fmt.Println(id, "timed out")
		case errors.Is(err, errors.ErrUnsupported):
			fmt.Println(id, "failed:", err)
		}
	}
	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { fmt.Println("once", i) })
	}
	var mu sync.RWMutex
	counts := map[string]int{}
	var wg sync.WaitGroup
	for _, w := range []string{"a", "b", "a", "c", "a"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			counts[w]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	mu.RLock()
	fmt.Println(counts)
	mu.RUnlock()
}
