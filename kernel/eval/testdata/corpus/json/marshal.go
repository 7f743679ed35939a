package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type Address struct {
	Street string `json:"street"`
	City   string `json:"city"`
}

type Person struct {
	Name     string            `json:"name"`
	Age      int               `json:"age,omitempty"`
	Email    string            `json:"email,omitempty"`
	Address  *Address          `json:"address,omitempty"`
	Tags     []string          `json:"tags"`
	Meta     map[string]string `json:"meta,omitempty"`
	password string
	Internal string `json:"-"`
}

func main() {
	p := Person{
		Name:     "Ada",
		Age:      36,
		Address:  &Address{"1 Loop Rd", "London"},
		Tags:     []string{"math", "engines"},
		Meta:     map[string]string{"z": "last", "a": "first"},
		password: "secret",
		Internal: "hidden",
	}
	b, err := json.Marshal(p)
	fmt.Println(string(b), err)

	b, _ = json.MarshalIndent(Person{Name: "Bob"}, "", "  ")
	fmt.Println(string(b))

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	enc.Encode(map[string]any{"ok": true, "count": 3, "items": []int{1, 2}})

	b, _ = json.Marshal([]any{1.5, "x", nil, false, map[string]int{"k": 1}})
	fmt.Println(string(b))
	_, err = json.Marshal(map[string]any{"f": func() {}})
	fmt.Println(err)
}
