package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type byLength []string

func (s byLength) Len() int           { return len(s) }
func (s byLength) Less(i, j int) bool { return len(s[i]) < len(s[j]) }
func (s byLength) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

// upperWriter turns what it writes to upper case.
type upperWriter struct{ w io.Writer }

func (u upperWriter) Write(p []byte) (int, error) {
	return u.w.Write([]byte(strings.ToUpper(string(p))))
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func main() {
	fruits := byLength{"banana", "kiwi", "apple", "fig", "cherry"}
	sort.Stable(fruits)
	fmt.Println(fruits)
	sort.Sort(sort.Reverse(fruits))
	fmt.Println(fruits)

	w := upperWriter{os.Stdout}
	fmt.Fprintf(w, "shouting %d words\n", len(fruits))

	cr := &countingReader{r: strings.NewReader("some text to read through an interface")}
	data, err := io.ReadAll(cr)
	fmt.Println(len(data), cr.n, err)

	var r io.Reader = cr
	if _, ok := r.(io.Writer); !ok {
		fmt.Println("a countingReader is not a Writer")
	}
	var empty interface{}
	fmt.Println(empty == nil, fmt.Sprintf("%v", empty))
}
