package main

import (
	"fmt"
	"strings"
)

type handler func(string) string

// logged wraps h so that each call is recorded in log.
func logged(log *[]string, name string, h handler) handler {
	return func(in string) string {
		out := h(in)
		*log = append(*log, fmt.Sprintf("%s(%q) = %q", name, in, out))
		return out
	}
}

// chain applies the handlers from left to right.
func chain(hs ...handler) handler {
	return func(in string) string {
		for _, h := range hs {
			in = h(in)
		}
		return in
	}
}

func memo(f func(int) int) func(int) int {
	cache := map[int]int{}
	return func(n int) int {
		if v, ok := cache[n]; ok {
			return v
		}
		v := f(n)
		cache[n] = v
		return v
	}
}

func main() {
	var log []string
	upper := logged(&log, "upper", strings.ToUpper)
	trim := logged(&log, "trim", strings.TrimSpace)
	exclaim := logged(&log, "exclaim", func(s string) string { return s + "!" })

	h := chain(trim, upper, exclaim)
	fmt.Println(h("  hello closures  "))
	for _, line := range log {
		fmt.Println(" ", line)
	}

	calls := 0
	var fib func(int) int
	fib = memo(func(n int) int {
		calls++
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	})
	fmt.Println("fib(40) =", fib(40), "computed with", calls, "calls")
}
