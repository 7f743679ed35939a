package main

import (
	"fmt"
	"sync"
)

// partialSum adds xs and sends the result with its part's index.
func partialSum(part int, xs []int, out chan<- [2]int, wg *sync.WaitGroup) {
	defer wg.Done()
	s := 0
	for _, x := range xs {
		s += x
	}
	out <- [2]int{part, s}
}

func main() {
	const parts = 4
	data := make([]int, 1000)
	for i := range data {
		data[i] = i + 1
	}

	out := make(chan [2]int, parts)
	var wg sync.WaitGroup
	size := len(data) / parts
	for p := 0; p < parts; p++ {
		wg.Add(1)
		go partialSum(p, data[p*size:(p+1)*size], out, &wg)
	}
	wg.Wait()
	close(out)

	sums := make([]int, parts)
	total := 0
	for r := range out {
		sums[r[0]] = r[1]
		total += r[1]
	}
	fmt.Println("partial sums:", sums)
	fmt.Println("total:", total, "expected:", len(data)*(len(data)+1)/2)
}
