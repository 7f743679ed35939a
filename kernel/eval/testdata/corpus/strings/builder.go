package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

func wrap(text string, width int) []string {
	var lines []string
	var line strings.Builder
	for _, w := range strings.Fields(text) {
		if line.Len() > 0 && line.Len()+1+len(w) > width {
			lines = append(lines, line.String())
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(w)
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func main() {
	text := "Go is an open source programming language that makes it simple to build secure, scalable systems."
	for i, l := range wrap(text, 30) {
		fmt.Printf("%2d |%-30s|\n", i+1, l)
	}
	fmt.Println(reverse("Hello, 世界"), utf8.RuneCountInString("Hello, 世界"))

	var buf bytes.Buffer
	buf.WriteString("line one\n")
	fmt.Fprintf(&buf, "line %s\n", "two")
	buf.Write([]byte("line three\n"))
	sc := bufio.NewScanner(&buf)
	n := 0
	for sc.Scan() {
		n++
		fmt.Println(n, strings.ToUpper(sc.Text()))
	}
	words := bufio.NewScanner(strings.NewReader("count these five words please"))
	words.Split(bufio.ScanWords)
	count := 0
	for words.Scan() {
		count++
	}
	fmt.Println("words:", count)
	fmt.Println(bytes.Equal([]byte("a"), []byte("a")), bytes.ToUpper([]byte("xyz")))
}
