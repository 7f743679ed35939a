package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
)

var ErrNotFound = errors.New("not found")

type user struct {
	id   int
	name string
}

var users = []user{{1, "ann"}, {2, "bob"}}

func findUser(id int) (user, error) {
	for _, u := range users {
		if u.id == id {
			return u, nil
		}
	}
	return user{}, fmt.Errorf("user %d: %w", id, ErrNotFound)
}

func parseAndFind(s string) (user, error) {
	id, err := strconv.Atoi(s)
	if err != nil {
		return user{}, fmt.Errorf("parse id %q: %w", s, err)
	}
	return findUser(id)
}

func main() {
	for _, in := range []string{"1", "7", "x2"} {
		u, err := parseAndFind(in)
		switch {
		case errors.Is(err, ErrNotFound):
			fmt.Println("missing:", err)
		case err != nil:
			var numErr *strconv.NumError
			if errors.As(err, &numErr) {
				fmt.Println("bad number:", numErr.Num, "-", numErr.Err)
			}
			fmt.Println("unwrapped:", errors.Unwrap(err))
		default:
			fmt.Println("found", u.name)
		}
	}

	_, err := os.Open("/definitely/not/here.txt")
	fmt.Println(errors.Is(err, fs.ErrNotExist))
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		fmt.Println(pathErr.Op, pathErr.Path)
	}

	joined := errors.Join(ErrNotFound, errors.New("timeout"))
	fmt.Println(joined)
	fmt.Println(errors.Is(joined, ErrNotFound))
}
