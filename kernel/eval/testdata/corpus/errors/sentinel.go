package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

var ErrEmptyLine = errors.New("empty line")

type ParseError struct {
	Line int
	Err  error
}

func (p *ParseError) Error() string { return fmt.Sprintf("line %d: %v", p.Line, p.Err) }
func (p *ParseError) Unwrap() error { return p.Err }

func parse(r io.Reader) (map[string]string, []error) {
	out := map[string]string{}
	var errs []error
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			errs = append(errs, &ParseError{n, ErrEmptyLine})
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			errs = append(errs, &ParseError{n, fmt.Errorf("no '=' in %q", line)})
			continue
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out, errs
}

func main() {
	input := "host = example.com\nport=8080\n\njunk\nuser = root\n"
	cfg, errs := parse(strings.NewReader(input))
	fmt.Println(cfg)
	for _, err := range errs {
		fmt.Println(err, "| empty:", errors.Is(err, ErrEmptyLine))
	}
	all := errors.Join(errs...)
	fmt.Printf("%d errors, joined:\n%v\n", len(errs), all)

	r := strings.NewReader("ab")
	buf := make([]byte, 4)
	for {
		n, err := r.Read(buf)
		fmt.Println(n, err)
		if err == io.EOF {
			break
		}
	}
}
