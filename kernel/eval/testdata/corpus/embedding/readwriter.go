package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// ReadCounter is an io.Reader that counts what passes through it; the
// embedded interface supplies Read.
type ReadCounter struct {
	io.Reader
	Bytes int
}

func (r *ReadCounter) Read(p []byte) (int, error) {
	n, err := r.Reader.Read(p)
	r.Bytes += n
	return n, err
}

type Named interface{ Name() string }
type Aged interface{ Age() int }

// Person satisfies both through one embedded interface.
type Person interface {
	Named
	Aged
}

type employee struct{ name string }

func (e employee) Name() string { return e.name }
func (e employee) Age() int     { return len(e.name) * 7 }

type manager struct {
	employee
	reports []employee
}

func main() {
	rc := &ReadCounter{Reader: strings.NewReader("hello, embedded world")}
	var buf bytes.Buffer
	n, err := io.Copy(&buf, rc)
	fmt.Println(n, err, rc.Bytes, buf.String())

	m := manager{employee{"Grace"}, []employee{{"Al"}, {"Bo"}}}
	var p Person = m
	fmt.Println(p.Name(), p.Age(), len(m.reports))
	for _, r := range m.reports {
		fmt.Println(" reports:", r.Name(), r.Age())
	}
}
