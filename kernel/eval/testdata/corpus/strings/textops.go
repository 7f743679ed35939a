package main

import (
	"fmt"
	"strings"
	"unicode"
)

func isPalindrome(s string) bool {
	var letters []rune
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) {
			letters = append(letters, r)
		}
	}
	for i, j := 0, len(letters)-1; i < j; i, j = i+1, j-1 {
		if letters[i] != letters[j] {
			return false
		}
	}
	return true
}

func main() {
	s := "  Hello, Gophers! Welcome to Go.  "
	t := strings.TrimSpace(s)
	fmt.Printf("%q\n", t)
	fmt.Println(strings.ToUpper(t), strings.ToLower(t))
	fmt.Println(strings.Contains(t, "Go"), strings.HasPrefix(t, "Hello"), strings.HasSuffix(t, "!"))
	fmt.Println(strings.Index(t, "Go"), strings.LastIndex(t, "Go"), strings.Count(t, "o"))
	fmt.Println(strings.Split("a,b,,c", ","), len(strings.Split("a,b,,c", ",")))
	fmt.Println(strings.Fields(" many   spaces\there "))
	fmt.Println(strings.Replace("oink oink oink", "k", "ky", 2), strings.ReplaceAll("oink oink", "oink", "moo"))
	fmt.Println(strings.ToTitle("x"), strings.Repeat("ab", 3), strings.Join([]string{"x", "y", "z"}, "/"))
	before, after, found := strings.Cut("key=value=more", "=")
	fmt.Println(before, after, found)
	fmt.Println(strings.EqualFold("GoLang", "golang"), strings.TrimLeft("xxhixx", "x"), strings.TrimSuffix("file.go", ".go"))
	fmt.Println(strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, "a1b2c3"))

	word := "héllo, 世界"
	fmt.Println(len(word), len([]rune(word)))
	for i, r := range "aé世" {
		fmt.Printf("%d:%c(%d) ", i, r, r)
	}
	fmt.Println()
	for _, p := range []string{"A man, a plan, a canal: Panama", "Gopher"} {
		fmt.Println(p, "->", isPalindrome(p))
	}
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;")
	fmt.Println(r.Replace("<b>bold</b>"))
}
