package main

import (
	"fmt"
	"strings"
)

type Level int

const (
	Debug Level = iota
	Info
	Warn
	Error
)

func (l Level) String() string {
	switch l {
	case Debug:
		return "DEBUG"
	case Info:
		return "INFO"
	case Warn:
		return "WARN"
	case Error:
		return "ERROR"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

type IP [4]byte

func (ip IP) String() string {
	parts := make([]string, len(ip))
	for i, b := range ip {
		parts[i] = fmt.Sprint(b)
	}
	return strings.Join(parts, ".")
}

type Temperature float64

func (t Temperature) String() string { return fmt.Sprintf("%.1f°C", float64(t)) }

func main() {
	for l := Debug; l <= Error+1; l++ {
		fmt.Println(l)
	}
	hosts := map[string]IP{"loopback": {127, 0, 0, 1}, "dns": {8, 8, 8, 8}}
	fmt.Println(hosts)
	fmt.Printf("%v and %s and %d\n", hosts["dns"], hosts["loopback"], hosts["dns"])

	temps := []Temperature{21.5, -3, 100}
	fmt.Println(temps)
	var s fmt.Stringer = Warn
	fmt.Printf("%v %q %T\n", s, s, s)
	fmt.Println(fmt.Sprintf("%08.3f|%-6v|", Temperature(3.14159), Info))
}
