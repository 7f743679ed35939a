package main

import (
	"container/heap"
	"fmt"
	"sort"
)

type score struct {
	player string
	points int
}

// minHeap keeps the k best scores seen, the worst on top.
type minHeap []score

func (h minHeap) Len() int { return len(h) }
func (h minHeap) Less(i, j int) bool {
	if h[i].points != h[j].points {
		return h[i].points < h[j].points
	}
	return h[i].player > h[j].player
}
func (h minHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)   { *h = append(*h, x.(score)) }
func (h *minHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func topK(scores []score, k int) []score {
	h := &minHeap{}
	for _, s := range scores {
		heap.Push(h, s)
		if h.Len() > k {
			heap.Pop(h)
		}
	}
	out := *h
	sort.Slice(out, func(i, j int) bool { return out.Less(j, i) })
	return out
}

func main() {
	scores := []score{
		{"ann", 30}, {"bo", 85}, {"cy", 72}, {"di", 85}, {"ed", 10}, {"flo", 99}, {"gus", 72},
	}
	for _, s := range topK(scores, 3) {
		fmt.Printf("%-4s %d\n", s.player, s.points)
	}
	fmt.Println(len(topK(scores, 10)))
}
