package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

type Status int

const (
	Active Status = iota + 1
	Suspended
)

func (s Status) MarshalJSON() ([]byte, error) {
	switch s {
	case Active:
		return json.Marshal("active")
	case Suspended:
		return json.Marshal("suspended")
	}
	return nil, fmt.Errorf("unknown status %d", int(s))
}

func (s *Status) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return err
	}
	switch strings.ToLower(str) {
	case "active":
		*s = Active
	case "suspended":
		*s = Suspended
	default:
		return fmt.Errorf("bad status %q", str)
	}
	return nil
}

type Account struct {
	User    string          `json:"user"`
	Status  Status          `json:"status"`
	Created time.Time       `json:"created"`
	Raw     json.RawMessage `json:"raw,omitempty"`
}

func main() {
	a := Account{"kim", Suspended, time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC), json.RawMessage(`{"a":1}`)}
	b, err := json.Marshal(a)
	fmt.Println(string(b), err)

	var back Account
	err = json.Unmarshal([]byte(`{"user":"lee","status":"ACTIVE","created":"2021-06-01T12:00:00Z"}`), &back)
	fmt.Println(back.User, back.Status == Active, back.Created.Year(), err)

	err = json.Unmarshal([]byte(`{"status":"deleted"}`), &back)
	fmt.Println(err)
	_, err = json.Marshal(Account{Status: 9})
	fmt.Println(err)
}
