package main

import (
	"fmt"
	"math/rand"
	"strings"
)

type Cell struct {
	R, C int
}

func findPair(xs []int, target int) (int, int, bool) {
outer:
	for i := range xs {
		for j := i + 1; j < len(xs); j++ {
			switch s := xs[i] + xs[j]; {
			case s == target:
				return i, j, true
			case s > target*10:
				continue outer
			}
		}
	}
	return -1, -1, false
}

func primes(n int) []int {
	sieve := make([]bool, n+1)
	var ps []int
	for i := 2; i <= n; i++ {
		if sieve[i] {
			continue
		}
		ps = append(ps, i)
		for j := i * i; j <= n; j += i {
			sieve[j] = true
		}
	}
	return ps
}

func collatz(n int) (steps int) {
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return
}

func main() {
	fmt.Println(findPair([]int{3, 9, 4, 7, 1}, 11))
	fmt.Println(findPair([]int{1, 2}, 10))
	fmt.Println(primes(50))
	best, arg := 0, 0
	for n := 1; n < 30; n++ {
		if s := collatz(n); s > best {
			best, arg = s, n
		}
	}
	fmt.Println(arg, best)
	grid := [][]rune{
		[]rune("#..#"),
		[]rune(".##."),
		[]rune("...#"),
	}
	var walls []Cell
	for r, row := range grid {
		for c, ch := range row {
			if ch == '#' {
				walls = append(walls, Cell{r, c})
			}
		}
	}
	fmt.Println(len(walls), walls[1:3])
	i := 0
loop:
	if i < 3 {
		fmt.Print(i, " ")
		i++
		goto loop
	}
	fmt.Println()
	rng := rand.New(rand.NewSource(42))
	hist := make([]int, 3)
	for range 300 {
		hist[rng.Intn(3)]++
	}
	total := 0
	for _, h := range hist {
		total += h
	}
	fmt.Println(total, len(hist))
	var sb strings.Builder
	for r := 'a'; r < 'a'+5; r++ {
		sb.WriteRune(r - 32)
	}
	fmt.Println(sb.String())
	var u8 uint8 = 250
	u8 += 10
	var i8 int8 = 127
	i8++
	fmt.Println(u8, i8, 7/2, -7/2, 7%3, -7%3, 1<<10, 0xff&^0x0f)
	x := 0b1011
	fmt.Printf("%b %o %x %X %08b %d\n", x, x, x, 255, 5, 1_000_000)
}
