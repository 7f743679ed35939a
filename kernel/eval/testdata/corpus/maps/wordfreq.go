package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
)

type WordCount struct {
	Word  string
	Count int
}

func main() {
	text := `The quick brown fox jumps over the lazy dog. The dog sleeps;
the fox runs! A quick fox, a lazy dog.`
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	freq := make(map[string]int)
	for _, w := range words {
		freq[w]++
	}
	var counts []WordCount
	for w, c := range freq {
		counts = append(counts, WordCount{w, c})
	}
	slices.SortFunc(counts, func(a, b WordCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Word, b.Word)
	})
	for _, wc := range counts[:5] {
		fmt.Printf("%-6s %d %s\n", wc.Word, wc.Count, strings.Repeat("*", wc.Count))
	}
	keys := slices.Sorted(maps.Keys(freq))
	fmt.Println(len(keys), keys[:4])
	byLen := map[int][]string{}
	for _, k := range keys {
		byLen[len(k)] = append(byLen[len(k)], k)
	}
	fmt.Println(byLen)
	if c, ok := freq["cat"]; !ok {
		fmt.Println("no cat", c)
	}
	delete(freq, "the")
	_, stillThere := freq["the"]
	fmt.Println(stillThere, len(freq))
	clone := maps.Clone(freq)
	clone["new"] = 1
	fmt.Println(len(clone) == len(freq)+1)
}
