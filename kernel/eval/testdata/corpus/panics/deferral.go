package main

import (
	"errors"
	"fmt"
	"strings"
)

type Resource struct {
	name   string
	closed bool
	log    *[]string
}

func Open(name string, log *[]string) (*Resource, error) {
	if strings.HasPrefix(name, "bad") {
		return nil, fmt.Errorf("open %s: %w", name, errors.ErrUnsupported)
	}
	*log = append(*log, "open "+name)
	return &Resource{name: name, log: log}, nil
}

func (r *Resource) Close() error {
	if r.closed {
		return errors.New("already closed")
	}
	r.closed = true
	*r.log = append(*r.log, "close "+r.name)
	return nil
}

func process(names []string) (n int, err error) {
	var log []string
	defer func() {
		fmt.Println(strings.Join(log, ", "))
	}()
	for _, name := range names {
		r, err := Open(name, &log)
		if err != nil {
			return n, err
		}
		defer func() {
			if cerr := r.Close(); cerr != nil && err == nil {
				err = cerr
			}
		}()
		n++
	}
	return n, nil
}

func counter() (c int) {
	defer func() { c *= 2 }()
	c = 3
	return c + 1
}

func order() {
	for i := 0; i < 3; i++ {
		defer fmt.Print(i, " ")
	}
}

func safe(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint("recovered: ", r)
		}
	}()
	f()
	return "fine"
}

func main() {
	fmt.Println(process([]string{"a", "b", "c"}))
	n, err := process([]string{"x", "bad1", "y"})
	fmt.Println(n, err, errors.Is(err, errors.ErrUnsupported))
	fmt.Println(counter())
	order()
	fmt.Println()
	fmt.Println(safe(func() { panic(fmt.Sprintf("%d problems", 99)) }))
	fmt.Println(safe(func() {}))
	fmt.Println(safe(func() {
		defer func() { fmt.Println("inner defer runs") }()
		var p *Resource
		_ = p.name
	}))
}
