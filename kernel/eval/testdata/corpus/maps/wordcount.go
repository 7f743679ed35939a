package main

import (
	"fmt"
	"sort"
	"strings"
)

const text = `the quick brown fox jumps over the lazy dog
the dog sleeps and the fox runs`

func main() {
	counts := make(map[string]int)
	for _, w := range strings.Fields(text) {
		counts[w]++
	}

	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})

	fmt.Println("distinct words:", len(counts))
	for _, w := range words[:5] {
		fmt.Printf("%-6s %d\n", w, counts[w])
	}

	if n, ok := counts["cat"]; !ok {
		fmt.Println("no cat in the text", n)
	}
	delete(counts, "the")
	fmt.Println("after deleting 'the':", len(counts), counts["the"])
}
