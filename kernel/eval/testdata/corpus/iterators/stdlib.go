package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func main() {
	ages := map[string]int{"zoe": 31, "adam": 25, "mia": 40}
	for _, name := range slices.Sorted(maps.Keys(ages)) {
		fmt.Println(name, ages[name])
	}
	vals := slices.Collect(maps.Values(ages))
	slices.Sort(vals)
	fmt.Println(vals)

	for i, v := range slices.Backward([]string{"x", "y", "z"}) {
		fmt.Print(i, v, " ")
	}
	fmt.Println()

	for line := range strings.Lines("first\nsecond\nthird") {
		fmt.Printf("%q\n", line)
	}
	for part := range strings.SplitSeq("a-b-c", "-") {
		fmt.Print("[", part, "]")
	}
	fmt.Println()
	for w := range strings.FieldsSeq("  spaced   out  words ") {
		fmt.Print(strings.ToUpper(w), ".")
	}
	fmt.Println()

	chunks := slices.Collect(slices.Chunk([]int{1, 2, 3, 4, 5}, 2))
	fmt.Println(chunks)
	squares := maps.Collect(func(yield func(int, int) bool) {
		for i := range 4 {
			if !yield(i, i*i) {
				return
			}
		}
	})
	fmt.Println(squares)
}
