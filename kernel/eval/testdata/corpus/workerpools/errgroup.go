package main

import (
	"errors"
	"fmt"
	"strings"
	"sync"
)

// process fails for words containing a digit.
func process(word string) (string, error) {
	if strings.ContainsAny(word, "0123456789") {
		return "", fmt.Errorf("word %q has a digit", word)
	}
	return strings.ToUpper(word), nil
}

// runAll processes words with n workers and keeps results in input order.
func runAll(words []string, n int) ([]string, error) {
	out := make([]string, len(words))
	errs := make([]error, len(words))
	idx := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				out[i], errs[i] = process(words[i])
			}
		}()
	}
	for i := range words {
		idx <- i
	}
	close(idx)
	wg.Wait()
	return out, errors.Join(errs...)
}

func main() {
	res, err := runAll([]string{"go", "is", "fun", "to", "write"}, 2)
	fmt.Println(res, err)

	res, err = runAll([]string{"r2d2", "ok", "c3po"}, 4)
	fmt.Printf("%q\n", res)
	fmt.Println("errors:")
	fmt.Println(err)
}
