package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

type NotFoundError struct{ Key string }

func (e NotFoundError) Error() string { return "not found: " + e.Key }

type ParseError struct {
	Line int
	Err  error
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *ParseError) Unwrap() error { return e.Err }

var ErrEmpty = errors.New("empty input")

func lookup(m map[string]string, k string) (string, error) {
	v, ok := m[k]
	if !ok {
		return "", NotFoundError{k}
	}
	return v, nil
}

func parse(lines []string) (int, error) {
	if len(lines) == 0 {
		return 0, ErrEmpty
	}
	sum := 0
	for i, l := range lines {
		n, err := strconv.Atoi(l)
		if err != nil {
			return 0, &ParseError{Line: i + 1, Err: err}
		}
		sum += n
	}
	return sum, nil
}

func classify(err error) string {
	switch e := err.(type) {
	case nil:
		return "ok"
	case NotFoundError:
		return "missing key " + e.Key
	case *ParseError:
		return fmt.Sprintf("bad line %d", e.Line)
	default:
		if errors.Is(err, ErrEmpty) {
			return "nothing to do"
		}
		return "other: " + err.Error()
	}
}

func main() {
	m := map[string]string{"a": "1"}
	_, err := lookup(m, "b")
	fmt.Println(classify(err), "|", err)
	_, err = parse([]string{"1", "x"})
	fmt.Println(classify(err), "|", err)
	var numErr *strconv.NumError
	fmt.Println("as NumError:", errors.As(err, &numErr), numErr.Func)
	_, err = parse(nil)
	fmt.Println(classify(err))
	wrapped := fmt.Errorf("loading config: %w", NotFoundError{"port"})
	var nf NotFoundError
	if errors.As(wrapped, &nf) {
		fmt.Println("wrapped key:", nf.Key)
	}
	fmt.Println(errors.Is(wrapped, NotFoundError{"port"}), errors.Is(wrapped, NotFoundError{"host"}))
	_, err = os.Open("/does/not/exist")
	fmt.Println(classify(err) != "", errors.Is(err, os.ErrNotExist))
	n, err := parse([]string{"4", "5"})
	fmt.Println(n, classify(err))
}
