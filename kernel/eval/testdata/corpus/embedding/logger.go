package main

import (
	"fmt"
	"strings"
)

type Logger struct {
	prefix string
	lines  []string
}

func (l *Logger) Logf(format string, args ...any) {
	l.lines = append(l.lines, l.prefix+fmt.Sprintf(format, args...))
}

func (l *Logger) Dump() string { return strings.Join(l.lines, "\n") }

// Server gets Logf and Dump from the embedded Logger.
type Server struct {
	*Logger
	Name  string
	conns int
}

func (s *Server) Accept(client string) {
	s.conns++
	s.Logf("accepted %s (%d open)", client, s.conns)
}

type Cache struct {
	Logger
	data map[string]string
}

func (c *Cache) Get(k string) (string, bool) {
	v, ok := c.data[k]
	c.Logf("get %s hit=%t", k, ok)
	return v, ok
}

func main() {
	s := &Server{Logger: &Logger{prefix: "[srv] "}, Name: "api"}
	s.Accept("10.0.0.1")
	s.Accept("10.0.0.2")
	fmt.Println(s.Dump())

	c := Cache{Logger: Logger{prefix: "[cache] "}, data: map[string]string{"a": "1"}}
	c.Get("a")
	c.Get("b")
	fmt.Println(c.Dump())
	fmt.Println(len(c.lines), c.Logger.prefix)
}
