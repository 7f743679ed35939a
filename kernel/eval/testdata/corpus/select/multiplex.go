package main

import (
	"fmt"
	"sort"
)

func producer(name string, n int) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for i := 1; i <= n; i++ {
			ch <- fmt.Sprintf("%s-%d", name, i)
		}
	}()
	return ch
}

func main() {
	a, b := producer("a", 3), producer("b", 4)
	var got []string
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil // a closed channel would be ready forever
				continue
			}
			got = append(got, v)
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			got = append(got, v)
		}
	}
	sort.Strings(got) // arrival order varies, the set does not
	fmt.Println(len(got), got)

	quit := make(chan struct{})
	nums := make(chan int)
	go func() {
		for i := 0; ; i++ {
			select {
			case nums <- i:
			case <-quit:
				close(nums)
				return
			}
		}
	}()
	for n := range nums {
		if n == 4 {
			close(quit)
			break
		}
		fmt.Println("n =", n)
	}
}
