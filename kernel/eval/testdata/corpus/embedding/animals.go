package main

import "fmt"

type Animal struct {
	Name string
	Legs int
}

func (a Animal) Describe() string {
	return fmt.Sprintf("%s has %d legs", a.Name, a.Legs)
}

func (a Animal) Sound() string { return "..." }

type Dog struct {
	Animal
	Breed string
}

// Sound shadows Animal's Sound.
func (d Dog) Sound() string { return "woof" }

type Bird struct {
	Animal
	CanFly bool
}

func (b Bird) Sound() string { return "tweet" }

type Speaker interface {
	Sound() string
	Describe() string
}

func main() {
	d := Dog{Animal{"Rex", 4}, "collie"}
	b := Bird{Animal: Animal{Name: "Tweety", Legs: 2}, CanFly: true}

	for _, s := range []Speaker{d, b, Animal{"Snake", 0}} {
		fmt.Printf("%-20s says %s\n", s.Describe(), s.Sound())
	}
	fmt.Println(d.Name, d.Animal.Sound(), d.Breed)
	fmt.Printf("%+v\n", b)
}
