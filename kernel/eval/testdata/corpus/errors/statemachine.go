package main

import (
	"errors"
	"fmt"
	"strings"
)

type State int

const (
	Idle State = iota
	Running
	Paused
	Stopped
)

func (s State) String() string {
	switch s {
	case Idle:
		return "Idle"
	case Running:
		return "Running"
	case Paused:
		return "Paused"
	case Stopped:
		return "Stopped"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

type Event string

var ErrBadTransition = errors.New("bad transition")

type TransitionError struct {
	From State
	On   Event
}

func (e TransitionError) Error() string {
	return fmt.Sprintf("cannot %s when %v", e.On, e.From)
}

func (e TransitionError) Unwrap() error { return ErrBadTransition }

type Machine struct {
	state   State
	history []State
	hooks   map[State][]func(from State)
}

var table = map[State]map[Event]State{
	Idle:    {"start": Running},
	Running: {"pause": Paused, "stop": Stopped},
	Paused:  {"resume": Running, "stop": Stopped},
}

func (m *Machine) OnEnter(s State, f func(from State)) {
	if m.hooks == nil {
		m.hooks = make(map[State][]func(State))
	}
	m.hooks[s] = append(m.hooks[s], f)
}

func (m *Machine) Fire(e Event) error {
	next, ok := table[m.state][e]
	if !ok {
		return TransitionError{m.state, e}
	}
	from := m.state
	m.history = append(m.history, from)
	m.state = next
	for _, h := range m.hooks[next] {
		h(from)
	}
	return nil
}

func main() {
	var m Machine
	var log []string
	m.OnEnter(Running, func(from State) { log = append(log, "run after "+from.String()) })
	m.OnEnter(Stopped, func(from State) { log = append(log, fmt.Sprintf("stop after %v", from)) })
	for _, e := range []Event{"start", "pause", "start", "resume", "stop", "resume"} {
		if err := m.Fire(e); err != nil {
			var te TransitionError
			fmt.Println("error:", err, errors.Is(err, ErrBadTransition), errors.As(err, &te), te.From)
			continue
		}
		fmt.Printf("%-6s -> %v\n", e, m.state)
	}
	fmt.Println(m.history, m.state)
	fmt.Println(strings.Join(log, "; "))
	fmt.Printf("%d %s %v %x\n", m.state, m.state, State(7), Running)
	counts := map[State]int{}
	for _, s := range m.history {
		counts[s]++
	}
	fmt.Println(counts)
}
