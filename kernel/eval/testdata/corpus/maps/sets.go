package main

import (
	"fmt"
	"maps"
	"slices"
)

type Set map[string]struct{}

func NewSet(items ...string) Set {
	s := Set{}
	for _, it := range items {
		s[it] = struct{}{}
	}
	return s
}

func (s Set) Has(x string) bool {
	_, ok := s[x]
	return ok
}

func (s Set) Union(o Set) Set {
	out := maps.Clone(s)
	maps.Copy(out, o)
	return out
}

func (s Set) Intersect(o Set) Set {
	out := Set{}
	for k := range s {
		if o.Has(k) {
			out[k] = struct{}{}
		}
	}
	return out
}

func (s Set) Sorted() []string {
	return slices.Sorted(maps.Keys(s))
}

func main() {
	go1 := NewSet("generics", "modules", "embed")
	go2 := NewSet("generics", "iterators", "min", "max")

	fmt.Println("union:", go1.Union(go2).Sorted())
	fmt.Println("both:", go1.Intersect(go2).Sorted())
	fmt.Println("has embed?", go1.Has("embed"), "has cgo?", go1.Has("cgo"))

	m := map[string]int{"x": 1, "y": 2}
	m2 := maps.Clone(m)
	m2["z"] = 3
	fmt.Println(m, m2, maps.Equal(m, m2))
	maps.DeleteFunc(m2, func(k string, v int) bool { return v%2 == 1 })
	fmt.Println(m2)
}
