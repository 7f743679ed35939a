package main

import (
	"fmt"
	"sort"
)

type Person struct {
	Name string
	Age  int
}

type ByAge []Person

func (a ByAge) Len() int           { return len(a) }
func (a ByAge) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }
func (a ByAge) Less(i, j int) bool { return a[i].Age < a[j].Age }

func main() {
	people := []Person{
		{"Alice", 31}, {"Bob", 25}, {"Carol", 31}, {"Dave", 19}, {"Eve", 25},
	}
	sort.Sort(ByAge(people))
	fmt.Println(people[0], people[len(people)-1].Age)

	sort.SliceStable(people, func(i, j int) bool { return people[i].Name > people[j].Name })
	fmt.Println(people)

	sort.SliceStable(people, func(i, j int) bool { return people[i].Age < people[j].Age })
	fmt.Println(people)

	ints := []int{5, 2, 8, 1, 9, 3}
	sort.Ints(ints)
	i := sort.SearchInts(ints, 8)
	fmt.Println(ints, "8 is at", i, sort.IntsAreSorted(ints))

	names := []string{"pear", "Apple", "banana", "apple"}
	sort.Strings(names)
	fmt.Println(names)
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	fmt.Println(names)
}
