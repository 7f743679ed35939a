package main

import (
	"fmt"
	"strings"
)

type parseError struct{ msg string }

// parse uses panics inside and converts its own to an error at the
// boundary, re-panicking anything else.
func parse(expr string) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(parseError)
			if !ok {
				panic(r)
			}
			err = fmt.Errorf("parse %q: %s", expr, pe.msg)
		}
	}()
	for _, f := range strings.Split(expr, "+") {
		n += digit(strings.TrimSpace(f))
	}
	return n, nil
}

func digit(s string) int {
	if len(s) != 1 || s[0] < '0' || s[0] > '9' {
		panic(parseError{fmt.Sprintf("bad term %q", s)})
	}
	if s == "0" {
		var p *parseError
		return len(p.msg) // a nil dereference: not a parseError
	}
	return int(s[0] - '0')
}

func main() {
	for _, e := range []string{"1+2+3", "4 + x", "9+"} {
		n, err := parse(e)
		fmt.Println(n, err)
	}
	func() {
		defer func() {
			r := recover()
			fmt.Println("re-panicked:", r != nil)
			if err, ok := r.(error); ok {
				fmt.Println("it is a runtime error:", strings.Contains(err.Error(), "nil pointer"))
			}
		}()
		parse("1+0")
	}()
	fmt.Println("done")
}
