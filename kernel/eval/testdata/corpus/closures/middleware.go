package main

import (
	"fmt"
	"sort"
	"strings"
)

type Middleware func(Handler) Handler
type Handler func(string) string

func Chain(h Handler, ms ...Middleware) Handler {
	for i := len(ms) - 1; i >= 0; i-- {
		h = ms[i](h)
	}
	return h
}

func Logger(prefix string, log *[]string) Middleware {
	return func(next Handler) Handler {
		return func(s string) string {
			*log = append(*log, prefix+" in: "+s)
			out := next(s)
			*log = append(*log, prefix+" out: "+out)
			return out
		}
	}
}

func counter() (func() int, func()) {
	n := 0
	return func() int { n++; return n }, func() { n = 0 }
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

type EventBus struct {
	handlers map[string][]func(any)
}

func (b *EventBus) On(ev string, f func(any)) {
	if b.handlers == nil {
		b.handlers = map[string][]func(any){}
	}
	b.handlers[ev] = append(b.handlers[ev], f)
}

func (b *EventBus) Emit(ev string, payload any) int {
	for _, h := range b.handlers[ev] {
		h(payload)
	}
	return len(b.handlers[ev])
}

func main() {
	var log []string
	h := Chain(strings.ToUpper, Logger("A", &log), Logger("B", &log))
	fmt.Println(h("hi"))
	fmt.Println(strings.Join(log, " | "))
	next, reset := counter()
	next()
	next()
	fmt.Println(next())
	reset()
	fmt.Println(next())
	calls := 0
	var fib func(int) int
	fib = memo(func(n int) int {
		calls++
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	})
	fmt.Println(fib(40), calls)
	var bus EventBus
	total := 0
	bus.On("add", func(p any) { total += p.(int) })
	bus.On("add", func(p any) { total += 10 * p.(int) })
	bus.On("name", func(p any) { fmt.Println("hello,", p) })
	fmt.Println(bus.Emit("add", 2), bus.Emit("name", "bus"), bus.Emit("none", nil), total)
	funcs := make([]func() int, 3)
	for i := range funcs {
		funcs[i] = func() int { return i * i }
	}
	for _, f := range funcs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	people := []struct {
		Name string
		Age  int
	}{{"al", 30}, {"bo", 25}, {"cy", 30}}
	sort.SliceStable(people, func(i, j int) bool { return people[i].Age < people[j].Age })
	fmt.Println(people)
	defer fmt.Println("deferred in main")
	func() {
		defer func() { fmt.Println("inner deferred") }()
		fmt.Println("inner body")
	}()
}
