package main

import "fmt"

type point struct{ X, Y int }

type wrapper struct {
	Label string
	P     *point
	Tags  []string
	M     map[string]int
}

func main() {
	p := point{1, 2}
	fmt.Printf("%v | %+v | %#v | %T\n", p, p, p, p)
	fmt.Printf("%d %b %o %x %X %#x %c %U\n", 255, 5, 8, 255, 255, 255, 'G', 'G')
	fmt.Printf("%f %.2f %8.3f|%-8.2f|%e %g\n", 3.14159, 3.14159, 3.14159, 3.14159, 123456.789, 0.000012)
	fmt.Printf("%s %q %x % x %10s|%-10s|\n", "go", "go\n", "go", "go", "right", "left")
	fmt.Printf("%t %v %p\n", true, nil, nil)
	fmt.Printf("%5d|%-5d|%05d|%+d\n", 42, 42, 42, 42)
	fmt.Printf("%*d|%-*d|\n", 6, 7, 6, 7)
	fmt.Printf("%[2]d %[1]d %d\n", 10, 20)
	fmt.Printf("%v %d\n", []byte("hi"), []int{1, 2})
	fmt.Printf("%q\n", []string{"a", "b c"})

	w := wrapper{"w", &p, []string{"x"}, map[string]int{"b": 2, "a": 1}}
	fmt.Printf("%v\n%+v\n", w.M, w.Tags)
	fmt.Printf("%v %+v\n", *w.P, w.Label)
	s := fmt.Sprintf("%6.2f%%", 12.3456)
	fmt.Println(s, len(s))
	fmt.Println(fmt.Sprint("a", 1, 2, "b", "c", 3.5), fmt.Sprintln("x", 1))
}
