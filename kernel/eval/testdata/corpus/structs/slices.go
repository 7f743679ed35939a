package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

type Student struct {
	Name   string
	Grade  int
	Scores []int
}

func (s Student) Avg() float64 {
	if len(s.Scores) == 0 {
		return 0
	}
	t := 0
	for _, x := range s.Scores {
		t += x
	}
	return float64(t) / float64(len(s.Scores))
}

func main() {
	a := []int{1, 2, 3, 4, 5}
	b := a[1:3]
	b = append(b, 99)
	fmt.Println(a, b, len(b), cap(b))
	c := a[1:3:3]
	c = append(c, 100)
	fmt.Println(a, c)
	d := make([]int, 2, 10)
	copy(d, a)
	fmt.Println(d, copy(d, []int{7}), d)
	var nilS []string
	fmt.Println(nilS == nil, len(nilS), append(nilS, "x"))
	m := map[string]Student{"ann": {"ann", 3, []int{90, 80}}}
	s := m["ann"]
	s.Grade = 4
	m["ann"] = s
	m["ann"].Scores[0] = 100
	fmt.Println(m["ann"].Grade, m["ann"].Scores, m["ann"].Avg())
	ptrs := map[string]*Student{"bo": {Name: "bo"}}
	ptrs["bo"].Grade = 2
	ptrs["bo"].Scores = append(ptrs["bo"].Scores, 70, 75)
	fmt.Printf("%+v %.1f\n", *ptrs["bo"], ptrs["bo"].Avg())
	class := []Student{
		{"cy", 3, []int{60}},
		{"al", 3, []int{95, 85}},
		{"di", 2, []int{80, 90, 100}},
	}
	sort.Slice(class, func(i, j int) bool {
		if class[i].Grade != class[j].Grade {
			return class[i].Grade < class[j].Grade
		}
		return class[i].Avg() > class[j].Avg()
	})
	for _, st := range class {
		fmt.Printf("%d %-3s %5.1f\n", st.Grade, st.Name, st.Avg())
	}
	names := make([]string, 0, len(class))
	for _, st := range class {
		names = append(names, strings.ToUpper(st.Name))
	}
	slices.Reverse(names)
	fmt.Println(names, slices.Contains(names, "AL"), slices.Index(names, "DI"))
	matrix := make([][]int, 3)
	for i := range matrix {
		matrix[i] = make([]int, i+1)
		for j := range matrix[i] {
			matrix[i][j] = i + j
		}
	}
	fmt.Println(matrix, len(matrix[2]))
	x := [...]string{2: "c", 0: "a"}
	fmt.Println(len(x), x, x[1] == "")
	xs := []int{5, 2, 8, 1}
	ys := slices.Clone(xs)
	slices.Sort(ys)
	i, found := slices.BinarySearch(ys, 5)
	fmt.Println(xs, ys, i, found, slices.Equal(xs, ys))
	xs = slices.DeleteFunc(xs, func(v int) bool { return v%2 == 0 })
	fmt.Println(xs, slices.Compact([]int{1, 1, 2, 2, 2, 3}), slices.Insert([]int{1, 4}, 1, 2, 3))
}
