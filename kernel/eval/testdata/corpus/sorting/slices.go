package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type Item struct {
	Name  string
	Price float64
	Qty   int
}

func main() {
	nums := []int{42, 7, 19, 7, 3, 88}
	slices.Sort(nums)
	fmt.Println(nums, slices.Min(nums), slices.Max(nums))
	idx, found := slices.BinarySearch(nums, 19)
	fmt.Println("19 at", idx, found)
	fmt.Println(slices.Compact(slices.Clone(nums)))
	fmt.Println(slices.Contains(nums, 3), slices.Index(nums, 88))

	items := []Item{
		{"pen", 1.5, 10}, {"book", 12, 2}, {"bag", 30, 1}, {"ink", 1.5, 4},
	}
	slices.SortFunc(items, func(a, b Item) int {
		return cmp.Or(cmp.Compare(a.Price, b.Price), strings.Compare(a.Name, b.Name))
	})
	for _, it := range items {
		fmt.Printf("%-5s %5.2f x%d\n", it.Name, it.Price, it.Qty)
	}

	words := strings.Fields("the Go gopher likes Go")
	slices.SortStableFunc(words, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	fmt.Println(words)
	rev := slices.Clone(words)
	slices.Reverse(rev)
	fmt.Println(rev, slices.Equal(words, rev))
	i := slices.IndexFunc(items, func(it Item) bool { return it.Qty == 1 })
	fmt.Println("first single item:", items[i].Name)
}
