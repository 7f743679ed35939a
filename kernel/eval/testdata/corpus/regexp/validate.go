package main

import (
	"fmt"
	"regexp"
)

type rule struct {
	name string
	re   *regexp.Regexp
}

var rules = []rule{
	{"username", regexp.MustCompile(`^[a-z][a-z0-9_]{2,15}$`)},
	{"hex color", regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}){1,2}$`)},
	{"semver", regexp.MustCompile(`^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$`)},
}

func main() {
	inputs := map[string][]string{
		"username":  {"gopher_1", "1gopher", "ab", "valid_name"},
		"hex color": {"#fff", "#A0B1C2", "#abcd", "fff"},
		"semver":    {"v1.2.3", "10.0.1-beta.2", "1.2", "v1.2.3.4"},
	}
	for _, r := range rules {
		fmt.Println(r.name + ":")
		for _, in := range inputs[r.name] {
			fmt.Printf("  %-14s %v\n", in, r.re.MatchString(in))
		}
	}
	parts := rules[2].re.FindStringSubmatch("v2.11.0-rc.1")
	fmt.Printf("%q\n", parts[1:])

	words := regexp.MustCompile(`\w+`)
	fmt.Println(words.FindAllString("one, two;three  four", 3))
	fmt.Println(string(words.ReplaceAll([]byte("a b"), []byte("[$0]"))))
	fmt.Println(regexp.MustCompile(`a+b*`).FindAllStringIndex("aab ab b aaa", -1))
	fmt.Println(regexp.MustCompile(`,\s*`).Split("a, b,c,   d", -1))
}
