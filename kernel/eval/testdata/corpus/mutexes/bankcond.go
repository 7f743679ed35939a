package main

import (
	"fmt"
	"sync"
)

// Queue is a bounded queue whose Put waits while it is full and whose
// Get waits while it is empty.
type Queue struct {
	mu       sync.Mutex
	notEmpty *sync.Cond
	notFull  *sync.Cond
	items    []int
	max      int
}

func NewQueue(max int) *Queue {
	q := &Queue{max: max}
	q.notEmpty = sync.NewCond(&q.mu)
	q.notFull = sync.NewCond(&q.mu)
	return q
}

func (q *Queue) Put(v int) {
	q.mu.Lock()
	for len(q.items) == q.max {
		q.notFull.Wait()
	}
	q.items = append(q.items, v)
	q.notEmpty.Signal()
	q.mu.Unlock()
}

func (q *Queue) Get() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.notEmpty.Wait()
	}
	v := q.items[0]
	q.items = q.items[1:]
	q.notFull.Signal()
	return v
}

func main() {
	q := NewQueue(2)
	go func() {
		for i := 1; i <= 6; i++ {
			q.Put(i * 100)
		}
	}()
	sum := 0
	for i := 0; i < 6; i++ {
		v := q.Get()
		sum += v
		fmt.Println("got", v)
	}
	fmt.Println("sum", sum)
}
