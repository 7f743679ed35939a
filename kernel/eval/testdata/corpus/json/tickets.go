package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

type Status string

const (
	Open   Status = "open"
	Closed Status = "closed"
)

type Ticket struct {
	ID       int               `json:"id"`
	Title    string            `json:"title"`
	Status   Status            `json:"status"`
	Tags     []string          `json:"tags"`
	Assignee *User             `json:"assignee,omitempty"`
	Extra    map[string]string `json:"extra,omitempty"`
	Created  time.Time         `json:"created"`
	internal int
}

type User struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

func (t Ticket) Validate() error {
	var errs []error
	if strings.TrimSpace(t.Title) == "" {
		errs = append(errs, errors.New("title is empty"))
	}
	if t.Status != Open && t.Status != Closed {
		errs = append(errs, fmt.Errorf("status %q is unknown", t.Status))
	}
	return errors.Join(errs...)
}

func main() {
	created := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tickets := []Ticket{
		{ID: 1, Title: "crash on save", Status: Open, Tags: []string{"bug"}, Assignee: &User{Name: "ann"}, Created: created},
		{ID: 2, Title: " ", Status: "wip", Created: created.Add(time.Hour), internal: 7},
	}
	for _, t := range tickets {
		if err := t.Validate(); err != nil {
			fmt.Printf("ticket %d invalid:\n%v\n", t.ID, err)
		}
	}
	b, err := json.Marshal(tickets)
	fmt.Println(string(b), err)
	var back []Ticket
	if err := json.Unmarshal(b, &back); err != nil {
		fmt.Println("unmarshal:", err)
	}
	fmt.Println(len(back), back[0].Assignee.Name, back[1].Assignee == nil, back[1].Tags == nil, back[0].Created.Equal(created))
	var payload struct {
		Tickets []Ticket `json:"tickets"`
		Total   int      `json:"total"`
	}
	in := `{"tickets":[{"id":9,"title":"x","status":"closed","tags":["a","b"],"extra":{"k":"v"}}],"total":1}`
	dec := json.NewDecoder(strings.NewReader(in))
	dec.DisallowUnknownFields()
	fmt.Println(dec.Decode(&payload), payload.Total, payload.Tickets[0].Extra["k"], payload.Tickets[0].Status == Closed)
	var bad struct{ ID int }
	err = json.NewDecoder(strings.NewReader(`{"ID": 1, "nope": 2}`)).Decode(&bad)
	fmt.Println(bad.ID, err)
	raw := json.RawMessage(`{"deferred": true}`)
	env := map[string]any{"kind": "event", "data": raw}
	out, _ := json.MarshalIndent(env, "", " ")
	fmt.Println(string(out))
}
