package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

type Animal interface {
	Sound() string
	Name() string
}

type Base struct{ name string }

func (b Base) Name() string { return b.name }

type Dog struct {
	Base
	Breed string
}

func (Dog) Sound() string { return "woof" }

type Cat struct{ Base }

func (c Cat) Sound() string  { return "meow" }
func (c Cat) Name() string   { return "cat " + c.Base.Name() }
func (c Cat) String() string { return "Cat<" + c.name + ">" }

type Walker interface{ Walk() string }
type Pet interface {
	Animal
	Walker
}

func (d Dog) Walk() string { return d.name + " walks" }

type upperWriter struct{ w io.Writer }

func (u upperWriter) Write(p []byte) (int, error) {
	return u.w.Write([]byte(strings.ToUpper(string(p))))
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

var ErrNoPet = errors.New("no pet")

func adopt(a Animal) (Pet, error) {
	if p, ok := a.(Pet); ok {
		return p, nil
	}
	return nil, fmt.Errorf("adopt %s: %w", a.Name(), ErrNoPet)
}

func main() {
	zoo := []Animal{Dog{Base{"rex"}, "lab"}, Cat{Base{"tom"}}}
	for _, a := range zoo {
		fmt.Printf("%s says %s\n", a.Name(), a.Sound())
		if s, ok := a.(fmt.Stringer); ok {
			fmt.Println(" stringer:", s.String())
		}
		p, err := adopt(a)
		if errors.Is(err, ErrNoPet) {
			fmt.Println(" ", err)
			continue
		}
		fmt.Println(" ", p.Walk())
	}
	fmt.Println(zoo)
	fmt.Fprintf(upperWriter{os.Stdout}, "hello, %s!\n", "writer")
	cr := &countingReader{r: strings.NewReader("some text to count")}
	data, _ := io.ReadAll(cr)
	fmt.Println(len(data), cr.n)
	var w io.Writer = upperWriter{os.Stdout}
	if _, ok := w.(io.StringWriter); !ok {
		fmt.Println("not a StringWriter")
	}
	fmt.Fprintln(w, "done")
}
