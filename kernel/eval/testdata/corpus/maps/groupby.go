package main

import (
	"fmt"
	"sort"
)

type Student struct {
	Name  string
	Grade int
	Score float64
}

func main() {
	students := []Student{
		{"Ana", 3, 91.5},
		{"Ben", 2, 78},
		{"Cai", 3, 85},
		{"Dee", 1, 99},
		{"Eli", 2, 88.5},
		{"Fay", 3, 70},
	}

	byGrade := map[int][]Student{}
	for _, s := range students {
		byGrade[s.Grade] = append(byGrade[s.Grade], s)
	}

	grades := make([]int, 0, len(byGrade))
	for g := range byGrade {
		grades = append(grades, g)
	}
	sort.Ints(grades)

	for _, g := range grades {
		group := byGrade[g]
		sum := 0.0
		names := []string{}
		for _, s := range group {
			sum += s.Score
			names = append(names, s.Name)
		}
		fmt.Printf("grade %d: %v average %.2f\n", g, names, sum/float64(len(group)))
	}

	// A map of maps needs its inner maps made before use.
	seen := map[string]map[string]bool{}
	pairs := [][2]string{{"a", "b"}, {"a", "c"}, {"b", "c"}, {"a", "b"}}
	for _, p := range pairs {
		if seen[p[0]] == nil {
			seen[p[0]] = map[string]bool{}
		}
		seen[p[0]][p[1]] = true
	}
	fmt.Println(seen)
	fmt.Println(len(seen["a"]), seen["b"]["c"], seen["z"]["q"])
}
