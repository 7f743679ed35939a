package main

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

type Trie struct {
	children map[rune]*Trie
	end      bool
	count    int
}

func NewTrie() *Trie { return &Trie{children: map[rune]*Trie{}} }

func (t *Trie) Insert(w string) {
	n := t
	for _, r := range w {
		next, ok := n.children[r]
		if !ok {
			next = NewTrie()
			n.children[r] = next
		}
		next.count++
		n = next
	}
	n.end = true
}

func (t *Trie) WithPrefix(p string) []string {
	n := t
	for _, r := range p {
		var ok bool
		if n, ok = n.children[r]; !ok {
			return nil
		}
	}
	var out []string
	var walk func(n *Trie, acc []rune)
	walk = func(n *Trie, acc []rune) {
		if n.end {
			out = append(out, string(acc))
		}
		keys := make([]rune, 0, len(n.children))
		for r := range n.children {
			keys = append(keys, r)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		for _, r := range keys {
			walk(n.children[r], append(acc, r))
		}
	}
	walk(n, []rune(p))
	return out
}

func isAnagram(a, b string) bool {
	count := map[rune]int{}
	for _, r := range strings.ToLower(a) {
		if unicode.IsLetter(r) {
			count[r]++
		}
	}
	for _, r := range strings.ToLower(b) {
		if unicode.IsLetter(r) {
			count[r]--
		}
	}
	for _, c := range count {
		if c != 0 {
			return false
		}
	}
	return true
}

func reverseWords(s string) string {
	ws := strings.Fields(s)
	for i, j := 0, len(ws)-1; i < j; i, j = i+1, j-1 {
		ws[i], ws[j] = ws[j], ws[i]
	}
	return strings.Join(ws, " ")
}

func main() {
	t := NewTrie()
	for _, w := range strings.Fields("go gopher golang good gone goal grape") {
		t.Insert(w)
	}
	fmt.Println(t.WithPrefix("go"), t.WithPrefix("gr"), t.WithPrefix("x") == nil)
	fmt.Println(t.children['g'].count, len(t.children))
	fmt.Println(isAnagram("Listen", "Silent"), isAnagram("abc", "abd"))
	fmt.Println(reverseWords("the quick  brown fox"))
	caesar := func(s string, k rune) string {
		return strings.Map(func(r rune) rune {
			switch {
			case r >= 'a' && r <= 'z':
				return 'a' + (r-'a'+k)%26
			case r >= 'A' && r <= 'Z':
				return 'A' + (r-'A'+k)%26
			}
			return r
		}, s)
	}
	enc := caesar("Hello, World", 3)
	fmt.Println(enc, caesar(enc, 23))
	var freq [26]int
	for _, r := range strings.ToLower("Mississippi") {
		freq[r-'a']++
	}
	for i, n := range freq {
		if n > 0 {
			fmt.Printf("%c%d ", 'a'+i, n)
		}
	}
	fmt.Println()
}
