package main

import (
	"errors"
	"fmt"
)

type ValidationError struct {
	Field string
	Value any
	Rule  string
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("invalid %s %v: %s", e.Field, e.Value, e.Rule)
}

type HTTPError struct {
	Code int
	Err  error
}

func (e HTTPError) Error() string { return fmt.Sprintf("http %d: %v", e.Code, e.Err) }
func (e HTTPError) Unwrap() error { return e.Err }

type Signup struct {
	Name string
	Age  int
}

func validate(s Signup) error {
	if s.Name == "" {
		return &ValidationError{"name", s.Name, "must not be empty"}
	}
	if s.Age < 13 {
		return &ValidationError{"age", s.Age, "must be at least 13"}
	}
	return nil
}

func handle(s Signup) error {
	if err := validate(s); err != nil {
		return HTTPError{Code: 400, Err: err}
	}
	return nil
}

func main() {
	for _, s := range []Signup{{"ann", 30}, {"", 20}, {"kid", 9}} {
		err := handle(s)
		if err == nil {
			fmt.Println(s.Name, "ok")
			continue
		}
		fmt.Println("error:", err)
		var ve *ValidationError
		if errors.As(err, &ve) {
			fmt.Printf("  field=%s rule=%q\n", ve.Field, ve.Rule)
		}
		var he HTTPError
		if errors.As(err, &he) {
			fmt.Println("  status", he.Code)
		}
	}
	var err error = (*ValidationError)(nil)
	fmt.Println("typed nil is not nil:", err != nil)
}
