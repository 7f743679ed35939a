package main

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	emailRE = regexp.MustCompile(`([a-z0-9._]+)@([a-z0-9.-]+\.[a-z]{2,})`)
	dateRE  = regexp.MustCompile(`(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})`)
)

func main() {
	text := "Contact ann@example.com or bob.smith@mail.example.org; not me@localhost."
	fmt.Println(emailRE.MatchString(text))
	fmt.Println(emailRE.FindString(text))
	fmt.Println(emailRE.FindAllString(text, -1))
	for _, m := range emailRE.FindAllStringSubmatch(text, -1) {
		fmt.Printf("user=%s domain=%s\n", m[1], m[2])
	}
	fmt.Println(emailRE.FindStringIndex(text))
	fmt.Println(emailRE.ReplaceAllString(text, "<$1 at $2>"))

	m := dateRE.FindStringSubmatch("released on 2024-08-13, patched later")
	for i, name := range dateRE.SubexpNames() {
		if name != "" {
			fmt.Printf("%s=%s ", name, m[i])
		}
	}
	fmt.Println()
	fmt.Println(dateRE.ReplaceAllString("2024-08-13", "${day}/${month}/${year}"))

	censor := regexp.MustCompile(`(?i)\b(darn|heck)\b`)
	fmt.Println(censor.ReplaceAllStringFunc("Darn it, what the heck!", func(w string) string {
		return strings.Repeat("*", len(w))
	}))
	_, err := regexp.Compile(`a(b`)
	fmt.Println(err)
}
